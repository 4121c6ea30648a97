import { inputError } from "../../errors.js";
import { unitsLibrary } from "../../units/library.js";
import { type DecimalMark, decimalMarkOf, parseCell } from "./cells.js";
import { findHeader, identifyLayout, type Layout, type LayoutId, layoutById } from "./layouts.js";

/**
 * Reading cycler and impedance exports line by line (bounded memory: a 7-million-row file is never
 * one string). The layout is found from the content: EC-Lab `.mpt` by its first line, the others by
 * the header set of docs/cell-formats.md, looked for below any preamble (Maccor writes one). We read
 * `.mpt` ourselves because the maintained `biologic-converter` parses a whole file from one string.
 */
export type TableFormat = LayoutId;

export interface ColumnHeader {
  name: string;
  /** Unit written in the header (`Voltage / V`, `time/s`, `I (mA)`), if any. */
  unit?: string;
}

/**
 * A bracket right after one of these is the function's argument, not a unit: EC-Lab and impedance
 * tools write `Re(Z)`, `-Im(Z)`, `Phase(Z)`, `Tan(Delta)`, with the unit, if any, after a slash.
 */
const FUNCTION_NAME = /(?:^|[^a-z])(?:re|im|phase|abs|arg|mod|tan|log|ln)$/i;

/** Splits `Quantity / Unit` (Battery Data Format), `quantity/unit` (EC-Lab) or `quantity (unit)`. */
export function parseHeader(text: string): ColumnHeader {
  const trimmed = text.trim().replace(/^"|"$/g, "");
  const bracket = /^(.*?)\s*[([]\s*([^)\]]+)\s*[)\]]$/.exec(trimmed);
  if (bracket && !FUNCTION_NAME.test(bracket[1])) return { name: bracket[1].trim(), unit: bracket[2].trim() };
  const slash = trimmed.lastIndexOf("/");
  // EC-Lab's "control/V/mA" has two slashes and no single unit: keep it whole.
  if (slash > 0 && trimmed.indexOf("/") === slash) {
    return { name: trimmed.slice(0, slash).trim(), unit: trimmed.slice(slash + 1).trim() };
  }
  return { name: trimmed };
}

export interface Table {
  format: TableFormat;
  layout: Layout;
  /** The file as named in messages. */
  source: string;
  headers: ColumnHeader[];
  /** 1-based line of the header row. */
  headerLine: number;
  headerText: string;
  /**
   * Yields each data row and its 1-based line number. Only `columns` (default: all) are parsed;
   * the others are NaN, as are empty cells. The array is reused: copy what you keep.
   */
  rows(columns?: number[]): Generator<{ values: Float64Array; line: number }>;
}

export interface ReadOptions {
  /** File name for messages. */
  source?: string;
  /** Scenario path of the file, for InputError. */
  field?: string;
}

/** Lines looked at for a known header below a preamble. */
export const PREAMBLE_LINES = 64;

/** The known layout whose identifying header set this line holds, if any (layouts.ts). */
export function layoutOfHeaderLine(text: string): Layout | undefined {
  return identifyLayout(text.split(delimiterOf(text)).map(parseHeader));
}

/**
 * Opens a table: `format` forces a layout ("csv" and undefined detect it from the header). Throws
 * InputError naming the file and line for an empty or UTF-16 file and a missing header.
 */
