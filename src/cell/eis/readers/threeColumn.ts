import type { SpectrumCollector, SpectrumSource } from "./collect.js";
import type { LineSource, NumberedLine } from "./lineSource.js";
import { collectRows } from "./rows.js";

/** Cells of a line of numbers: tab, semicolon, comma or spaces between them. */
export function numericDelimiter(text: string): string | RegExp {
  const trimmed = text.trim();
  if (trimmed.includes("\t")) return "\t";
  if (trimmed.includes(";")) return ";";
  if (/\s/.test(trimmed.replace(/,\s+/g, ","))) return /\s+/;
  return ",";
}

/** A line that is only numbers (a data row of a headerless file), with its cell count. */
export function numericCells(text: string): number {
  const cells = text.trim().split(numericDelimiter(text));
  const numeric = cells.every((c) => /^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$/.test(c.trim()));
  return numeric ? cells.length : 0;
}

/**
 * A headerless `f, Z', Z''` file (what impedance.py's `readCSV` reads and many scripts write). The
 * third column is Im(Z), negative on a capacitive arc; a file whose Z'' is mostly positive likely
 * holds -Im(Z): the caller is told so, since the file cannot say.
 */
export function collectThreeColumns(
  source: LineSource,
  first: NumberedLine,
  file: SpectrumSource,
  collector: SpectrumCollector,
): void {
  const delimiter = numericDelimiter(first.text);
  const rows = (function* () {
    for (const row of source.lines()) if (row.line >= first.line) yield row;
  })();
  collectRows(
    rows,
    {
      delimiter,
      columns: [
        { index: 0, name: "column 1 (f)", factor: 1 },
        { index: 1, name: "column 2 (Z')", factor: 1 },
        { index: 2, name: "column 3 (Z'')", factor: 1 },
      ],
    },
    file,
    collector,
  );
}
