import { inputError } from "../../../errors.js";
import { type DecimalMark, decimalMarkOf, parseCell } from "../../data/cells.js";
import type { SpectrumCollector, SpectrumSource } from "./collect.js";
import type { NumberedLine } from "./lineSource.js";

/** Where f, Z' and Z'' stand in a row, their names for messages, and the factor of each to SI. */
export interface RowColumns {
  delimiter: string | RegExp;
  columns: { index: number; name: string; factor: number }[];
}

/**
 * Reads f, Z', Z'' from rows whose column positions the format fixes (Gamry ZCURVE, ZPlot, headerless
 * files), refusing with file, line and column: a short row, text where a number belongs, and a
 * decimal comma in one row but a point in another (tab-, semicolon- or space-separated files).
 */
export function collectRows(
  rows: Iterable<NumberedLine>,
  layout: RowColumns,
  source: SpectrumSource,
  collector: SpectrumCollector,
): void {
  const fail = (where: string, message: string) =>
    inputError(source.field, `${source.file}, ${where}: ${message}`);
  const commaSeparated = layout.delimiter === ",";
  let decimal: { mark: DecimalMark; line: number } | undefined = commaSeparated
    ? { mark: ".", line: 0 }
    : undefined;
  const needed = Math.max(...layout.columns.map((c) => c.index)) + 1;
  const values = [0, 0, 0];
  for (const { text, line } of rows) {
    if (text.trim() === "" || text.startsWith("#")) continue;
    const cells = text.trim().split(layout.delimiter);
    if (cells.length < needed) {
      throw fail(
        `line ${line}`,
        `expected at least ${needed} values, got ${cells.length} (is the file truncated?)`,
      );
    }
    layout.columns.forEach((column, k) => {
      const cell = cells[column.index];
      const mark = commaSeparated ? undefined : decimalMarkOf(cell);
      if (mark && !decimal) decimal = { mark, line };
      else if (mark && decimal && mark !== decimal.mark) {
        throw fail(
          `line ${line}, column "${column.name}"`,
          `decimal ${mark === "," ? "comma" : "point"} in "${cell.trim()}", but line ${decimal.line} uses the other: mixed decimal separators`,
        );
      }
      const value = parseCell(cell, decimal?.mark ?? ".");
      if (value === undefined || Number.isNaN(value)) {
        throw fail(`line ${line}, column "${column.name}"`, `"${cell.trim()}" is not a number`);
      }
      values[k] = value * column.factor;
    });
    collector.add(values[0], values[1], values[2], line);
  }
}
