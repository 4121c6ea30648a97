/**
 * Lines of a text read chunk by chunk, as every `readLines` hands them to the data readers: split on
 * "\n" (a "\r" before it stays, for the readers to trim), a byte-order mark kept for the readers to
 * see, no empty last line. Chunks are already decoded, so the Node and the browser edges each bring
 * their own decoder and read files of any size in bounded memory.
 */
export function* linesOfTextChunks(chunks: Iterable<string>): Generator<string> {
  let rest = "";
  for (const chunk of chunks) {
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      yield text.slice(start, end);
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest.length > 0) yield rest;
}
