import { Queue, QueueEvents } from "bullmq";
import type { StudyResult } from "../../../studies/index.js";
import { VERSION } from "../../../version.js";
import type { Io } from "../../io.js";
import { pointProgress } from "../../progress.js";
import { renameStrings } from "../dataFiles.js";
import type { PreparedPoint } from "../prepare.js";
import type { ResultSink } from "../report.js";
import { BULL_PREFIX, type QueueConnection, queueName } from "./connection.js";
import { uploadDataFiles } from "./files.js";
import { ATTEMPTS, decodeFailure, type PointJob } from "./job.js";

const ENQUEUE_BATCH = 500;
const CHECK_BATCH = 200;

/** The result as if run locally: data files named as in the scenario file, not by hash. */
function withOriginalNames(result: StudyResult, point: PreparedPoint): StudyResult {
  const given = new Map(point.files.map((file) => [file.portable, file.given]));
  return given.size === 0 ? result : { ...result, inputs: renameStrings(result.inputs, (t) => given.get(t)) };
}

/**
 * Runs the pending points as BullMQ jobs (job id = point key, so a point is queued once however often
 * the sweep starts) and hands each result to the sink as it completes. Completions arrive as queue
 * events; a full check of every outstanding job at the start and every few seconds finds what
 * finished while no coordinator listened (a restarted sweep) or what an event stream trimmed away.
 */
export async function runOnQueue(
  connection: QueueConnection,
  pending: PreparedPoint[],
  sink: ResultSink,
  io: Io,
): Promise<void> {
  if (pending.length === 0) return;
  const name = queueName();
  const queue = new Queue<PointJob>(name, { connection: connection.client(), prefix: BULL_PREFIX });
  const events = new QueueEvents(name, { connection: connection.client(), prefix: BULL_PREFIX });
  // A lost connection is retried (ioredis reconnects; commands wait for it): said once per kind of
  // trouble, not as a failure, since the jobs keep running and nothing is lost meanwhile.
  const said = new Set<string>();
  const warn = (error: Error) => {
    if (said.has(error.message)) return;
    said.add(error.message);
    io.err(`warning: Redis at ${connection.label}: ${error.message} (retrying)\n`);
  };
  queue.on("error", warn);
  events.on("error", warn);
  const outstanding = new Map(pending.map((point) => [point.key, point]));
  const progress = pointProgress(`sweep on ${connection.label}`, pending.length, io);
  let wake = () => {};
  // A point leaves `outstanding` only once its result is written, so the sweep cannot end while a
  // write is still under way; `taken` keeps an event and a check from writing it twice.
  const taken = new Set<string>();
  const settle = async (key: string) => {
    if (!outstanding.has(key) || taken.has(key)) return;
    // The state first, then the job: read the other way round, a job that completes in between
    // would be taken as completed with the result it did not have yet.
    const state = await queue.getJobState(key);
    if (state !== "completed" && state !== "failed") return;
    const job = await queue.getJob(key);
    const point = outstanding.get(key);
    // Checked again after the awaits: an event and a check may race for the same job.
    if (!job || !point || taken.has(key)) return;
    taken.add(key);
    if (state === "completed")
      await sink.result(point, withOriginalNames(job.returnvalue as StudyResult, point));
    else sink.failure(point, decodeFailure(job.failedReason, job.attemptsMade));
    outstanding.delete(key);
    progress.point(state === "completed");
    if (outstanding.size === 0) wake();
  };
  const checkAll = async () => {
    const keys = [...outstanding.keys()];
    for (let k = 0; k < keys.length; k += CHECK_BATCH)
      await Promise.all(keys.slice(k, k + CHECK_BATCH).map(settle));
  };
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    // Listening before enqueueing: no completion can slip between the two.
    events.on("completed", ({ jobId }) => void settle(jobId));
    events.on("failed", ({ jobId }) => void settle(jobId));
    await uploadDataFiles(
      connection.redis,
      pending.flatMap((point) => point.files),
    );
    for (let k = 0; k < pending.length; k += ENQUEUE_BATCH)
      await queue.addBulk(
        pending.slice(k, k + ENQUEUE_BATCH).map((point) => ({
          name: point.scenario.name,
          data: { version: VERSION, scenario: point.portable, files: point.files.map((f) => f.portable) },
          opts: {
            jobId: point.key,
            attempts: ATTEMPTS,
            backoff: { type: "fixed", delay: 1000 },
            removeOnComplete: false,
            removeOnFail: false,
          },
        })),
      );
    let toldNoWorker = false;
    while (outstanding.size > 0) {
      await checkAll();
      if (outstanding.size === 0) break;
      if (!toldNoWorker && (await queue.getWorkersCount()) === 0) {
        io.err(
          `waiting for workers: start one or more with \`anodefree worker --queue ${connection.label}\` (anodefree ${VERSION}); results are collected as they complete\n`,
        );
        toldNoWorker = true;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.max(5000, outstanding.size));
      });
    }
  } finally {
    progress.stop();
    await events.close();
    await queue.close();
  }
}
