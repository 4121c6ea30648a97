import { closeSync, openSync, readSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { type InputError, inputError } from "../errors.js";
import { fileProblem } from "./fileProblem.js";

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
 * synchronous iterator lets the physics core stay synchronous (SPEC 1.1). `field` and `given` only
 * word the error when the file cannot be read.
 */
export function* readLinesSync(path: string, field = "", given = path): Generator<string> {
  const refuse = (error: unknown) =>
    isFileSystemError(error) ? dataFileError(field, given, path, error) : error;
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
  let rest = "";
  try {
    for (;;) {
      const bytes = next();
      if (bytes === 0) break;
      const text = rest + decoder.write(buffer.subarray(0, bytes));
      let start = 0;
      for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
        yield text.slice(start, end);
        start = end + 1;
      }
      rest = text.slice(start);
    }
    rest += decoder.end();
    if (rest.length > 0) yield rest;
  } finally {
    closeSync(fd);
  }
}

/** A `readLines` for run contexts: data files are named relative to the scenario file. */
export function linesRelativeTo(scenarioPath: string): (file: string, field?: string) => Iterable<string> {
  return (file, field) => readLinesSync(resolve(dirname(scenarioPath), file), field, file);
}
