import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
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

/** The files a tsconfig names by its `include` and `exclude` (not those it reaches by imports). */
function configFiles(config: string): string[] {
  const { config: json } = ts.readConfigFile(config, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(
    json,
    ts.sys,
    dirname(resolve(config)),
    undefined,
    resolve(config),
  );
  return parsed.fileNames.map((file) => relative(".", file)).sort();
}

describe("architecture", () => {
  it("keeps node:* and Node-only packages out of everything but the CLI and test support", () => {
    const offenders = sourceFiles("src")
      .filter((file) => !NODE_EDGES.some((edge) => file.startsWith(edge)))
      .filter((file) => /from "(node:|@resvg\/|cli-progress|fs|path)/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  // `npm test` type-checks the core once, as tsconfig.core.json (without Node's types, as the web
  // app's worker runs it), and the Node side as tsconfig.node.json: together they must be what
  // `tsc --noEmit` (tsconfig.json) checks, split at the same edge as above.
  it("splits tsconfig.json's files into the core's project and the Node side's", () => {
    const core = configFiles("tsconfig.core.json");
    const isCore = (file: string) => !NODE_EDGES.some((edge) => file.startsWith(edge));
    expect(core).toEqual(sourceFiles("src").filter(isCore).sort());
    expect([...core, ...configFiles("tsconfig.node.json")].sort()).toEqual(configFiles("tsconfig.json"));
  });
});
