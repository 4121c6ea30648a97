import { InputError, NumericalError } from "../../errors.js";
import { runScenario } from "../../studies/index.js";
import type { Io } from "../io.js";
import { linesRelativeTo } from "../lines.js";
import { pointProgress } from "../progress.js";
import { failureOf } from "./failure.js";
import { computePool } from "./pool.js";
import type { PreparedPoint } from "./prepare.js";
import type { ResultSink } from "./report.js";

/**
 * Stops the pool's processes when this process is told to stop (Ctrl-C, kill), so no orphan keeps
 * computing; returns the function that removes the handlers again. Installed before the first
 * process is started: a signal in between would end this process by default and leave them running.
 */
function stopPoolOnSignal(pool: ReturnType<typeof computePool>): () => void {
  const handlers = (["SIGINT", "SIGTERM"] as const).map((signal) => {
    const handler = () => {
      pool.kill();
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

/** One point at a time in this process: for --jobs 1, or a single point (no process start-up to pay). */
async function runHere(points: PreparedPoint[], anchor: string, sink: ResultSink, io: Io) {
  const progress = pointProgress("sweep", points.length, io);
  try {
    for (const point of points) {
      try {
        await sink.result(point, runScenario(point.scenario, { readLines: linesRelativeTo(anchor) }));
        progress.point(true);
      } catch (error) {
        if (!(error instanceof InputError || error instanceof NumericalError)) throw error;
        sink.failure(point, failureOf(error));
        progress.point(false);
      }
    }
  } finally {
    progress.stop();
  }
}

/** Runs the points on this machine, in `jobs` compute processes that each take the next point. */
export async function runLocally(
  points: PreparedPoint[],
  anchor: string,
  jobs: number,
  sink: ResultSink,
  io: Io,
): Promise<void> {
  if (points.length === 0) return;
  if (jobs === 1 || points.length === 1) return runHere(points, anchor, sink, io);
  const processes = Math.min(jobs, points.length);
  const pool = computePool(processes);
  const release = stopPoolOnSignal(pool);
  const progress = pointProgress(`sweep (${processes} processes)`, points.length, io);
  try {
    await Promise.all(
      points.map(async (point) => {
        const outcome = await pool.run(point.scenario, anchor);
        if ("result" in outcome) await sink.result(point, outcome.result);
        else sink.failure(point, outcome.failure);
        progress.point("result" in outcome);
      }),
    );
  } finally {
    progress.stop();
    await pool.close();
    release();
  }
}
