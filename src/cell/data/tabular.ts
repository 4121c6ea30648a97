import { unit } from "mathjs";
import { inputError } from "../../errors.js";

/**
 * Reading cycler and impedance exports line by line (bounded memory: a 7-million-row file is never
 * one string). Formats: CSV with a header row, and BioLogic EC-Lab `.mpt` text exports ("EC-Lab ASCII
 * FILE", a "Nb header lines : N" line, tab-separated columns such as `time/s`, `Ewe/V`, `<I>/mA`,
 * `freq/Hz`, `Re(Z)/Ohm`, `-Im(Z)/Ohm`, decimal commas in some locales). We read .mpt ourselves
 * because the maintained `biologic-converter` parses a whole file from one string.
 */
export type TableFormat = "csv" | "biologic-mpt";

export interface ColumnHeader {
  name: string;
  /** Unit written in the header (`Voltage / V`, `time/s`, `I (mA)`), if any. */
  unit?: string;
}

/** Splits `Quantity / Unit` (Battery Data Format), `quantity/unit` (EC-Lab) or `quantity (unit)`. */
export function parseHeader(text: string): ColumnHeader {
  const trimmed = text.trim().replace(/^"|"$/g, "");
  const bracket = /^(.*?)\s*[([]\s*([^)\]]+)\s*[)\]]$/.exec(trimmed);
  if (bracket) return { name: bracket[1].trim(), unit: bracket[2].trim() };
  const slash = trimmed.lastIndexOf("/");
  // EC-Lab's "control/V/mA" has two slashes and no single unit: keep it whole.
  if (slash > 0 && trimmed.indexOf("/") === slash) {
    return { name: trimmed.slice(0, slash).trim(), unit: trimmed.slice(slash + 1).trim() };
  }
  return { name: trimmed };
}

export interface Table {
  format: TableFormat;
  headers: ColumnHeader[];
  /** Yields each data row as numbers (NaN where a cell is not numeric) and its 1-based line number. */
  rows(): Generator<{ values: Float64Array; line: number }>;
}

export function readTable(lines: Iterable<string>, format: TableFormat): Table {
  const iterator = lines[Symbol.iterator]();
  let lineNumber = 0;
  const next = (): string | undefined => {
    const item = iterator.next();
    if (item.done) return undefined;
    lineNumber++;
    return item.value.replace(/\r$/, "");
  };
  let headerLine: string | undefined;
  let delimiter = ",";
  if (format === "biologic-mpt") {
    const first = next();
    if (first === undefined || !/EC-Lab ASCII FILE/i.test(first)) {
      throw inputError("data", `line 1: expected "EC-Lab ASCII FILE" at the start of a BioLogic .mpt export`);
    }
    let headerCount: number | undefined;
    for (let line = next(); line !== undefined; line = next()) {
      const match = /Nb header lines\s*:\s*(\d+)/i.exec(line);
      if (match) {
        headerCount = Number(match[1]);
        break;
      }
    }
    if (headerCount === undefined) throw inputError("data", `no "Nb header lines" line in the .mpt header`);
    while (lineNumber < headerCount - 1) {
      if (next() === undefined) throw inputError("data", `file ends inside its ${headerCount}-line header`);
    }
    headerLine = next();
    delimiter = "\t";
  } else {
    for (let line = next(); line !== undefined; line = next()) {
      if (line.trim() !== "" && !line.startsWith("#")) {
        headerLine = line;
        break;
      }
    }
    if (headerLine?.includes("\t") && !headerLine.includes(",")) delimiter = "\t";
    else if (headerLine?.includes(";") && !headerLine.includes(",")) delimiter = ";";
  }
  if (headerLine === undefined) throw inputError("data", "the file has no header line");
  const headers = headerLine
    .split(delimiter)
    .map(parseHeader)
    .filter((h, k, all) => h.name !== "" || k < all.length - 1);
  const width = headers.length;
  return {
    format,
    headers,
    *rows() {
      const values = new Float64Array(width);
      for (let line = next(); line !== undefined; line = next()) {
        if (line.trim() === "" || line.startsWith("#")) continue;
        const cells = line.split(delimiter);
        if (cells.length < width) {
          throw inputError("data", `line ${lineNumber}: expected ${width} values, got ${cells.length}`);
        }
        for (let k = 0; k < width; k++) {
          const cell = cells[k];
          // Decimal commas (EC-Lab in some locales) when the delimiter is not a comma.
          values[k] = Number(delimiter !== "," && cell.includes(",") ? cell.replace(",", ".") : cell);
        }
        yield { values, line: lineNumber };
      }
    },
  };
}

/** Factor from a header unit to SI, checking the dimension: `mA` for a current gives 1e-3. */
export function unitFactor(unitText: string, siUnit: string, field: string): number {
  const normalised = unitText.replace(/^Ohm$/i, "ohm").replace(/Ohm/g, "ohm");
  try {
    const value = unit(1, normalised).toNumber(siUnit);
    if (Number.isFinite(value)) return value;
  } catch {
    // fall through to the message below
  }
  throw inputError(field, `unit "${unitText}" is not a unit of ${siUnit}`);
}
