import { z } from "zod";
import { type ColumnRule, resolveColumns } from "../cell/data/columns.js";
import { knownLayoutsText, LAYOUTS } from "../cell/data/layouts.js";
import { readTable, type TableFormat } from "../cell/data/tabular.js";
import { inputError } from "../errors.js";
import type { RunContext } from "./types.js";

const FILE_FIELD = "params.data.file";

/** A measured data file named in a scenario; the CLI reads it relative to the scenario file. */
export const dataFileSchema = z
  .strictObject({
    file: z.string().min(1),
    format: z
      .enum(LAYOUTS.map((l) => l.id) as [TableFormat, ...TableFormat[]])
      .optional()
      .meta({ description: "default: found from the file's content (docs/cell-formats.md)" }),
    columns: z
      .record(z.string(), z.string())
      .default({})
      .meta({ description: "canonical field -> column header" }),
    units: z
      .record(z.string(), z.string())
      .default({})
      .meta({ description: "canonical field -> unit, for headers without units" }),
  })
  .meta({
    description:
      "measured data: an Arbin, Maccor, Neware, BEEP or Battery Data Format CSV, a BioLogic EC-Lab .mpt, or any CSV with a header row",
  });

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
  for (const field of Object.keys(data.columns)) {
    if (!rules.some((r) => r.field === field)) {
      throw inputError(
        `params.data.columns.${field}`,
        `unknown field; expected one of ${rules.map((r) => r.field).join(", ")}`,
      );
    }
  }
  const table = readTable(context.readLines(data.file), data.format, {
    source: data.file,
    field: FILE_FIELD,
  });
  const noColumn = (rule: ColumnRule) =>
    inputError(
      FILE_FIELD,
      `${data.file}, line ${table.headerLine}: no ${rule.field} column (read as ${table.layout.id}; looked for ${rule.aliases.join(", ")}); ` +
        `the header is "${table.headerText.slice(0, 300)}". Known layouts: ${knownLayoutsText()}. ` +
        `Or name the column in data.columns.${rule.field}`,
    );
  const columns = resolveColumns(table.headers, rules, data.columns, data.units, table.layout, noColumn);
  const resolved = rules.map((r) => columns[r.field]);
  const wanted = resolved.flatMap((c) => (c ? [c.index] : []));
  const out = new Float64Array(rules.length);
  for (const { values, line } of table.rows(wanted)) {
    for (let k = 0; k < resolved.length; k++) {
      const column = resolved[k];
      out[k] = column ? values[column.index] * column.factor : Number.NaN;
      if (column && rules[k].required && Number.isNaN(out[k])) {
        const header = table.headers[column.index];
        throw inputError(
          FILE_FIELD,
          `${data.file}, line ${line}, column "${header.unit ? `${header.name}/${header.unit}` : header.name}": empty ${rules[k].field} cell`,
        );
      }
    }
    onRow(out, line);
  }
}
