import { InputError, NumericalError } from "../../errors.js";

/**
 * Why a point failed, in a form that crosses process and machine boundaries (IPC, a Redis job):
 * bad input (exit code 2, final: running it again gives the same answer), a numerical failure with
 * its residual (exit code 3), or anything else, a bug or a process that died (exit code 1).
 */
export interface PointFailure {
  kind: "input" | "numerical" | "internal";
  message: string;
  residual?: number;
}

export function failureOf(error: unknown): PointFailure {
  if (error instanceof InputError) return { kind: "input", message: error.message };
  if (error instanceof NumericalError)
    return { kind: "numerical", message: error.message, residual: error.residual };
  return {
    kind: "internal",
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
}

export const exitCodeOf = (failure: PointFailure) =>
  failure.kind === "input" ? 2 : failure.kind === "numerical" ? 3 : 1;

/** The worst exit code of several failures: a bug (1) hides nothing, then numerical (3), then input (2). */
export function sweepExitCode(failures: PointFailure[]): number {
  const codes = new Set(failures.map(exitCodeOf));
  return codes.has(1) ? 1 : codes.has(3) ? 3 : codes.has(2) ? 2 : 0;
}
