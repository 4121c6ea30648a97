import { parse } from "csv-parse/browser/esm/sync";
import { inputError } from "../errors.js";

/** The lines of a file a scenario names, as a run context's `readLines`. */
export type ReadLines = (file: string, field: string) => Iterable<string>;

/**
 * A scenario may stand a table in for `{ csv: "file.csv" }` anywhere (e.g. a collector profile).
 * The file's header names the fields, optionally with a unit as in the Battery Data Format:
 * `x / um, height / um`. Each row becomes an object of quantity strings ("1.5 um"), so the
 * study schema validates and converts it like any inline table. `readLines` is the surface's
 * reader (the CLI's files relative to the scenario, the page's picked files), so both word the
 * same refusals.
 */
export function resolveCsvTables(value: unknown, readLines: ReadLines, path = ""): unknown {
  if (Array.isArray(value)) return value.map((item, k) => resolveCsvTables(item, readLines, `${path}[${k}]`));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && entries[0][0] === "csv")
    return readTable(entries[0][1], readLines, `${path}.csv`);
  const resolved: Record<string, unknown> = {};
  for (const [key, item] of entries)
    resolved[key] = resolveCsvTables(item, readLines, path ? `${path}.${key}` : key);
  return resolved;
}

function readTable(file: unknown, readLines: ReadLines, path: string): Record<string, string>[] {
  if (typeof file !== "string")
    throw inputError(path, `expected a CSV file name, got ${JSON.stringify(file)}`);
  // A table is a few hundred rows at most: joining its lines costs nothing and lets the CSV
  // library handle quoting across lines.
  const text = Array.from(readLines(file, path)).join("\n");
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    // Row lengths are checked below, to name the file's line (comments and blank lines counted).
    rows = parse(text, {
      bom: true,
      comment: "#",
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: true,
    }) as unknown as typeof rows;
  } catch (error) {
    throw inputError(path, `${file} is not valid CSV: ${(error as Error).message}`);
  }
  if (rows.length < 2) throw inputError(path, `${file} needs a header line and at least one row`);
  const columns = rows[0].record.map((header) => {
    const [name, unit] = header.split("/").map((part) => part.trim());
    return { name, unit };
  });
  return rows.slice(1).map(({ record: row, info }) => {
    if (row.length !== columns.length) {
      throw inputError(
        path,
        `${file} line ${info.lines}: expected ${columns.length} values, got ${row.length}`,
      );
    }
    return Object.fromEntries(columns.map((c, k) => [c.name, c.unit ? `${row[k]} ${c.unit}` : row[k]]));
  });
}
