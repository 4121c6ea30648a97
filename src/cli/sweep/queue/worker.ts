import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { inputError } from "../../../errors.js";
import { VERSION } from "../../../version.js";
import type { Io } from "../../io.js";
import type { PointFailure } from "../failure.js";
import { computePool } from "../pool.js";
import { BULL_PREFIX, connectQueue, QUEUE_PREFIX, queueName } from "./connection.js";
import { fetchDataFiles } from "./files.js";
import { encodeFailure, failureError, type PointJob } from "./job.js";
import { otherVersionsWaiting } from "./otherVersions.js";

export interface WorkerOptions {
  queue: string;
  jobs?: string;
  /** Milliseconds; also from ANODEFREE_QUEUE_STALL_MS. Short only in tests. */
  stallInterval?: string;
}

function positive(name: string, given: string | undefined, fallback: number, unit: string): number {
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!Number.isInteger(value) || value < 1)
    throw inputError(name, `expected a whole number of ${unit} >= 1, got ${JSON.stringify(given)}`);
  return value;
}

/**
 * `anodefree worker --queue URL`: takes sweep points from the queue of this package version and runs
 * them with the same runScenario as a local sweep, in compute processes (so the worker's own event
 * loop keeps renewing BullMQ's job locks however long a point takes). Data files come from Redis by
 * content hash into a private cache folder. Runs until SIGINT/SIGTERM: then it takes no new job,
 * finishes the ones it has, and exits 0; a second signal stops at once (the jobs go to another
 * worker after the stall interval).
 */
export async function workerCommand(options: WorkerOptions, io: Io): Promise<number> {
  const concurrency = positive("--jobs", options.jobs, availableParallelism(), "processes");
  const stall = positive(
    "--stall-interval",
    options.stallInterval ?? process.env.ANODEFREE_QUEUE_STALL_MS,
    30_000,
    "milliseconds",
  );
  const connection = await connectQueue(options.queue);
  const cache = await mkdtemp(join(tmpdir(), "anodefree-worker-"));
  const pool = computePool(concurrency);
  const processor = async (job: Job<PointJob>) => {
    if (job.data.version !== VERSION)
      throw new UnrecoverableError(
        encodeFailure({
          kind: "input",
          message: `made by anodefree ${job.data.version}; this worker runs ${VERSION}`,
        }),
      );
    await fetchDataFiles(connection.redis, cache, job.data.files);
    const outcome = await pool.run(job.data.scenario, join(cache, "scenario.yaml"));
    if ("failure" in outcome) throw failureError(outcome.failure);
    return outcome.result;
  };
  const worker = new Worker<PointJob>(queueName(), processor, {
    connection: connection.client(),
    prefix: BULL_PREFIX,
    concurrency,
    lockDuration: 2 * stall,
    stalledInterval: stall,
    maxStalledCount: 2,
  });
  worker.on("error", (error) => io.err(`worker: ${error.message}\n`));
  worker.on("active", (job) => io.err(`start ${job.name} (${job.id?.slice(0, 12)})\n`));
  worker.on("completed", (job) => io.err(`done ${job.name} (${job.id?.slice(0, 12)})\n`));
  worker.on("failed", (job, error) => {
    const failure = (() => {
      try {
        return JSON.parse(error.message) as PointFailure;
      } catch {
        return { kind: "internal", message: error.message };
      }
    })();
    io.err(
      `failed ${job?.name} (${job?.id?.slice(0, 12)}): ${failure.kind}: ${failure.message.split("\n")[0]}\n`,
    );
  });
  // Signals are handled from the moment the worker may hold a job, so SIGTERM always lets it finish.
  let stopping = false;
  let noteTimer: ReturnType<typeof setInterval> | undefined;
  const stopped = new Promise<number>((resolve) => {
    const stop = async (signal: NodeJS.Signals) => {
      if (stopping) {
        pool.kill("SIGKILL");
        process.exit(signal === "SIGINT" ? 130 : 143);
      }
      stopping = true;
      clearInterval(noteTimer);
      io.err(`${signal}: finishing the current jobs, taking no new ones (again to stop at once)\n`);
      await worker.close();
      await pool.close();
      await connection.close();
      await rm(cache, { recursive: true, force: true });
      resolve(0);
    };
    process.on("SIGINT", () => void stop("SIGINT"));
    process.on("SIGTERM", () => void stop("SIGTERM"));
  });
  io.err(
    `anodefree ${VERSION} worker on ${connection.label}, queue ${queueName()}, ${concurrency} compute process${concurrency === 1 ? "" : "es"}\n`,
  );
  const tellOthers = async () => {
    for (const other of await otherVersionsWaiting(connection.redis, BULL_PREFIX, QUEUE_PREFIX, VERSION))
      io.err(
        `note: ${other.waiting} job(s) of anodefree ${other.version} wait in ${other.queue}; this worker runs ${VERSION} and leaves them to a worker of that version\n`,
      );
  };
  // Only a note: a Redis that cannot answer it is no reason not to work.
  await tellOthers().catch(() => {});
  if (!stopping) noteTimer = setInterval(() => void tellOthers().catch(() => {}), 60_000);
  return stopped;
}
