import { z } from "zod";
import { type ColumnRule, readTable, resolveColumns, type TableFormat } from "../cell/index.js";
import { inputError } from "../errors.js";
import type { RunContext } from "./types.js";

/** A measured data file named in a scenario; the CLI reads it relative to the scenario file. */
export const dataFileSchema = z
  .strictObject({
    file: z.string().min(1),
    format: z
      .enum(["csv", "biologic-mpt"])
      .optional()
      .meta({ description: "default: from the extension (.mpt = BioLogic)" }),
    columns: z
      .record(z.string(), z.string())
      .default({})
      .meta({ description: "canonical field -> column header" }),
    units: z
      .record(z.string(), z.string())
      .default({})
      .meta({ description: "canonical field -> unit, for headers without units" }),
  })
  .meta({ description: "measured data: CSV with a header row, or a BioLogic EC-Lab .mpt text export" });

export type DataFile = z.output<typeof dataFileSchema>;

/**
 * Streams the rows of a data file as SI values of the requested fields, in rule order
 * (NaN for optional fields the file lacks). `onRow` gets a reused array: copy what you keep.
 */
export function streamColumns(
  data: DataFile,
  context: RunContext,
  rules: ColumnRule[],
  onRow: (values: Float64Array, line: number) => void,
): void {
  if (!context.readLines) {
    throw inputError(
      "params.data.file",
      "this run cannot read files (give the data inline or run from the CLI)",
    );
  }
  const format: TableFormat =
    data.format ?? (data.file.toLowerCase().endsWith(".mpt") ? "biologic-mpt" : "csv");
  const table = readTable(context.readLines(data.file), format);
  const columns = resolveColumns(table.headers, rules, data.columns, data.units);
  const resolved = rules.map((r) => columns[r.field]);
  for (const field of Object.keys(data.columns)) {
    if (!rules.some((r) => r.field === field)) {
      throw inputError(
        `params.data.columns.${field}`,
        `unknown field; expected one of ${rules.map((r) => r.field).join(", ")}`,
      );
    }
  }
  const out = new Float64Array(rules.length);
  for (const { values, line } of table.rows()) {
    for (let k = 0; k < resolved.length; k++) {
      const column = resolved[k];
      out[k] = column ? values[column.index] * column.factor : Number.NaN;
    }
    onRow(out, line);
  }
}
