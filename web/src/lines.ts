import { linesOfTextChunks } from "../../src/cell/data/lines.js";
import { InputError } from "../../src/index.js";
import { sheetLines, type Workbook } from "./workbooks.js";

/** Bytes per read: memory stays bounded whatever the size of a cycler export (as the CLI's 1 MiB). */
export const CHUNK_BYTES = 1 << 20;

/**
 * Lines of a byte stream read chunk by chunk, split as the CLI's readLinesSync splits a file (both
 * through linesOfTextChunks): UTF-8 with invalid bytes replaced, a byte-order mark kept for the
 * readers to see.
 */
export function linesOfChunks(chunks: Iterable<Uint8Array>): Generator<string> {
  return linesOfTextChunks(decodedChunks(chunks));
}

function* decodedChunks(chunks: Iterable<Uint8Array>): Generator<string> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  for (const chunk of chunks) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

/** The chunks of a File, read synchronously (FileReaderSync exists only in workers). */
function* chunksOfFile(file: Blob, chunkBytes: number): Generator<Uint8Array> {
  const reader = new FileReaderSync();
  for (let offset = 0; offset < file.size; offset += chunkBytes)
    yield new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, offset + chunkBytes)));
}

/** The picked file a scenario path names: same relative path, else same file name. */
export function findFile<F extends { name: string; webkitRelativePath?: string }>(
  files: F[],
  path: string,
): F | undefined {
  const wanted = path.replaceAll("\\", "/").replace(/^\.\//, "");
  const base = wanted.split("/").pop() ?? wanted;
  return (
    files.find((f) => f.webkitRelativePath && `/${f.webkitRelativePath}`.endsWith(`/${wanted}`)) ??
    files.find((f) => f.name === wanted) ??
    files.find((f) => f.name === base)
  );
}

/**
 * The RunContext `readLines` of the page: a scenario's data file paths resolve against the files
 * the user picked or dropped; an unknown name is bad input at the field that names it. A workbook
 * (read beforehand, readWorkbooks) gives the lines of its data sheet; `onNote` hears which sheet.
 */
export function pickedFilesReader(
  files: File[],
  workbooks: ReadonlyMap<File, Workbook> = new Map(),
  onNote?: (note: string) => void,
): (file: string, field?: string) => Iterable<string> {
  return (path, field = "") => {
    const file = findFile(files, path);
    if (!file) {
      const picked = files.length ? `picked: ${files.map((f) => f.name).join(", ")}` : "no files picked";
      throw new InputError([
        {
          path: field,
          message: `cannot read data file ${JSON.stringify(path)}: no file of that name was picked (${picked}); pick or drop it`,
        },
      ]);
    }
    const workbook = workbooks.get(file);
    if (workbook && "refused" in workbook)
      throw new InputError([
        { path: field, message: `cannot read ${workbook.kind} ${JSON.stringify(path)}: ${workbook.refused}` },
      ]);
    if (workbook) return sheetLines(workbook.sheets, path, field, onNote);
    return linesOfChunks(chunksOfFile(file, CHUNK_BYTES));
  };
}
