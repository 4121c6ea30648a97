import { describe, expect, it } from "vitest";
import { bundledLibrary, runAnodefree } from "../../testing/anodefreeProcess.js";

/**
 * `npm test`'s verdict check: every paper reproduction with --fast, as `npm start` runs them: the
 * built CLI (`anodefree reproduce all --fast`, bundled once per test run) in a process of its own,
 * its reproductions on worker threads, so this file's event loop stays free while other test files
 * run beside it. No value may fail.
 */
// All reproductions take minutes of CPU (critical-current most of it), more on a busy machine: the
// limit guards against a hang, not against slowness.
const ALL_REPRODUCTIONS_TIMEOUT_MS = 1_800_000;

describe("anodefree reproduce all --fast", () => {
  it("runs every reproduction and no paper value fails", {
    timeout: ALL_REPRODUCTIONS_TIMEOUT_MS,
  }, async () => {
    const run = await runAnodefree(["reproduce", "all", "--fast", "--json"], {
      timeoutMs: ALL_REPRODUCTIONS_TIMEOUT_MS,
    });
    const rows: { id: string; quantity: string; verdict: string; note?: string }[] = JSON.parse(run.stdout);
    expect(rows.filter((row) => row.verdict === "fail")).toEqual([]);
    expect(run.code).toBe(0);
    // The log names each reproduction as it starts (the long-running ones first): all of them ran,
    // once. The registry is read from the bundle the CLI runs, built from this checkout.
    const { selectReproductions } = await bundledLibrary();
    const started = [...run.stderr.matchAll(/^reproduce \d+\/\d+: (\S+)$/gm)].map((m) => m[1]);
    expect(started.sort()).toEqual(
      selectReproductions("all")
        .map((e) => e.reproduction.id)
        .sort(),
    );
  });
});
