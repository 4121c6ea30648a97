import { NumericalError } from "../errors.js";
import { DenseCholesky } from "./denseCholesky.js";

export interface LeastSquaresProblem {
  /** Number of residuals. */
  residualCount: number;
  /** Fills `out` with the (weighted) residuals at parameters `p`. */
  residuals(p: Float64Array, out: Float64Array): void;
  /**
   * Fills `out` (row-major, residualCount x parameters) with d residual_i / d p_k at `p`, where the
   * residuals are `r`; forward differences when absent.
   */
  jacobian?(p: Float64Array, r: Float64Array, out: Float64Array): void;
  lower?: Float64Array;
  upper?: Float64Array;
  /** A sum of squares at or below this is an exact fit (the residuals are rounding noise). */
  negligibleSumOfSquares?: number;
}

export interface LeastSquaresResult {
  parameters: Float64Array;
  /** Sum of squared residuals at the solution. */
  sumOfSquares: number;
  /** (J^T J)^-1 at the solution; times sumOfSquares / (m - n) it is the parameter covariance. */
  inverseNormalMatrix: Float64Array;
  iterations: number;
  /**
   * True when the iteration stopped on a stationarity criterion: a negligible step or decrease, a
   * zero residual, or no descent left with a (projected) gradient orthogonal to the residual. False
   * when the iteration budget ran out or damping blew up away from a stationary point.
   */
  converged: boolean;
  stopReason: "step" | "decrease" | "exact" | "no-descent" | "iterations";
  /**
   * max_k |J_k^T r| / (|J_k| |r|) over parameters not held at a bound: the cosine between the residual
   * and each Jacobian column (MINPACK's gtol measure, More et al. 1980), 0 at an exact stationary
   * point. A column that vanished (a parameter without influence) counts as 0.
   */
  gradientCosine: number;
}

export interface LevenbergMarquardtOptions {
  maxIterations?: number;
  tolerance?: number;
  /**
   * False when only the parameters and `converged` are wanted (bootstrap refits): the Jacobian at
   * the accepted step that ends the iteration is then not computed (1 in 4.7 of a coverage study's
   * refit Jacobians), and `inverseNormalMatrix` and `gradientCosine`, which need it, are NaN. The
   * path and the parameters are the same bits either way.
   */
  covariance?: boolean;
}

/** Largest gradient cosine at a solution that is still called stationary when no descent is left. */
const STATIONARY_COSINE = 1e-3;

/**
 * Levenberg-Marquardt with Marquardt's diagonal scaling, the problem's Jacobian (else forward
 * differences) and bounds by projection (Nocedal & Wright, Numerical Optimization, 2nd ed., section
 * 10.3; Madsen, Nielsen & Tingleff, Methods for Non-Linear Least Squares Problems, 2004, Alg. 3.16
 * for the damping update).
 */
