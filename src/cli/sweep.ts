import { spawn } from "node:child_process";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { inputError } from "../errors.js";
import { sweepFiles } from "../report/index.js";
import { planSweep, runScenario, type StudyResult, type SweepPoint, sweepTable } from "../studies/index.js";
import { linesRelativeTo } from "./lines.js";
import { svgToPng } from "./png.js";
import { progressBar } from "./progress.js";
import { readScenario } from "./scenario.js";
import { resolveCsvTables } from "./tables.js";

export interface SweepOptions {
  out?: string;
  jobs?: string;
  only?: string;
  png?: boolean;
}

/** Writes a file by temp + rename, so a reader (or a resumed sweep) never sees half of it. */
async function writeAtomically(path: string, content: string | Uint8Array): Promise<void> {
  const staging = `${path}.tmp-${process.pid}`;
  await writeFile(staging, content);
  await rename(staging, path);
}

/** Per-point results under <out>/points: what makes a sweep resumable and lets processes share work. */
function pointStore(out: string) {
  const directory = join(out, "points");
  const file = (point: SweepPoint) => join(directory, `${point.index}.json`);
  return {
    async read(point: SweepPoint): Promise<StudyResult | undefined> {
      try {
        const saved = JSON.parse(await readFile(file(point), "utf8"));
        // Reused only if it was computed for exactly this scenario (the file may have changed).
        return JSON.stringify(saved.scenario) === JSON.stringify(point.scenario) ? saved.result : undefined;
      } catch {
        return undefined;
      }
    },
    async write(point: SweepPoint, result: StudyResult): Promise<void> {
      await mkdir(directory, { recursive: true });
      await writeAtomically(file(point), JSON.stringify({ scenario: point.scenario, result }));
    },
  };
}

/** Runs `anodefree sweep <file> --only ...` in child processes; returns the worst exit code and stderr. */
async function runInChildren(file: string, out: string, pending: SweepPoint[], jobs: number) {
  const groups = Array.from({ length: Math.min(jobs, pending.length) }, (_, g) =>
    pending.filter((_, k) => k % jobs === g).map((p) => p.index),
  );
  const outcomes = await Promise.all(
    groups.map(
      (indices) =>
        new Promise<{ code: number; stderr: string }>((resolve) => {
          const child = spawn(
            process.execPath,
            [...process.execArgv, process.argv[1], "sweep", file, "--out", out, "--only", indices.join(",")],
            { stdio: ["ignore", "ignore", "pipe"] },
          );
          let stderr = "";
          child.stderr.on("data", (chunk) => {
            stderr += chunk;
          });
          child.on("close", (code) => resolve({ code: code ?? 1, stderr }));
        }),
    ),
  );
  return {
    code: Math.max(...outcomes.map((o) => o.code)),
    stderr: outcomes.map((o) => o.stderr).join(""),
  };
}

/**
 * `anodefree sweep`: expands and validates every point first, reuses points already stored under
 * --out, runs the rest (in --jobs processes), then writes sweep.csv, sweep.json and index.html with
 * plots. Returns the table and the exit code of failed child processes (0 when all ran).
 */
export async function sweepCommand(file: string, options: SweepOptions) {
  const plan = planSweep(await resolveCsvTables(await readScenario(file), file));
  const jobs = Number(options.jobs ?? "1");
  if (!Number.isInteger(jobs) || jobs < 1)
    throw inputError(
      "--jobs",
      `expected a whole number of processes >= 1, got ${JSON.stringify(options.jobs)}`,
    );
  if (jobs > 1 && !options.out)
    throw inputError(
      "--jobs",
      "parallel points need --out (the processes hand their results over through it)",
    );
  const store = options.out ? pointStore(options.out) : undefined;
  const only = options.only ? new Set(options.only.split(",").map(Number)) : undefined;
  const results: (StudyResult | undefined)[] = [];
  for (const point of plan.points) results[point.index] = await store?.read(point);
  const reused = results.filter(Boolean).length;
  const pending = plan.points.filter((p) => !results[p.index] && (!only || only.has(p.index)));

  if (store && options.out && jobs > 1 && pending.length > 1) {
    const children = await runInChildren(file, options.out, pending, jobs);
    if (children.code !== 0) return { code: children.code, stderr: children.stderr };
    for (const point of pending) results[point.index] = await store.read(point);
  } else {
    const bar = progressBar(`sweep (${pending.length} points)`);
    try {
      for (const [k, point] of pending.entries()) {
        const result = runScenario(point.scenario, {
          readLines: linesRelativeTo(file),
          onProgress: (f) => bar.update((k + f) / pending.length),
        });
        results[point.index] = result;
        await store?.write(point, result);
      }
    } finally {
      bar.stop();
    }
  }
  if (only) return { code: 0, stderr: "" };

  const table = sweepTable(plan, results as StudyResult[]);
  if (options.out) {
    const files = await sweepFiles(plan, results as StudyResult[], options.png ? { toPng: svgToPng } : {});
    for (const [path, content] of files) await writeAtomically(join(options.out, path), content);
  }
  return { code: 0, stderr: "", table, reused, plan, results: results as StudyResult[] };
}
