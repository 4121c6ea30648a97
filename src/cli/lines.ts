import { closeSync, openSync, readSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { inputError } from "../errors.js";

const CHUNK_BYTES = 1 << 20;

/**
 * Lines of a file, read in 1 MiB chunks: memory stays bounded whatever the file size, and the
 * synchronous iterator lets the physics core stay synchronous (SPEC 1.1).
 */
export function* readLinesSync(path: string): Generator<string> {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    throw inputError("params.data.file", `cannot read data file ${JSON.stringify(path)}: no such file`);
  }
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const decoder = new StringDecoder("utf8");
  let rest = "";
  try {
    for (;;) {
      const bytes = readSync(fd, buffer, 0, CHUNK_BYTES, null);
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
export function linesRelativeTo(scenarioPath: string): (file: string) => Iterable<string> {
  return (file) => readLinesSync(resolve(dirname(scenarioPath), file));
}