export function levenbergMarquardt(
  problem: LeastSquaresProblem,
  start: Float64Array,
  options: LevenbergMarquardtOptions = {},
): LeastSquaresResult {
  const n = start.length;
  const m = problem.residualCount;
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-14;
  const covariance = options.covariance ?? true;
  const project = (p: Float64Array) => {
    for (let k = 0; k < n; k++) {
      if (problem.lower && p[k] < problem.lower[k]) p[k] = problem.lower[k];
      if (problem.upper && p[k] > problem.upper[k]) p[k] = problem.upper[k];
    }
  };
  const p = Float64Array.from(start);
  project(p);
  const r = new Float64Array(m);
  const trialR = new Float64Array(m);
  const shifted = new Float64Array(m);
  const jacobian = new Float64Array(m * n);
  const normal = new Float64Array(n * n);
  const gradient = new Float64Array(n);
  const step = new Float64Array(n);
  const trial = new Float64Array(n);
  const sumSquares = (v: Float64Array) => {
    let sum = 0;
    for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
    return sum;
  };

  const differenceJacobian = () => {
    for (let k = 0; k < n; k++) {
      const h = 1e-7 * Math.max(Math.abs(p[k]), 1e-8);
      const saved = p[k];
      // Step inward at an upper bound so the difference stays feasible.
      const delta = problem.upper && saved + h > problem.upper[k] ? -h : h;
      p[k] = saved + delta;
      problem.residuals(p, shifted);
      p[k] = saved;
      for (let i = 0; i < m; i++) jacobian[i * n + k] = (shifted[i] - r[i]) / delta;
    }
  };

  const computeJacobian = () => {
    if (problem.jacobian) problem.jacobian(p, r, jacobian);
    else differenceJacobian();
    // J^T r and J^T J, each entry summed over the residuals in order in a local (the same sums as
    // accumulating row by row into the arrays, without a load and store per term).
    for (let a = 0; a < n; a++) {
      let g = 0;
      for (let i = 0; i < m; i++) g += jacobian[i * n + a] * r[i];
      gradient[a] = g;
      for (let b = 0; b <= a; b++) {
        let sum = 0;
        for (let i = 0; i < m; i++) sum += jacobian[i * n + a] * jacobian[i * n + b];
        normal[a * n + b] = sum;
        normal[b * n + a] = sum;
      }
    }
  };

  // A component pushing against an active bound is not a failure to be stationary.
  const projectedGradientCosine = () => {
    const norm = Math.sqrt(sumSquares(r));
    if (norm === 0) return 0;
    let worst = 0;
    for (let k = 0; k < n; k++) {
      if (problem.lower && p[k] <= problem.lower[k] && gradient[k] > 0) continue;
      if (problem.upper && p[k] >= problem.upper[k] && gradient[k] < 0) continue;
      const column = Math.sqrt(normal[k * n + k]);
      if (column > 0) worst = Math.max(worst, Math.abs(gradient[k]) / (column * norm));
    }
    return worst;
  };

  problem.residuals(p, r);
  let cost = sumSquares(r);
  if (!Number.isFinite(cost))
    throw new NumericalError("least squares: residuals are not finite at the start", cost);
  computeJacobian();
  let lambda = 1e-3;
  let nu = 2;
  let iterations = 0;
  let stopReason: LeastSquaresResult["stopReason"] = "iterations";
  const damped = new Float64Array(n * n);
  const negGradient = new Float64Array(n);
  for (; iterations < maxIterations; iterations++) {
    damped.set(normal);
    for (let a = 0; a < n; a++) {
      damped[a * n + a] += lambda * Math.max(normal[a * n + a], 1e-300);
      negGradient[a] = -gradient[a];
    }
    let solver: DenseCholesky;
    try {
      solver = new DenseCholesky(damped, n);
    } catch {
      lambda *= nu;
      nu *= 2;
      continue;
    }
    solver.solve(negGradient, step);
    for (let k = 0; k < n; k++) trial[k] = p[k] + step[k];
    project(trial);
    problem.residuals(trial, trialR);
    const trialCost = sumSquares(trialR);
    let predicted = 0;
    for (let k = 0; k < n; k++) {
      const s = trial[k] - p[k];
      predicted += s * (lambda * Math.max(normal[k * n + k], 1e-300) * s - gradient[k]);
    }
    const gain = predicted > 0 ? (cost - trialCost) / predicted : -1;
    if (Number.isFinite(trialCost) && gain > 0) {
      let moved = 0;
      let size = 0;
      for (let k = 0; k < n; k++) {
        moved = Math.max(moved, Math.abs(trial[k] - p[k]));
        size = Math.max(size, Math.abs(p[k]));
      }
      const relativeDecrease = (cost - trialCost) / Math.max(cost, 1e-300);
      p.set(trial);
      r.set(trialR);
      cost = trialCost;
      if (cost <= (problem.negligibleSumOfSquares ?? 0)) stopReason = "exact";
      else if (moved <= tolerance * (size + tolerance)) stopReason = "step";
      else if (relativeDecrease < tolerance) stopReason = "decrease";
      if (stopReason !== "iterations" && !covariance) break;
      computeJacobian();
      if (stopReason !== "iterations") break;
      lambda *= Math.max(1 / 3, 1 - (2 * gain - 1) ** 3);
      nu = 2;
    } else {
      lambda *= nu;
      nu *= 2;
      if (lambda > 1e16) {
        stopReason = "no-descent";
        break;
      }
    }
  }
  // A stop on a negligible residual, step or decrease skipped the Jacobian at p (covariance false).
  const skipped = !covariance && stopReason !== "iterations" && stopReason !== "no-descent";
  const inverse = new Float64Array(n * n);
  // Skipped: `normal` is still the point before's, so there is no inverse to give.
  if (skipped) inverse.fill(Number.NaN);
  else
    try {
      const factor = new DenseCholesky(normal, n);
      const unit = new Float64Array(n);
      const column = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        unit.fill(0);
        unit[k] = 1;
        factor.solve(unit, column);
        for (let a = 0; a < n; a++) inverse[a * n + k] = column[a];
      }
    } catch {
      inverse.fill(Number.NaN); // singular: parameters not identifiable
    }
  const gradientCosine = skipped ? Number.NaN : projectedGradientCosine();
  const converged =
    stopReason === "exact" ||
    stopReason === "step" ||
    stopReason === "decrease" ||
    (stopReason === "no-descent" &&
      (gradientCosine <= STATIONARY_COSINE || cost <= (problem.negligibleSumOfSquares ?? 0)));
  return {
    parameters: p,
    sumOfSquares: cost,
    inverseNormalMatrix: inverse,
    iterations,
    converged,
    stopReason,
    gradientCosine,
  };
}