export function readTable(lines: Iterable<string>, format?: TableFormat, options: ReadOptions = {}): Table {
  const source = options.source ?? "data";
  const field = options.field ?? "data";
  const fail = (where: string, message: string) => inputError(field, `${source}${where}: ${message}`);
  const iterator = lines[Symbol.iterator]();
  let read = 0;
  /** 1-based line number of the text `next()` returned last. */
  let lineNumber = 0;
  const pending: { text: string; line: number }[] = [];
  const next = (): string | undefined => {
    const buffered = pending.shift();
    if (buffered !== undefined) {
      lineNumber = buffered.line;
      return buffered.text;
    }
    const item = iterator.next();
    if (item.done) return undefined;
    lineNumber = ++read;
    return item.value.replace(/\r$/, "");
  };
  let first = next();
  if (first === undefined) throw fail("", "the file is empty: no header line and no data rows");
  if (first.includes("\u0000") || /^\uFFFD\uFFFD/.test(first)) {
    throw fail(", line 1", "the file is UTF-16 text (NUL bytes between characters); re-save it as UTF-8");
  }
  first = first.replace(/^\uFEFF/, "");

  let layout: Layout | undefined;
  let headerText: string | undefined;
  let headerLine = 0;
  if (/EC-Lab ASCII FILE/i.test(first) || format === "biologic-mpt") {
    if (!/EC-Lab ASCII FILE/i.test(first)) {
      throw fail(", line 1", 'expected "EC-Lab ASCII FILE" at the start of a BioLogic .mpt export');
    }
    let headerCount: number | undefined;
    for (let line = next(); line !== undefined; line = next()) {
      const match = /Nb header lines\s*:\s*(\d+)/i.exec(line);
      if (match) {
        headerCount = Number(match[1]);
        break;
      }
    }
    if (headerCount === undefined) throw fail("", 'no "Nb header lines" line in the .mpt header');
    while (lineNumber < headerCount - 1) {
      if (next() === undefined) throw fail("", `the file ends inside its ${headerCount}-line header`);
    }
    headerText = next();
    headerLine = lineNumber;
    layout = layoutById("biologic-mpt");
  } else {
    // A known header may sit below a preamble; keep the lines looked at so the data can follow.
    const seen: { text: string; line: number }[] = [{ text: first, line: lineNumber }];
    while (seen.length < PREAMBLE_LINES) {
      const line = next();
      if (line === undefined) break;
      seen.push({ text: line, line: lineNumber });
    }
    const forced = format && format !== "csv" ? layoutById(format) : undefined;
    const isHeader = (text: string, candidate: Layout | undefined) => {
      if (!candidate) return layoutOfHeaderLine(text);
      const headers = text.split(delimiterOf(text)).map(parseHeader);
      return candidate.identify.every((group) => findHeader(headers, group) >= 0);
    };
    let at = seen.findIndex((s) => isHeader(s.text, forced));
    if (at >= 0) {
      layout = forced ?? (isHeader(seen[at].text, undefined) as Layout);
    } else {
      if (forced) {
        throw fail(
          "",
          `no ${forced.title} header in the first ${seen.length} lines; line ${seen[0].line} is "${seen[0].text.slice(0, 200)}"`,
        );
      }
      at = seen.findIndex((s) => s.text.trim() !== "" && !s.text.startsWith("#"));
      layout = layoutById("csv");
    }
    if (at >= 0) {
      headerText = seen[at].text;
      headerLine = seen[at].line;
      pending.push(...seen.slice(at + 1));
    }
  }
  if (headerText === undefined) throw fail("", "the file has no header line and no data rows");
  const delimiter = layout.id === "biologic-mpt" ? "\t" : delimiterOf(headerText);
  const headers = headerText
    .split(delimiter)
    .map(parseHeader)
    .filter((h, k, all) => h.name !== "" || k < all.length - 1);
  const width = headers.length;
  const header = headerText;
  const chosen = layout;
  const signColumn = chosen.currentSignFrom ? findHeader(headers, chosen.currentSignFrom.names) : -1;
  const currentColumn = chosen.fields.current ? findHeader(headers, chosen.fields.current.names) : -1;

  return {
    format: chosen.id,
    layout: chosen,
    source,
    headers,
    headerLine,
    headerText: header,
    *rows(columns?: number[]) {
      const wanted = columns ?? headers.map((_, k) => k);
      // Only columns asked for by name must be numbers; a full read leaves text cells NaN.
      const strict = columns !== undefined;
      const values = new Float64Array(width).fill(Number.NaN);
      let decimal: { mark: DecimalMark; line: number } | undefined =
        delimiter === "," ? { mark: ".", line: headerLine } : undefined;
      let count = 0;
      for (let text = next(); text !== undefined; text = next()) {
        const line = lineNumber;
        if (text.trim() === "" || text.startsWith("#")) continue;
        if (text === header) {
          throw fail(`, line ${line}`, `repeats the header line of line ${headerLine} (two exports joined?)`);
        }
        const cells = text.split(delimiter);
        const extra = cells.length > width && cells.slice(width).some((c) => c.trim() !== "");
        if (cells.length < width || extra) {
          const last = cells.length < width && pending.length === 0 && peekEnd();
          const hint = last
            ? " (the last line is cut short: is the file truncated?)"
            : extra && delimiter === ","
              ? " (a decimal comma in a comma-separated file?)"
              : "";
          throw fail(`, line ${line}`, `expected ${width} values, got ${cells.length}${hint}`);
        }
        for (const k of wanted) {
          const cell = cells[k];
          if (delimiter !== ",") {
            const mark = decimalMarkOf(cell);
            if (mark && !decimal) decimal = { mark, line };
            else if (mark && decimal && mark !== decimal.mark) {
              throw fail(
                `, line ${line}, column "${headerName(headers[k])}"`,
                `decimal ${mark === "," ? "comma" : "point"} in "${cell.trim()}", but line ${decimal.line} uses a decimal ${decimal.mark === "," ? "comma" : "point"}: mixed decimal separators`,
              );
            }
          }
          const value = parseCell(cell, decimal?.mark ?? ".");
          if (value === undefined && !strict) {
            values[k] = Number.NaN;
            continue;
          }
          if (value === undefined) {
            throw fail(
              `, line ${line}, column "${headerName(headers[k])}"`,
              `"${cell.trim()}" is not a number`,
            );
          }
          values[k] = value;
        }
        if (signColumn >= 0 && currentColumn >= 0 && chosen.currentSignFrom) {
          const state = cells[signColumn].trim();
          const magnitude = Math.abs(values[currentColumn]);
          if (chosen.currentSignFrom.negative.includes(state)) values[currentColumn] = -magnitude;
          else if (chosen.currentSignFrom.positive.includes(state)) values[currentColumn] = magnitude;
        }
        count++;
        yield { values, line };
      }
      if (count === 0) throw fail("", `no data rows below the header (line ${headerLine})`);
    },
  };

  function peekEnd(): boolean {
    const line = lineNumber;
    const after = next();
    if (after === undefined) return true;
    pending.unshift({ text: after, line: lineNumber });
    lineNumber = line;
    return false;
  }
}

