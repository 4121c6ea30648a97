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
