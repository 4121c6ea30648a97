import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inputError } from "../errors.js";
import { sweepFiles } from "../report/index.js";
import { planSweep, runScenario, type StudyResult, type SweepPoint, sweepTable } from "../studies/index.js";
import type { Io } from "./io.js";
import { linesRelativeTo } from "./lines.js";
import { markerFile, OUTPUT_MARKER, planOutput, writeFileAtomically } from "./output.js";
import { svgToPng } from "./png.js";
import { progressBar } from "./progress.js";
import { readScenario } from "./scenario.js";
import { resolveCsvTables } from "./tables.js";

export interface SweepOptions {
  out?: string;
  overwrite?: boolean;
  jobs?: string;
  only?: string;
  png?: boolean;
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
      await writeFileAtomically(file(point), JSON.stringify({ scenario: point.scenario, result }));
    },
  };
}

/** The CLI entry beside this module: bin.ts under tsx (tests, npm test), bin.js once built. */
function cliEntry(): string[] {
  const source = import.meta.url.endsWith(".ts");
  const entry = fileURLToPath(new URL(source ? "./bin.ts" : "./bin.js", import.meta.url));
  return source ? ["--import", "tsx", entry] : [entry];
}

/**
 * Stops the children when this process is told to stop (Ctrl-C, kill), so no orphan keeps
 * computing; returns the function that removes the handlers again.
 */
function stopChildrenOnSignal(children: ChildProcess[]): () => void {
  const handlers = (["SIGINT", "SIGTERM"] as const).map((signal) => {
    const handler = () => {
      for (const child of children) child.kill("SIGTERM");
      process.exitCode = signal === "SIGINT" ? 130 : 143;
      process.exit();
    };
    process.once(signal, handler);
    return () => process.off(signal, handler);
  });
  return () => {
    for (const remove of handlers) remove();
  };
}

/** Runs `anodefree sweep <file> --only ...` in child processes; returns the worst exit code and stderr. */
async function runInChildren(file: string, out: string, pending: SweepPoint[], jobs: number) {
  const groups = Array.from({ length: Math.min(jobs, pending.length) }, (_, g) =>
    pending.filter((_, k) => k % jobs === g).map((p) => p.index),
  );
  // The handlers go in before the first child exists: a signal that came between a spawn and their
  // installation would end this process by default and leave the children running.
  const children: ChildProcess[] = [];
  const release = stopChildrenOnSignal(children);
  for (const indices of groups)
    children.push(
      spawn(process.execPath, [...cliEntry(), "sweep", file, "--out", out, "--only", indices.join(",")], {
        stdio: ["ignore", "ignore", "pipe"],
      }),
    );
  const outcomes = await Promise.all(
    children.map(
      (child) =>
        new Promise<{ code: number; stderr: string }>((resolve) => {
          let stderr = "";
          child.stderr?.on("data", (chunk) => {
            stderr += chunk;
          });
          child.on("close", (code) => resolve({ code: code ?? 1, stderr }));
        }),
    ),
  );
  release();
  return {
    code: Math.max(...outcomes.map((o) => o.code)),
    stderr: outcomes.map((o) => o.stderr).join(""),
  };
}

/**
 * The sweep's folder: new, empty, or an earlier sweep output (resumed, or started afresh with
 * --overwrite); anything else was refused by planOutput before any point ran.
 */
async function prepareSweepFolder(out: string, options: SweepOptions): Promise<void> {
  const plan = await planOutput(out, "sweep", { overwrite: options.overwrite, resume: true });
  if (plan.existing !== "sweep" && plan.existing !== "none" && plan.existing !== "empty")
    await rm(plan.target, { recursive: true });
  if (plan.existing === "sweep" && options.overwrite)
    await rm(join(plan.target, "points"), { recursive: true, force: true });
  await mkdir(plan.target, { recursive: true });
  await writeFileAtomically(join(plan.target, OUTPUT_MARKER), markerFile("sweep"));
}

/**
 * `anodefree sweep`: expands and validates every point first, reuses points already stored under
 * --out, runs the rest (in --jobs processes), then writes sweep.csv, sweep.json and index.html with
 * plots. Returns the table and the exit code of failed child processes (0 when all ran).
 */
export async function sweepCommand(file: string, options: SweepOptions, io: Io) {
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
  if (options.out && !options.only) await prepareSweepFolder(options.out, options);
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
    const bar = progressBar(`sweep (${pending.length} points)`, io);
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
    for (const [path, content] of files) await writeFileAtomically(join(options.out, path), content);
  }
  return { code: 0, stderr: "", table, reused, plan, results: results as StudyResult[] };
}
