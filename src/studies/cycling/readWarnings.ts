import type { ReadSummary } from "../../cell/data/stream.js";

/**
 * Warnings for what a cycling run had to guess: units the file does not state (taken as SI) and
 * the sign of the plating current when the scenario leaves it to the cell type.
 */
export function guessWarnings(
  summary: ReadSummary | undefined,
  fields: string[],
  platingCurrent: string | undefined,
  guessedSign: "negative" | "positive",
): string[] {
  const warnings: string[] = [];
  for (const field of fields) {
    const column = summary?.columns[field];
    if (column?.unitFrom === "assumed") {
      warnings.push(
        `params.data.units.${field}: unit guessed; column "${column.header}" names none and is read as SI`,
      );
    }
  }
  if (summary && platingCurrent === undefined) {
    warnings.push(
      `params.platingCurrent: current sign convention guessed: Li plating taken as ${guessedSign} current ` +
        "(from cellType); set platingCurrent if the file counts the other way",
    );
  }
  return warnings;
}
