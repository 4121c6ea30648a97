import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// SPEC 1.1: the physics core runs unchanged in a browser Web Worker, so only the edges may use Node
// (the CLI, and test support that runs long tests in threads).
const NODE_EDGES = ["src/cli", "src/testing"];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
  });
}

describe("architecture", () => {
  it("keeps node:* and Node-only packages out of everything but the CLI and test support", () => {
    const offenders = sourceFiles("src")
      .filter((file) => !NODE_EDGES.some((edge) => file.startsWith(edge)))
      .filter((file) => /from "(node:|@resvg\/|cli-progress|fs|path)/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });
});
