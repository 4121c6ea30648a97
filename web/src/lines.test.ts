import { describe, expect, it } from "vitest";
import { findFile, linesOfChunks } from "./lines.js";

const bytes = (text: string) => new TextEncoder().encode(text);

/** Splits `data` into chunks of `size` bytes, cutting through lines and multi-byte characters. */
function chunked(data: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let k = 0; k < data.length; k += size) chunks.push(data.subarray(k, k + size));
  return chunks;
}

describe("linesOfChunks", () => {
  const text = "freq / Hz,Re(Z) / Ω\n1e6,54.3\r\n\n1e5,µ-line\nlast";
  const expected = text.split("\n");

  it("gives the same lines whatever the chunk size, even cutting a character in two", () => {
    for (const size of [1, 2, 3, 7, 1 << 20])
      expect([...linesOfChunks(chunked(bytes(text), size))]).toEqual(expected);
  });

  it("keeps a byte-order mark and a carriage return for the readers, as the CLI's reader does", () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("a\r\nb\n")]);
    expect([...linesOfChunks([withBom])]).toEqual(["\uFEFFa\r", "b"]);
  });

  it("gives no empty last line after a final newline, and nothing for an empty file", () => {
    expect([...linesOfChunks([bytes("a\nb\n")])]).toEqual(["a", "b"]);
    expect([...linesOfChunks([])]).toEqual([]);
  });

  it("replaces bytes that are not UTF-8 (a Latin-1 export) instead of failing", () => {
    expect([...linesOfChunks([new Uint8Array([0x52, 0xe9, 0x0a])])]).toEqual(["R\uFFFD"]);
  });
});

describe("findFile", () => {
  const files = [
    { name: "halfcell.mpt", webkitRelativePath: "" },
    { name: "profile.csv", webkitRelativePath: "run/data/profile.csv" },
  ];

  it("matches a scenario path by relative path, then by file name", () => {
    expect(findFile(files, "data/profile.csv")).toBe(files[1]);
    expect(findFile(files, "./data/halfcell.mpt")).toBe(files[0]);
    expect(findFile(files, "halfcell.mpt")).toBe(files[0]);
    expect(findFile(files, "data/other.csv")).toBeUndefined();
  });
});
