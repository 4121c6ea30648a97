import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { inputError } from "../errors.js";
import { dataFileError } from "./lines.js";

/**
 * A scenario may stand a table in for `{ csv: "file.csv" }` anywhere (e.g. a collector profile).
 * The file's header names the fields, optionally with a unit as in the Battery Data Format:
 * `x / um, height / um`. Each row becomes an object of quantity strings ("1.5 um"), so the
 * study schema validates and converts it like any inline table.
 */
export async function resolveCsvTables(value: unknown, scenarioPath: string, path = ""): Promise<unknown> {
  if (Array.isArray(value)) {
    return Promise.all(value.map((item, k) => resolveCsvTables(item, scenarioPath, `${path}[${k}]`)));
  }
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && entries[0][0] === "csv")
    return readTable(entries[0][1], scenarioPath, `${path}.csv`);
  const resolved: Record<string, unknown> = {};
  for (const [key, item] of entries)
    resolved[key] = await resolveCsvTables(item, scenarioPath, path ? `${path}.${key}` : key);
  return resolved;
}

async function readTable(
  file: unknown,
  scenarioPath: string,
  path: string,
): Promise<Record<string, string>[]> {
  if (typeof file !== "string")
    throw inputError(path, `expected a CSV file name, got ${JSON.stringify(file)}`);
  const location = resolve(dirname(scenarioPath), file);
  let text: string;
  try {
    text = await readFile(location, "utf8");
  } catch (error) {
    throw dataFileError(path, file, location, error, "CSV file");
  }
  let rows: string[][];
  try {
    rows = parse(text, { comment: "#", skip_empty_lines: true, trim: true });
  } catch (error) {
    throw inputError(path, `${file} is not valid CSV: ${(error as Error).message}`);
  }
  if (rows.length < 2) throw inputError(path, `${file} needs a header line and at least one row`);
  const columns = rows[0].map((header) => {
    const [name, unit] = header.split("/").map((part) => part.trim());
    return { name, unit };
  });
  return rows.slice(1).map((row, r) => {
    if (row.length !== columns.length) {
      throw inputError(path, `${file} line ${r + 2}: expected ${columns.length} values, got ${row.length}`);
    }
    return Object.fromEntries(columns.map((c, k) => [c.name, c.unit ? `${row[k]} ${c.unit}` : row[k]]));
  });
}
