import { InputError, type InputProblem, NumericalError } from "../../errors.js";
import type { ReproductionReport } from "../../studies/index.js";
import type { StudyResult, StudyRun } from "../../studies/types.js";

/**
 * Work for a thread: a whole reproduction, named by its study and id (entries hold functions), or
 * with `run`, run `run.number` of a planned reproduction (its study's scenario, as data).
 */
export interface ReproductionTask {
  index: number;
  study: string;
  id: string;
  fast: boolean;
  run?: { number: number } & StudyRun;
}

/** A thrown error, reduced to what crosses a thread and rebuilds the same exit code and message. */
export type ThreadFailure =
  | { kind: "input"; problems: InputProblem[] }
  | { kind: "numerical"; message: string; residual: number }
  | { kind: "internal"; message: string };

export type ReproductionReply = { index: number } & (
  | { report: ReproductionReport }
  | { run: number; result: StudyResult }
  | { failure: ThreadFailure }
);

export function threadFailure(error: unknown): ThreadFailure {
  if (error instanceof InputError) return { kind: "input", problems: error.problems };
  if (error instanceof NumericalError)
    return { kind: "numerical", message: error.message, residual: error.residual };
  return {
    kind: "internal",
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
}

/** The error the thread threw, as the sequential run would have thrown it. */
export function rebuiltError(failure: ThreadFailure): Error {
  if (failure.kind === "input") return new InputError(failure.problems);
  if (failure.kind === "internal") return new Error(failure.message);
  const error = new NumericalError("", failure.residual);
  // NumericalError appends the residual to its message; the thread's message already has it.
  error.message = failure.message;
  return error;
}
