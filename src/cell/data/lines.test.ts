import { describe, expect, it } from "vitest";
import { linesOfTextChunks } from "./lines.js";

/** Cuts `text` into pieces of `size` characters, through lines and through "\r\n". */
const pieces = (text: string, size: number) =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, k) => text.slice(k * size, (k + 1) * size));

describe("linesOfTextChunks", () => {
  const text = "\uFEFFfreq / Hz,Re(Z) / Ω\n1e6,54.3\r\n\n1e5,µ-line\nlast";

  it("splits on newlines whatever the chunk size, keeping the byte-order mark and carriage returns", () => {
    for (const size of [1, 2, 3, 7, text.length])
      expect([...linesOfTextChunks(pieces(text, size))]).toEqual(text.split("\n"));
  });

  it("gives no empty last line after a final newline, and nothing for no text", () => {
    expect([...linesOfTextChunks(["a\nb", "\n"])]).toEqual(["a", "b"]);
    expect([...linesOfTextChunks(["", ""])]).toEqual([]);
    expect([...linesOfTextChunks([])]).toEqual([]);
  });

  it("reads lazily: the first line comes before later chunks are asked for", () => {
    let asked = 0;
    function* chunks() {
      for (const chunk of ["one\ntw", "o\n", "three"]) {
        asked++;
        yield chunk;
      }
    }
    const lines = linesOfTextChunks(chunks());
    expect(lines.next().value).toBe("one");
    expect(asked).toBe(1);
    expect([...lines]).toEqual(["two", "three"]);
  });
});
