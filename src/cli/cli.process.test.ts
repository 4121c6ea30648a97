import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAnodefree, startAnodefree } from "../testing/anodefreeProcess.js";

// The few checks that need real processes (the bin entry, signals), on the bundled CLI users run (a
// parallel sweep's points against single runs: sweep.test.ts). They run one after another and
// never block the test worker (async spawning), with generous limits: each process pays start-up,
// more on a busy machine.
const work = mkdtempSync(join(tmpdir(), "anodefree-process-"));
const PROCESS_TIMEOUT = 240_000;

const anodefree = (args: string[], input?: string) =>
  runAnodefree(args, { input, timeoutMs: PROCESS_TIMEOUT });

/** Running, as opposed to gone or a zombie waiting to be reaped (Linux /proc). */
const alive = (pid: number) => {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    return state !== "Z";
  } catch {
    return false;
  }
};

/** The sweep's compute processes among a parent's children, from /proc. */
function pointProcessesOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const parentPid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
        return parentPid === pid && readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("computeProcess");
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until(condition: () => Promise<boolean> | boolean, seconds: number): Promise<boolean> {
  for (let waited = 0; waited < seconds * 10; waited++) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe("anodefree as a process", { timeout: 2 * PROCESS_TIMEOUT }, () => {
  it("reads a scenario piped to standard input and prints JSON; bad input exits 2 without a stack trace", async () => {
    const ok = await anodefree(
      ["run", "-", "--json"],
      "study: alloy-film\nparams: { film: { thickness: 2 um } }\n",
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).inputs.film.thickness).toBeCloseTo(2e-6, 18);
    const bad = await anodefree(["run", "-"], "study: alloy-film\nparams: { film: { thickness: 10 mA } }\n");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: params\.film\.thickness: expected a length/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(["SIGTERM", "SIGINT"] as const)(
    "stops its point processes when the parent of a parallel sweep gets %s (no orphans)",
    async (signal) => {
      // Points that would run for hours: only a signal ends them.
      const file = join(work, `endless-${signal}.yaml`);
      writeFileSync(
        file,
        "study: alloy-film\nparams:\n  numerics: { cells: 100000, timeSteps: 1000000 }\nsweep:\n  over:\n    film.thickness: [2 um, 3 um]\n",
      );
      const parent = startAnodefree(["sweep", file, "--out", join(work, `endless-${signal}`), "--jobs", "2"]);
      const pid = parent.child.pid as number;
      const exited = parent.exit;
      let children: number[] = [];
      try {
        const started = await until(() => {
          children = pointProcessesOf(pid);
          return children.length === 2;
        }, 300);
        expect(started, "the sweep started two point processes").toBe(true);
        parent.child.kill(signal);
        const code = await Promise.race([exited, until(() => false, 180).then(() => "still running")]);
        expect(code, "the parent's exit code").toBe(signal === "SIGINT" ? 130 : 143);
        const stopped = await until(() => children.every((child) => !alive(child)), 180);
        expect(stopped, `point processes still running: ${children.filter(alive).join(", ")}`).toBe(true);
      } finally {
        // Whatever the outcome, nothing of this test keeps computing.
        for (const leftover of [pid, ...children]) if (alive(leftover)) process.kill(leftover, "SIGKILL");
      }
      expect(existsSync(join(work, `endless-${signal}`, "sweep.csv"))).toBe(false);
    },
  );
});
