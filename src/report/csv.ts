import type { Series } from "../studies/index.js";

/** One series as CSV: a header of column names (units in their suffix), full-precision numbers. */
export function seriesToCsv(series: Series): string {
  const columns = Object.keys(series);
  const length = columns.length ? series[columns[0]].length : 0;
  const lines = [columns.join(",")];
  for (let i = 0; i < length; i++) lines.push(columns.map((c) => String(series[c][i])).join(","));
  return `${lines.join("\n")}\n`;
}

/** A table of text cells as CSV, quoting cells that hold commas, quotes or line breaks (RFC 4180). */
export function tableToCsv(columns: string[], rows: string[][]): string {
  const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return `${[columns, ...rows].map((row) => row.map(cell).join(",")).join("\n")}\n`;
}
