/**
 * The two ways a run can fail. Both carry the exit code the CLI uses (SPEC section 6), so the
 * physics core can throw them without knowing about processes.
 */

/** One problem with the input: where it is, what was there, what was expected. */
export interface InputProblem {
  path: string;
  message: string;
}

/** Bad input: every problem found, reported before any computation. Exit code 2. */
export class InputError extends Error {
  readonly exitCode = 2;
  readonly problems: InputProblem[];
  constructor(problems: InputProblem[]) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("\n"));
    this.name = "InputError";
    this.problems = problems;
  }
}

/** Shorthand for a single-problem InputError. */
export function inputError(path: string, message: string): InputError {
  return new InputError([{ path, message }]);
}

/** A solver that did not converge or left its valid range. Exit code 3, with the residual reached. */
export class NumericalError extends Error {
  readonly exitCode = 3;
  readonly residual: number;
  constructor(message: string, residual: number) {
    super(`${message} (residual reached: ${residual.toExponential(3)})`);
    this.name = "NumericalError";
    this.residual = residual;
  }
}
