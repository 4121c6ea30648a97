import { type LeastSquaresResult, levenbergMarquardt, SeededRandom } from "../../numerics/index.js";
import { sampleQuantile } from "../../numerics/statistics.js";
import type { ImpedanceSpectrum } from "./fit.js";
import type { CircuitProblem } from "./problem.js";

export interface BootstrapOptions {
  /** Number of resampled spectra refitted. */
  samples: number;
  /** Same seed, same intervals. */
  seed: number;
  /** Two-sided confidence level, e.g. 0.95. */
  level: number;
}

export interface BootstrapIntervals {
  /** Percentile interval of each parameter (physical units, circuit order). */
  intervals: [number, number][];
  /** Refits whose Levenberg-Marquardt run did not report convergence (kept: they end near a minimum). */
  unconverged: number;
}

/**
 * Refits start at the best fit, a noise-sized step from their own minimum: few iterations, and a
 * step tolerance far below any interval's width.
 */
const REFIT = { maxIterations: 50, tolerance: 1e-8, covariance: false };
/** A leverage this close to 1 would blow a residual up without bound. */
const MAX_LEVERAGE = 0.9;

/**
 * Wild bootstrap (Wu, Ann. Stat. 14 (1986) 1261; Rademacher weights as recommended by Davidson &
 * Flachaire, J. Econometrics 146 (2008) 162): each resampled spectrum is the best-fit model plus
 * each of its own residuals with a random sign, refitted by Levenberg-Marquardt from the best fit;
 * the interval is the percentile interval of the refitted values.
 *
 * Why this and not profile likelihood or a residual (shuffling) bootstrap: both of those, like the
 * linearised interval, take the weighted residuals as equally distributed, which they are only when
 * the weighting matches the noise. Unit weighting of an instrument's proportional noise breaks that
 * (a Randles fit's Wo interval then covers 80 % instead of 95 %), while a residual kept at its own
 * frequency carries its own variance along. Residuals are first divided by 1 - h_ii, h the
 * leverage of the linearised fit (MacKinnon & White, J. Econometrics 29 (1985) 305, "HC3"), as a fit
 * pulls its residuals below the noise, most where few points decide a parameter (R0 from the
 * highest frequencies), and the intervals would otherwise come out too narrow.
 */
export function wildBootstrap(
  problem: CircuitProblem,
  best: LeastSquaresResult,
  options: BootstrapOptions,
): BootstrapIntervals {
  const p = best.parameters.length;
  const m = problem.residualCount;
  const n = m / 2;
  const residual = new Float64Array(m);
  problem.residuals(best.parameters, residual);
  const model = {
    real_ohm: Float64Array.from(problem.model.real_ohm),
    imaginary_ohm: Float64Array.from(problem.model.imaginary_ohm),
  };
  const leverage = leverages(problem, best);
  // Each residual back in ohm, inflated by its leverage: data = model - residual / weight.
  const spread = Float64Array.from(residual, (r, i) => {
    const weight = i % 2 === 0 ? problem.weightRe[i >> 1] : problem.weightIm[i >> 1];
    return r / weight / (1 - Math.min(leverage[i], MAX_LEVERAGE));
  });
  // A stream apart from that of synthetic noise drawn with the same small seed (seed 1 for both is
  // the default): signs taken from the very uniforms that made the noise would not be independent.
  const random = new SeededRandom(Math.imul(options.seed, 0x9e3779b1) ^ 0x85ebca6b);
  const values = Array.from({ length: p }, () => new Float64Array(options.samples));
  const physical = new Float64Array(p);
  let unconverged = 0;
  const resampled: ImpedanceSpectrum = {
    frequency_Hz: problem.spectrum.frequency_Hz,
    real_ohm: new Float64Array(n),
    imaginary_ohm: new Float64Array(n),
  };
  const refitted = problem.withSpectrum(resampled);
  const exact = refitted.withExactJacobian();
  refitted.pinDerivatives(best.parameters);
  for (let b = 0; b < options.samples; b++) {
    for (let i = 0; i < n; i++) {
      resampled.real_ohm[i] = model.real_ohm[i] - rademacher(random) * spread[2 * i];
      resampled.imaginary_ohm[i] = model.imaginary_ohm[i] - rademacher(random) * spread[2 * i + 1];
    }
    refitted.reweigh();
    const refit = levenbergMarquardt(exact, best.parameters, REFIT);
    if (!refit.converged) unconverged++;
    problem.toPhysical(refit.parameters, physical);
    for (let k = 0; k < p; k++) values[k][b] = physical[k];
  }
  const tail = (1 - options.level) / 2;
  return {
    intervals: values.map((v) => [sampleQuantile(v, tail), sampleQuantile(v, 1 - tail)]),
    unconverged,
  };
}

function rademacher(random: SeededRandom): number {
  return random.uniform() < 0.5 ? -1 : 1;
}

/**
 * Diagonal of the hat matrix J (J^T J)^-1 J^T of the weighted residuals at the best fit; zeros when
 * the normal matrix was singular.
 */
function leverages(problem: CircuitProblem, best: LeastSquaresResult): Float64Array {
  const p = best.parameters.length;
  const m = problem.residualCount;
  const leverage = new Float64Array(m);
  const inverse = best.inverseNormalMatrix;
  if (!inverse.every(Number.isFinite)) return leverage;
  const jacobian = new Float64Array(m * p);
  problem.exactJacobian(best.parameters, jacobian);
  for (let i = 0; i < m; i++) {
    let sum = 0;
    for (let a = 0; a < p; a++) {
      let row = 0;
      for (let c = 0; c < p; c++) row += inverse[a * p + c] * jacobian[i * p + c];
      sum += jacobian[i * p + a] * row;
    }
    leverage[i] = Math.max(0, sum);
  }
  return leverage;
}
