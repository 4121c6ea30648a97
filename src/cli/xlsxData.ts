import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chooseDataSheet, type SheetCell, sheetRowLine } from "../cell/data/sheets.js";
import { PREAMBLE_LINES } from "../cell/data/tabular.js";
import { type WorkbookReaderError, workbookProblem } from "../cell/data/workbookProblem.js";

/**
 * Excel exports at the CLI edge. Studies read data through the synchronous `readLines`, while
 * read-excel-file only reads asynchronously (its unzip runs on Node streams), so the workbook is
 * read once, before its first line is wanted, by a short-lived Node process: it writes each sheet
 * as JSON lines to a temporary folder and exits, handing its memory back. The sheet choice and the
 * cell-to-text rules are node-free (src/cell/data/sheets.ts); here the chosen sheet is streamed
 * from disk like any CSV, and the folder is removed when the lines are done (or at exit).
 */

/** The first bytes of a zip archive (an .xlsx is one) and of an OLE2 compound file (legacy .xls). */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** "xlsx" or "xls" from a file's first bytes; undefined for anything else, or a file that cannot be opened. */
export function workbookKind(path: string): "xlsx" | "xls" | undefined {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return undefined;
  }
  const head = Buffer.alloc(8);
  let bytes = 0;
  try {
    bytes = readSync(fd, head, 0, head.length, 0);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
  const starts = (magic: number[]) => bytes >= magic.length && magic.every((b, k) => head[k] === b);
  return starts(ZIP_MAGIC) ? "xlsx" : starts(OLE2_MAGIC) ? "xls" : undefined;
}

const LIBRARY = createRequire(import.meta.url).resolve("read-excel-file/node");

/** Runs in the child (CommonJS, plain Node): argv = library, workbook, output folder. */
const READ_WORKBOOK = `
const fs = require("node:fs");
const path = require("node:path");
const [library, input, dir] = process.argv.slice(1);
const asJson = (cell) => (cell instanceof Date ? { date: cell.getTime() } : cell);
require(library).default(input).then(
  (sheets) => {
    const list = sheets.map((sheet, k) => {
      const file = path.join(dir, k + ".jsonl");
      const fd = fs.openSync(file, "wx");
      let chunk = "";
      for (const row of sheet.data) {
        chunk += JSON.stringify(row.map(asJson)) + "\\n";
        if (chunk.length > 1 << 20) {
          fs.writeSync(fd, chunk);
          chunk = "";
        }
      }
      fs.writeSync(fd, chunk);
      fs.closeSync(fd);
      sheet.data = null;
      return { name: sheet.sheet, file };
    });
    fs.writeFileSync(path.join(dir, "sheets.json"), JSON.stringify(list));
  },
  (error) => {
    const e = error || {};
    process.stderr.write(JSON.stringify({ name: e.name, code: e.code, message: String(e.message || error) }));
    process.exitCode = 2;
  },
);
`;

/** Folders still on disk, removed at exit if a reader stopped before its last line. */
const pending = new Set<string>();
let exitHookSet = false;
function removeAtExit(dir: string): void {
  pending.add(dir);
  if (exitHookSet) return;
  exitHookSet = true;
  process.once("exit", () => {
    for (const left of pending) rmSync(left, { recursive: true, force: true });
  });
}

const revive = (cell: SheetCell | { date: number }): SheetCell =>
  cell !== null && typeof cell === "object" && "date" in cell ? new Date(cell.date) : cell;

/** What the workbook reader borrows from the CLI's line reader (lines.ts). */
export interface WorkbookReading {
  /** Lines of a plain text file. */
  readLines: (path: string) => Iterable<string>;
  /** The InputError for a workbook that cannot be read, naming the file and the field. */
  refuse: (problem: string) => Error;
  /** Hears which sheet was read when there are several ("path: why"). */
  onNote?: (note: string) => void;
  /** Scenario path of the file, for messages. */
  field: string;
  /** The file as the scenario names it. */
  given: string;
}

/** Lines of the data sheet of an .xlsx workbook, tab-separated, as a CSV export of that sheet would hold them. */
export function* workbookLines(path: string, reading: WorkbookReading): Generator<string> {
  const { readLines, refuse, onNote, field, given } = reading;
  const dir = mkdtempSync(join(tmpdir(), "anodefree-xlsx-"));
  removeAtExit(dir);
  try {
    const child = spawnSync(process.execPath, ["-e", READ_WORKBOOK, LIBRARY, path, dir], {
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    if (child.status !== 0) {
      // Our report is the child's last line (Node may have warned above it).
      const last = (child.stderr ?? "").trim().split("\n").at(-1) ?? "";
      let reported: WorkbookReaderError | undefined;
      try {
        reported = JSON.parse(last) as WorkbookReaderError;
      } catch {
        // not our report: the child died (out of memory, killed) or never started
      }
      if (reported) throw refuse(workbookProblem(reported));
      const why = child.error?.message ?? child.signal ?? `exit code ${child.status}`;
      throw refuse(
        `the workbook reader stopped (${why})${last ? `: ${last}` : ""}; the whole workbook is held in memory while it is read`,
      );
    }
    const sheets = JSON.parse(readFileSync(join(dir, "sheets.json"), "utf8")) as {
      name: string;
      file: string;
    }[];
    const rowsOf = function* (file: string): Generator<string> {
      for (const text of readLines(file)) {
        const row = JSON.parse(text) as (SheetCell | { date: number })[];
        yield sheetRowLine(row.map(revive));
      }
    };
    const heads = sheets.map((sheet) => {
      const lines: string[] = [];
      for (const line of rowsOf(sheet.file)) {
        lines.push(line);
        if (lines.length >= PREAMBLE_LINES) break;
      }
      return { name: sheet.name, lines };
    });
    const choice = chooseDataSheet(heads, given, field);
    if (choice.note) onNote?.(field ? `${field}: ${choice.note}` : choice.note);
    yield* rowsOf(sheets[choice.index].file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    pending.delete(dir);
  }
}
