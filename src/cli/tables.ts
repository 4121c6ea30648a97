import { dirname, resolve } from "node:path";
import { resolveCsvTables as resolveWith } from "../studies/csvTables.js";
import { readLinesSync } from "./lines.js";

/**
 * The scenario's `{ csv: file }` tables filled in from files named relative to the scenario file
 * (src/studies/csvTables.ts reads them; the page does the same with the files picked there).
 */
export async function resolveCsvTables(value: unknown, scenarioPath: string): Promise<unknown> {
  return resolveWith(value, (file, field) =>
    readLinesSync(resolve(dirname(scenarioPath), file), field, file, "CSV file"),
  );
}
