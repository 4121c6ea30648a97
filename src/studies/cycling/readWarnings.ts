import type { ReadSummary } from "../../cell/index.js";

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
