import { Worker } from "node:worker_threads";
import {
  type ReproductionEntry,
  type ReproductionReport,
  reproductionReport,
  runReproduction,
} from "../../studies/index.js";
import type { StudyResult } from "../../studies/types.js";
import { type ReproductionReply, type ReproductionTask, rebuiltError } from "./protocol.js";

export interface StepListener {
  start(step: string): void;
  finish(step: string): void;
}

/**
 * A thread beside this module: TypeScript through tsx (tests, tsx), JavaScript once built; or the
 * given thread entry (a test's bundled thread.js: it starts in a fraction of tsx's time).
 */
function startThread(entry?: URL): Worker {
  if (entry) return new Worker(entry);
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./thread.js", import.meta.url));
  return new Worker(new URL("./tsxThread.mjs", import.meta.url), {
    workerData: { module: new URL("./thread.ts", import.meta.url).href },
  });
}

function sequentially(entries: ReproductionEntry[], fast: boolean, steps: StepListener) {
  return entries.map((entry) => {
    steps.start(entry.reproduction.id);
    const report = runReproduction(entry, { fast });
    steps.finish(entry.reproduction.id);
    return report;
  });
}

/**
 * Runs the reproductions on up to `jobs` worker threads, each taking the next task when it is free
 * (the long-running ones first, then registry order; a planned reproduction's runs one by one, so
 * that they spread over the threads, and the others whole), and returns the reports in registry order:
 * the same reports as a sequential run. A failure stops new starts; once the running ones end, the
 * error of the first failed reproduction in registry order is thrown.
 */
export async function runReproductions(
  entries: ReproductionEntry[],
  options: { fast: boolean; jobs: number; threadEntry?: URL },
  steps: StepListener,
): Promise<ReproductionReport[]> {
  const startOrder = entries
    .map((entry, index) => ({ index, first: entry.reproduction.longRunning === true }))
    .sort((a, b) => Number(b.first) - Number(a.first) || a.index - b.index)
    .map((entry) => entry.index);
  // The threads' work in start order: each run of a planned reproduction, each other reproduction
  // whole.
  const planned = entries.map(({ reproduction }) =>
    "runs" in reproduction ? reproduction.runs(options.fast) : undefined,
  );
  const tasks = startOrder.flatMap((index): ReproductionTask[] => {
    const { study, reproduction } = entries[index];
    const task = { index, study: study.id, id: reproduction.id, fast: options.fast };
    return planned[index]?.map((run, number) => ({ ...task, run: { number, ...run } })) ?? [task];
  });
  const size = Math.min(options.jobs, tasks.length);
  // A thread pays the library's start-up and its own heap: not worth it for one task.
  if (size <= 1) return sequentially(entries, options.fast, steps);

  const reports: ReproductionReport[] = new Array(entries.length);
  const results = planned.map((runs) => new Array<StudyResult>(runs?.length ?? 0));
  const tasksLeft = planned.map((runs) => runs?.length ?? 1);
  const failures = new Map<number, Error>();
  const threads: Worker[] = [];
  /** A reproduction whose tasks have all answered: a planned one's results compared with the paper. */
  const complete = (index: number) => {
    const entry = entries[index];
    const { reproduction } = entry;
    if ("runs" in reproduction) {
      try {
        reports[index] = reproductionReport(entry, reproduction.summarise(results[index], options.fast));
      } catch (error) {
        failures.set(index, error as Error);
        return;
      }
    }
    steps.finish(reproduction.id);
  };
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const started = new Set<number>();
      const dispatch = (thread: Worker) => {
        if (next >= tasks.length || failures.size > 0) {
          if (running === 0) resolve();
          return;
        }
        const task = tasks[next++];
        running += 1;
        if (!started.has(task.index)) {
          started.add(task.index);
          steps.start(task.id);
        }
        thread.postMessage(task);
      };
      for (let i = 0; i < size; i++) {
        const thread = startThread(options.threadEntry);
        threads.push(thread);
        thread.on("message", (reply: ReproductionReply) => {
          running -= 1;
          if ("failure" in reply) failures.set(reply.index, rebuiltError(reply.failure));
          else {
            if ("report" in reply) reports[reply.index] = reply.report;
            else results[reply.index][reply.run] = reply.result;
            if (--tasksLeft[reply.index] === 0) complete(reply.index);
          }
          dispatch(thread);
        });
        thread.on("error", reject);
        thread.on("exit", (code) => {
          if (code !== 0) reject(new Error(`a reproduction thread ended with exit code ${code}`));
        });
        dispatch(thread);
      }
    });
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  const firstFailure = Math.min(...failures.keys());
  if (failures.size > 0) throw failures.get(firstFailure);
  return reports;
}
