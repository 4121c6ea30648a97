import { inputError } from "../../../errors.js";
import type { SpectrumCollector, SpectrumSource } from "./collect.js";
import type { LineSource } from "./lineSource.js";
import { collectRows } from "./rows.js";

/**
 * Scribner ZPlot/ZView `.z` text. The file names its columns only in prose (old ZView: a quoted
 * `Freq (Hz) Ampl Bias Time(Sec) Z'(a) Z''(b) GD Err Range` line; ZPlot2: a long header ending in
 * `End Comments`), the rows being comma- or tab-separated in that order, Z''(b) = Im(Z). Layout as
 * shown in mikexstudios/impconv's README and read by impedance.py's `readZPlot` (columns 0, 4, 5).
 */
const COLUMNS = [
  { index: 0, name: "Freq(Hz)", factor: 1 },
  { index: 4, name: "Z'(a)", factor: 1 },
  { index: 5, name: "Z''(b)", factor: 1 },
];

const isDataRow = (text: string) => /^\s*[-+]?(\d|\.\d)/.test(text) && /[,\t]/.test(text);

/** Lines looked through for the first data row (ZPlot2 headers run to about a hundred lines). */
const HEADER_LINES = 1000;

export function collectZPlot(source: LineSource, file: SpectrumSource, collector: SpectrumCollector): void {
  const first = source.find(isDataRow, 2, HEADER_LINES);
  if (!first) {
    throw inputError(
      file.field,
      `${file.file}: a ZPlot/ZView file with no data rows in its first ${HEADER_LINES} lines`,
    );
  }
  const delimiter = first.text.includes("\t") ? "\t" : ",";
  const rows = (function* () {
    for (const row of source.lines()) if (row.line >= first.line) yield row;
  })();
  collectRows(rows, { delimiter, columns: COLUMNS }, file, collector);
}
