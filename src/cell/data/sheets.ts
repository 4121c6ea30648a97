import { inputError } from "../../errors.js";
import { knownLayoutsText, type LayoutId } from "./layouts.js";
import { layoutOfHeaderLine, PREAMBLE_LINES } from "./tabular.js";

/**
 * Excel workbooks (.xlsx) as the text lines the cycler readers take: the edge that opens the
 * workbook (the CLI in Node, later a browser worker) hands over each sheet's cells; this module
 * picks the sheet that holds the data and writes its rows as tab-separated lines, so a workbook
 * goes through the same layout detection, units and checks as the cycler's CSV export.
 */

/** A cell as read-excel-file gives it: Excel stores numbers as numbers, dates as date-formatted numbers. */
export type SheetCell = string | number | boolean | Date | null;

/** A sheet's name and its first rows (at most PREAMBLE_LINES) as lines. */
export interface SheetHead {
  name: string;
  lines: string[];
}

export interface SheetChoice {
  /** Index of the sheet to read. */
  index: number;
  /** The known layout found in its header; undefined when the only sheet is passed on unrecognised. */
  layout?: LayoutId;
  /** Which sheet was read and why, when the workbook has several (for the run's warnings). */
  note?: string;
}

/** Excel's day 0 (30 December 1899 in its 1900 date system) as a JavaScript time. */
const EXCEL_DAY_ZERO_MS = Date.UTC(1899, 11, 30);

/**
 * A date-formatted cell before 1970 is an elapsed time, not a date: Neware and Arbin write durations
 * (`[h]:mm:ss`) as a number of days since day 0 that Excel shows as a time, and no cycler test
 * started before 1970. It is read back as seconds, to the millisecond the library resolves.
 */
function dateCellText(date: Date): string {
  const ms = date.getTime();
  if (ms < 0) return String((ms - EXCEL_DAY_ZERO_MS) / 1000);
  return date.toISOString().replace("T", " ").replace("Z", "");
}

/** One cell as the text a CSV export would hold; tabs and line breaks in text become spaces. */
export function cellText(cell: SheetCell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell instanceof Date) return dateCellText(cell);
  return cell.replace(/[\t\r\n]+/g, " ");
}

/** A row of a sheet as one tab-separated line (tabs, because Excel text may hold commas). */
export const sheetRowLine = (row: readonly (SheetCell | undefined)[]): string =>
  Array.from(row, cellText).join("\t");

/** Arbin's Global_Info and Statistics_*, Neware's Info, Cycle, Statis and Step sheets summarise a test. */
const SUMMARY_SHEET = /^(global|info|statis|cycle|step|unit|test)/i;

const quoted = (name: string) => JSON.stringify(name);

/**
 * The sheet that holds the data: the first whose header (below any preamble) matches a known layout,
 * summary sheets last. A workbook with one sheet is passed on whatever its header (it may be a plain
 * table the generic reader understands); otherwise a workbook without a known header is bad input,
 * listing each sheet's first line and the layouts we know. `source` names the file in messages.
 */
export function chooseDataSheet(sheets: SheetHead[], source: string, field: string): SheetChoice {
  const names = sheets.map((s) => quoted(s.name)).join(", ");
  const matches = sheets.flatMap((sheet, index) => {
    for (const line of sheet.lines.slice(0, PREAMBLE_LINES)) {
      const layout = layoutOfHeaderLine(line);
      if (layout) return [{ index, layout: layout.id }];
    }
    return [];
  });
  if (matches.length === 0) {
    if (sheets.length === 1) return { index: 0 };
    const firstLines = sheets.map((s) => {
      const first = s.lines.find((l) => l.trim() !== "");
      return `${quoted(s.name)}: ${first === undefined ? "(empty)" : quoted(first.replace(/\t/g, ",").slice(0, 200))}`;
    });
    throw inputError(
      field,
      `${source}: no sheet of this workbook has the header of a cycler export we know; its sheets' first lines are ${firstLines.join("; ")}. Known layouts: ${knownLayoutsText()}`,
    );
  }
  const data = matches.filter((m) => !SUMMARY_SHEET.test(sheets[m.index].name));
  const [chosen, ...others] = data.length > 0 ? data : matches;
  if (sheets.length === 1) return chosen;
  const name = quoted(sheets[chosen.index].name);
  let note = `${source}: read sheet ${name} (${chosen.layout} layout) of the workbook's sheets ${names}`;
  const alike = others.filter((o) => o.layout === chosen.layout).map((o) => quoted(sheets[o.index].name));
  if (alike.length > 0) {
    note += `; ${alike.join(", ")} also ${alike.length === 1 ? "holds" : "hold"} ${chosen.layout} data and ${alike.length === 1 ? "was" : "were"} not read (save a sheet as its own file to read it)`;
  }
  return { ...chosen, note };
}