export const headerName = (h: ColumnHeader): string => (h.unit ? `${h.name}/${h.unit}` : h.name);

/** The delimiter a header line uses most: tab, semicolon or comma. */
function delimiterOf(text: string): string {
  const counts = ["\t", ";", ","].map((d) => text.split(d).length);
  const best = Math.max(...counts);
  return best === counts[0] ? "\t" : best === counts[1] ? ";" : ",";
}

/** Spellings of units in cycler headers that mathjs does not know. */
const UNIT_SPELLINGS: [RegExp, string][] = [
  [/^sec$/i, "s"],
  [/^hrs?$/i, "h"],
  // Neware's `Total Time(h:min:s.ms)`: the cells are durations, read as seconds (cells.ts).
  [/^h+:m(in|m):s+(\.ms)?$/i, "s"],
  [/^ohms$/i, "ohm"],
  [/Ohm/g, "ohm"],
  [/^(m?)a\.h$/i, "$1Ah"],
];

/** Factor from a header unit to SI, checking the dimension: `mA` for a current gives 1e-3. */
export function unitFactor(unitText: string, siUnit: string, field: string): number {
  // Cycle and step counters have no unit (BDF writes "/ 1").
  if (siUnit === "") return 1;
  let normalised = unitText.trim();
  for (const [pattern, replacement] of UNIT_SPELLINGS) normalised = normalised.replace(pattern, replacement);
  try {
    const value = unitsLibrary().unit(1, normalised).toNumber(siUnit);
    if (Number.isFinite(value)) return value;
  } catch {
    // fall through to the message below
  }
  throw inputError(field, `unit "${unitText}" is not a unit of ${siUnit}`);
}
