import { z } from "zod";
import type { ColumnRule, TableFormat } from "../cell/index.js";
import { LAYOUTS, type ReadSummary, streamCellColumns } from "../cell/index.js";
import { inputError } from "../errors.js";
import type { RunContext } from "./types.js";

/** A measured data file named in a scenario; the CLI reads it relative to the scenario file. */
export const dataFileSchema = z
  .strictObject({
    file: z.string().min(1).meta({
      description:
        "cycler or potentiostat export: CSV/text (Arbin, Maccor, Neware, BDF), EC-Lab .mpt or an .xlsx workbook",
    }),
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
 * Returns the layout found and each field's column and unit source (for "unit guessed" warnings).
 */
export function streamColumns(
  data: DataFile,
  context: RunContext,
  rules: ColumnRule[],
  onRow: (values: Float64Array, line: number) => void,
): ReadSummary {
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
  return streamCellColumns(
    context.readLines(data.file),
    { ...data, field: "params.data.file" },
    rules,
    onRow,
  );
}
