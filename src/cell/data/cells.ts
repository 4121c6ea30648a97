/**
 * One cell of a cycler export as a number. Cyclers write elapsed times as durations: Neware
 * `hh:mm:ss` (hours run past 24: `144:01:18`) and `d-hh:mm:ss`, Maccor `0d 00:00:01.0000`.
 */
const DURATION = /^\s*(?:(\d+)\s*(?:d\s*|-))?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d*)?)\s*$/;

/** Seconds of a duration cell, or NaN when the text is not a duration. */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text);
  if (!match) return Number.NaN;
  const [, days, hours, minutes, seconds] = match;
  return (Number(days ?? 0) * 24 + Number(hours)) * 3600 + Number(minutes) * 60 + Number(seconds);
}

export type DecimalMark = "." | ",";

/**
 * The number in a cell: NaN for an empty cell, undefined for text that is no number. `decimal` is
 * the mark the file uses; a comma is only a decimal mark when the delimiter is not a comma.
 */
export function parseCell(cell: string, decimal: DecimalMark): number | undefined {
  const text = decimal === "," ? cell.replace(",", ".") : cell;
  if (text.trim() === "") return Number.NaN;
  const value = Number(text);
  if (!Number.isNaN(value)) return value;
  const seconds = parseDuration(cell);
  return Number.isNaN(seconds) ? undefined : seconds;
}

/** The decimal mark a numeric cell shows, if any (`1,5` -> ",", `1.5E+001` -> "."). */
export function decimalMarkOf(cell: string): DecimalMark | undefined {
  if (cell.includes(",")) return ",";
  if (cell.includes(".") && !DURATION.test(cell)) return ".";
  return undefined;
}
