import { closeSync, openSync, readSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { linesOfTextChunks } from "../cell/data/lines.js";
import { type InputError, inputError } from "../errors.js";
import { fileProblem } from "./fileProblem.js";
import { workbookKind, workbookLines } from "./xlsxData.js";

const CHUNK_BYTES = 1 << 20;

/**
 * A data file that cannot be read is bad input (exit code 2, no stack trace), reported at the field
 * that names it, with the name as written and where it was looked for.
 */
export function dataFileError(
  field: string,
  given: string,
  location: string,
  error: unknown,
  kind = "data file",
): InputError {
  const where = location === given ? "" : ` (resolved to ${location})`;
  return inputError(field, `cannot read ${kind} ${JSON.stringify(given)}${where}: ${fileProblem(error)}`);
}

/** Only file-system errors carry an errno code; anything else is a bug and keeps its stack. */
const isFileSystemError = (error: unknown) => typeof (error as NodeJS.ErrnoException)?.code === "string";

/**
 * Lines of a file, read in 1 MiB chunks: memory stays bounded whatever the file size, and the
 * synchronous iterator lets the physics core stay synchronous (SPEC 1.1). `field`, `given` and
 * `kind` only word the error when the file cannot be read.
 */
export function* readLinesSync(path: string, field = "", given = path, kind?: string): Generator<string> {
  const refuse = (error: unknown) =>
    isFileSystemError(error) ? dataFileError(field, given, path, error, kind) : error;
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw refuse(error);
  }
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const decoder = new StringDecoder("utf8");
  const next = () => {
    try {
      return readSync(fd, buffer, 0, CHUNK_BYTES, null);
    } catch (error) {
      // A directory opens fine on Linux and fails only here, with EISDIR.
      throw refuse(error);
    }
  };
  function* chunks(): Generator<string> {
    for (let bytes = next(); bytes > 0; bytes = next()) yield decoder.write(buffer.subarray(0, bytes));
    yield decoder.end();
  }
  try {
    yield* linesOfTextChunks(chunks());
  } finally {
    closeSync(fd);
  }
}

/**
 * Lines of a data file, the format found from its first bytes: an Excel .xlsx workbook (a zip
 * archive) becomes the tab-separated lines of its data sheet (xlsxData.ts), a legacy .xls is
 * refused, anything else is read as text. `onNote` hears which sheet of a workbook was read.
 */
export function* readDataLines(
  path: string,
  field = "",
  given = path,
  onNote?: (note: string) => void,
): Generator<string> {
  const kind = workbookKind(path);
  if (kind === "xls") {
    throw dataFileError(
      field,
      given,
      path,
      "a legacy .xls workbook (Excel 97-2003); save it as .xlsx or CSV",
    );
  }
  if (kind === "xlsx") {
    yield* workbookLines(path, {
      readLines: readLinesSync,
      refuse: (problem) => dataFileError(field, given, path, problem, "Excel workbook"),
      onNote,
      field,
      given,
    });
    return;
  }
  yield* readLinesSync(path, field, given);
}

/**
 * A `readLines` for run contexts: data files are named relative to the scenario file. `onNote`
 * hears what the run's warnings should add (which sheet of a workbook was read).
 */
export function linesRelativeTo(
  scenarioPath: string,
  onNote?: (note: string) => void,
): (file: string, field?: string) => Iterable<string> {
  return (file, field) => readDataLines(resolve(dirname(scenarioPath), file), field, file, onNote);
}
