import { UnrecoverableError } from "bullmq";
import type { PointFailure } from "../failure.js";

/** What a job carries: the point's scenario with data files named by content, and who made it. */
export interface PointJob {
  version: string;
  scenario: unknown;
  /** The data files the scenario names, `<sha256>/<file name>`; the worker fetches them by hash. */
  files: string[];
}

/**
 * A numerical failure or a crash may pass on another try (another machine, a fresh process); bad
 * input never does, so it fails at the first attempt (BullMQ UnrecoverableError).
 */
export const ATTEMPTS = 3;

/** A failure travels as the job's failedReason: the JSON of the PointFailure. */
export const encodeFailure = (failure: PointFailure) => JSON.stringify(failure);

/** The error a job throws: bad input gives the same answer on every machine, so it is not retried. */
export function failureError(failure: PointFailure): Error {
  return failure.kind === "input"
    ? new UnrecoverableError(encodeFailure(failure))
    : new Error(encodeFailure(failure));
}

export function decodeFailure(reason: string | undefined, attempts: number): PointFailure {
  const tries = ` (after ${attempts} attempt${attempts === 1 ? "" : "s"})`;
  try {
    const failure = JSON.parse(reason ?? "") as PointFailure;
    if (typeof failure.message === "string" && ["input", "numerical", "internal"].includes(failure.kind))
      return failure.kind === "input" ? failure : { ...failure, message: failure.message + tries };
  } catch {
    // BullMQ's own reasons (a job stalled too often) are plain text.
  }
  return { kind: "internal", message: `${reason ?? "no reason given"}${tries}` };
}
