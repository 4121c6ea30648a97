import { type LeastSquaresResult, levenbergMarquardt } from "../../numerics/index.js";
import type { CircuitProblem } from "./problem.js";

/** Iteration budgets: screening fits of the global stage, and the final fit. */
export const SHORT = 60;
export const FULL = 500;

/** Levenberg-Marquardt on a circuit problem from internal coordinates `start`. */
export function localFit(
  problem: CircuitProblem,
  start: Float64Array,
  maxIterations: number,
): LeastSquaresResult {
  return levenbergMarquardt(problem, start, { maxIterations });
}

/**
 * A short fit of `search` (the modulus-weighted misfit, where every decade of |Z| has its say) and
 * from its end one of `problem`: with unit weighting a start far off can otherwise slide into a
 * basin set by the few largest |Z| alone.
 */
export function settledFit(
  problem: CircuitProblem,
  search: CircuitProblem,
  start: Float64Array,
): LeastSquaresResult {
  const settled = localFit(search, start, SHORT);
  const fit = localFit(problem, settled.parameters, SHORT);
  return { ...fit, iterations: settled.iterations + fit.iterations };
}
