import { chooseDataSheet, type SheetCell, sheetRowLine } from "../../src/cell/data/sheets.js";
import { PREAMBLE_LINES } from "../../src/cell/data/tabular.js";
import { type WorkbookReaderError, workbookProblem } from "../../src/cell/data/workbookProblem.js";

/**
 * Excel workbooks picked in the page. read-excel-file reads only asynchronously, while studies read
 * data through the synchronous `readLines`, so the worker reads every picked workbook before the
 * run (readWorkbooks); the sheet is then chosen, and its rows become lines, by the same node-free
 * rules as the CLI (src/cell/data/sheets.ts), when a scenario field asks for the file.
 */

/** A workbook as read-excel-file gives it: each sheet's name and rows. */
export type WorkbookSheets = { sheet: string; data: SheetCell[][] }[];

/** A picked workbook: its sheets, or why it cannot be read (worded as the CLI words it). */
export type Workbook = { sheets: WorkbookSheets } | { refused: string; kind: string };

export type ReadWorkbook = (file: Blob) => Promise<WorkbookSheets>;

/** The first bytes of a zip archive (an .xlsx is one) and of an OLE2 compound file (legacy .xls). */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function workbookKind(file: Blob): Promise<"xlsx" | "xls" | undefined> {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const starts = (magic: number[]) => head.length >= magic.length && magic.every((b, k) => head[k] === b);
  return starts(ZIP_MAGIC) ? "xlsx" : starts(OLE2_MAGIC) ? "xls" : undefined;
}

/** The library loads only when a workbook is picked: most runs never need it. */
const readWithLibrary: ReadWorkbook = async (file) => {
  const { default: readXlsxFile } = await import("read-excel-file/web-worker");
  return (await readXlsxFile(file)) as WorkbookSheets;
};

/** Every picked workbook, read (or refused) before the run; files that are not workbooks are left out. */
export async function readWorkbooks(
  files: readonly File[],
  read: ReadWorkbook = readWithLibrary,
): Promise<Map<File, Workbook>> {
  const workbooks = new Map<File, Workbook>();
  for (const file of files) {
    const kind = await workbookKind(file);
    if (kind === "xls")
      workbooks.set(file, {
        kind: "data file",
        refused: "a legacy .xls workbook (Excel 97-2003); save it as .xlsx or CSV",
      });
    if (kind !== "xlsx") continue;
    try {
      workbooks.set(file, { sheets: await read(file) });
    } catch (error) {
      workbooks.set(file, { kind: "Excel workbook", refused: workbookProblem(error as WorkbookReaderError) });
    }
  }
  return workbooks;
}

/**
 * Lines of the data sheet of a workbook, tab-separated, as the CLI's workbookLines gives them;
 * `onNote` hears which sheet was read when there are several ("field: why").
 */
export function* sheetLines(
  sheets: WorkbookSheets,
  given: string,
  field: string,
  onNote?: (note: string) => void,
): Generator<string> {
  const heads = sheets.map((s) => ({
    name: s.sheet,
    lines: s.data.slice(0, PREAMBLE_LINES).map(sheetRowLine),
  }));
  const choice = chooseDataSheet(heads, given, field);
  if (choice.note) onNote?.(field ? `${field}: ${choice.note}` : choice.note);
  for (const row of sheets[choice.index].data) yield sheetRowLine(row);
}
