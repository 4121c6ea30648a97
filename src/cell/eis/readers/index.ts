import { inputError } from "../../../errors.js";
import type { CellFile } from "../../data/stream.js";
import { parseHeader } from "../../data/tabular.js";
import type { ImpedanceSpectrum } from "../fit.js";
import { type ReadWarning, SpectrumCollector } from "./collect.js";
import { collectGamry } from "./gamry.js";
import { checkImpedanceHeader, collectHeadedTable } from "./headed.js";
import { IMPEDANCE_RULES, type ImpedanceLayoutId, knownImpedanceLayoutsText } from "./layouts.js";
import { LineSource } from "./lineSource.js";
import { collectThreeColumns, numericCells } from "./threeColumn.js";
import { collectZPlot } from "./zplot.js";

export type { ReadWarning } from "./collect.js";
export { IMPEDANCE_LAYOUTS, type ImpedanceLayoutId } from "./layouts.js";

export interface ImpedanceRead {
  spectrum: ImpedanceSpectrum;
  layout: ImpedanceLayoutId;
  /** What the reader had to assume and the file could not confirm. */
  warnings: ReadWarning[];
}

/** Lines looked at for the header of a headed table (as the cycler reader layer does). */
const LOOK_AHEAD = 64;

const delimiterOf = (text: string) =>
  ["\t", ";", ","].reduce((best, d) => (text.split(d).length > text.split(best).length ? d : best), ",");

/**
 * Reads an impedance spectrum from any export of docs/cell-formats.md ("Impedance formats"), the
 * format found from the content, streamed line by line. Z'' is Im(Z) in every case.
 */
export function readImpedance(lines: Iterable<string>, file: CellFile): ImpedanceRead {
  const source = { ...file, field: file.field ?? "data" };
  const target = { file: source.file, field: source.field };
  const collector = new SpectrumCollector(target);
  const text = new LineSource(lines);
  const first = text.at(1)?.text.replace(/^\uFEFF/, "");
  const headed = (layout: ImpedanceLayoutId, lines: Iterable<string> = text.texts()): ImpedanceRead => {
    const guessed = collectHeadedTable(lines, source, collector);
    return { spectrum: collector.spectrum(), layout, warnings: [...guessed, ...collector.warnings()] };
  };
  // An empty or UTF-16 file: the reader layer words those refusals.
  if (first === undefined || first.includes("\u0000") || /^\uFFFD\uFFFD/.test(first))
    return headed("headed-csv");
  if (/EC-Lab ASCII FILE/i.test(first) || file.format === "biologic-mpt") return headed("biologic-mpt");
  if (first.trim() === "EXPLAIN") {
    collectGamry(text, target, collector);
    return { spectrum: collector.spectrum(), layout: "gamry-dta", warnings: collector.warnings() };
  }
  if (/^"?\s*(ZPLOT|ZView)/i.test(first)) {
    collectZPlot(text, target, collector);
    return { spectrum: collector.spectrum(), layout: "zplot", warnings: collector.warnings() };
  }
  const top = text.find((t) => t.trim() !== "" && !t.startsWith("#"), 1, LOOK_AHEAD);
  if (top && numericCells(top.text) > 0) {
    if (numericCells(top.text) !== 3) {
      throw inputError(
        source.field,
        `${source.file}, line ${top.line}: a headerless file must have 3 columns (f / Hz, Z' / ohm, Z'' / ohm), ` +
          `this one has ${numericCells(top.text)}; add a header naming them (${knownImpedanceLayoutsText()})`,
      );
    }
    collectThreeColumns(text, top, target, collector);
    const spectrum = collector.spectrum();
    const positive = spectrum.imaginary_ohm.filter((v) => v > 0).length;
    const warnings = collector.warnings();
    if (positive > spectrum.imaginary_ohm.length / 2) {
      warnings.push({
        about: "file",
        message: `${source.file}: headerless file, third column read as Im(Z), but ${positive} of ${spectrum.imaginary_ohm.length} values are positive: if it holds -Im(Z), give it a header line "frequency_Hz,real_ohm,-Im(Z)"`,
      });
    }
    return { spectrum, layout: "three-column", warnings };
  }
  const headerOf = (header: string) => ({
    header,
    headers: header.split(delimiterOf(header)).map(parseHeader),
  });
  const frequency = IMPEDANCE_RULES[0].aliases;
  // The header may stand below a preamble (CH Instruments writes the settings above it).
  const at = source.columns?.frequency
    ? top
    : text.find(
        (t) => headerOf(t).headers.some((h) => frequency.includes(h.name.trim().toLowerCase())),
        1,
        LOOK_AHEAD,
      );
  if (at) {
    const { header, headers } = headerOf(at.text);
    checkImpedanceHeader(headers, source, at.line);
    // Lines above the header are handed on blank, so every line keeps its number in messages.
    const lines = (function* () {
      for (const { text: line, line: n } of text.lines())
        yield n < at.line ? "" : n === at.line ? header : line;
    })();
    return headed("headed-csv", lines);
  }
  throw inputError(
    source.field,
    `${source.file}: no impedance layout matches; line ${top?.line ?? 1} is "${(top?.text ?? first).slice(0, 200)}". ` +
      `Known layouts: ${knownImpedanceLayoutsText()}. Or name the columns in data.columns (frequency, real, imaginary)`,
  );
}
