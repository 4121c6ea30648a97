import type { ReadSummary } from "../../cell/index.js";

/** Warnings for units the file does not state, which are then taken as SI. */
export function unitWarnings(summary: ReadSummary | undefined, fields: string[]): string[] {
  return fields.flatMap((field) => {
    const column = summary?.columns[field];
    return column?.unitFrom === "assumed"
      ? [`params.data.units.${field}: unit guessed; column "${column.header}" names none and is read as SI`]
      : [];
  });
}

/** Warning for a file read with the plating sign the cell type implies, the scenario giving none. */
export function signWarning(
  summary: ReadSummary | undefined,
  platingCurrent: string | undefined,
  guessedSign: "negative" | "positive",
): string[] {
  if (!summary || platingCurrent !== undefined) return [];
  return [
    `params.platingCurrent: current sign convention guessed: Li plating taken as ${guessedSign} current ` +
      "(from cellType); set platingCurrent if the file counts the other way",
  ];
}
