import { z } from "zod";
import type { ColumnRule, TableFormat } from "../../cell/index.js";
import { LAYOUTS, type ReadSummary, streamCellColumns } from "../../cell/index.js";
import { inputError } from "../../errors.js";
import type { RunContext } from "../types.js";

/**
 * A measured data file named in a scenario; the CLI reads it relative to the scenario file. Shared by
 * cycling, ccd-ramp (cycler exports) and eis-fit (impedance spectra).
 */
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

/** The columns every cycler export has, as cycling and ccd-ramp read them. */
export const CYCLER_COLUMNS: ColumnRule[] = [
  { field: "time", siUnit: "s", aliases: ["test time", "time", "time/s", "total time", "t"], required: true },
  { field: "current", siUnit: "A", aliases: ["current", "<i>", "i", "current (a)"], required: true },
  {
    field: "voltage",
    siUnit: "V",
    aliases: ["voltage", "ewe", "<ewe>", "ecell", "potential", "u"],
    required: true,
  },
];

/** Warnings for units the file does not state, which are then taken as SI. */
export function unitWarnings(summary: ReadSummary | undefined, fields: string[]): string[] {
  return fields.flatMap((field) => {
    const column = summary?.columns[field];
    return column?.unitFrom === "assumed"
      ? [`params.data.units.${field}: unit guessed; column "${column.header}" names none and is read as SI`]
      : [];
  });
}
