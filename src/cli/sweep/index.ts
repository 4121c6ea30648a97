import { availableParallelism } from "node:os";
import { join } from "node:path";
import { inputError } from "../../errors.js";
import { sweepFiles, tableToCsv } from "../../report/index.js";
import { analyseSweep, type StudyResult, type SweepOutcome } from "../../studies/index.js";
import type { Io } from "../io.js";
import { writeFileAtomically } from "../output.js";
import { svgToPng } from "../png.js";
import { exitCodeOf, type PointFailure, sweepExitCode } from "./failure.js";
import { prepareSweepFolder } from "./folder.js";
import { distinctByKey, prepareSweep } from "./prepare.js";
import { printPlan } from "./printPlan.js";
import { connectQueue } from "./queue/connection.js";
import { runOnQueue } from "./queue/coordinator.js";
import { failureLines, type ResultSink } from "./report.js";
import { runLocally } from "./runLocally.js";
import { pointStore } from "./store.js";

export interface SweepOptions {
  out?: string;
  overwrite?: boolean;
  jobs?: string;
  png?: boolean;
  queue?: string;
  dryRun?: boolean;
  json?: boolean;
}

function jobsOf(given: string | undefined): number {
  if (given === undefined) return availableParallelism();
  const jobs = Number(given);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw inputError("--jobs", `expected a whole number of processes >= 1, got ${JSON.stringify(given)}`);
  return jobs;
}

/**
 * `anodefree sweep`: expands, validates and keys every point first, reuses the points already stored
 * under --out, runs the rest (a local pool of --jobs processes, or BullMQ jobs with --queue), then
 * writes sweep.csv, sweep.json and index.html with plots (and sensitivity.json for a sampled design
 * with indices, from analyseSweep). Failed points are reported one by one; the exit code is then
 * 2 (bad input), 3 (numerical) or 1 (a bug), and only sweep.csv is written, with an error column.
 */
export async function sweepCommand(file: string, options: SweepOptions, io: Io) {
  const jobs = jobsOf(options.jobs);
  if (options.queue && !options.out)
    throw inputError("--queue", "a queued sweep needs --out DIR (results are collected there)");
  const sweep = await prepareSweep(file);
  if (options.dryRun) {
    printPlan(sweep, io, options.json ?? false);
    return { code: 0, stderr: "" };
  }
  // An unreachable queue is refused before anything is written or enqueued.
  const queue = options.queue ? await connectQueue(options.queue) : undefined;
  try {
    if (options.out) await prepareSweepFolder(options.out, options);
    const store = options.out ? pointStore(options.out) : undefined;
    const results = new Map<string, StudyResult>();
    for (const point of distinctByKey(sweep.points)) {
      const saved = await store?.read(point.key);
      if (saved) results.set(point.key, saved);
    }
    const reused = sweep.points.filter((p) => results.has(p.key)).length;
    const pending = distinctByKey(sweep.points).filter((p) => !results.has(p.key));
    const failures = new Map<string, PointFailure>();
    const sink: ResultSink = {
      async result(point, result) {
        await store?.write(point.key, point.portable, result);
        results.set(point.key, result);
      },
      failure(point, failure) {
        failures.set(point.key, failure);
      },
    };
    if (queue) await runOnQueue(queue, pending, sink, io);
    else await runLocally(pending, sweep.anchor, jobs, sink, io);

    const outcomes: SweepOutcome[] = sweep.points.map((point) => {
      const failure = failures.get(point.key);
      if (failure)
        return { error: failure.message, exitCode: exitCodeOf(failure), residual: failure.residual };
      return { ...(results.get(point.key) as StudyResult), name: point.scenario.name };
    });
    const analysis = analyseSweep(sweep.plan, outcomes);
    if (failures.size > 0) {
      // The table with an error column, so the failed points show beside the others; no report.
      if (options.out)
        await writeFileAtomically(
          join(options.out, "sweep.csv"),
          tableToCsv(analysis.table.columns, analysis.table.rows),
        );
      const lines = failureLines(sweep.points, failures);
      const where = options.out
        ? `; the other results are kept in ${join(options.out, "points")} and a rerun computes only what is missing`
        : "";
      const stderr = `${lines.map((line) => `error: ${line}\n`).join("")}error: ${lines.length} of ${sweep.points.length} points failed${where}\n`;
      return { code: sweepExitCode([...failures.values()]), stderr };
    }
    const ordered = outcomes as StudyResult[];
    if (options.out) {
      const files = await sweepFiles(sweep.plan, ordered, analysis, options.png ? { toPng: svgToPng } : {});
      for (const [path, content] of files) await writeFileAtomically(join(options.out, path), content);
    }
    return { code: 0, stderr: "", table: analysis.table, reused, plan: sweep.plan, results: ordered };
  } finally {
    await queue?.close();
  }
}
