import { differentialEvolution, type LeastSquaresResult } from "../../numerics/index.js";
import type { ImpedanceSpectrum } from "./fit.js";
import { settledFit } from "./localFit.js";
import type { CircuitProblem } from "./problem.js";

/** Half-width of the evolution's box around the start, in decades of each positive parameter. */
const DECADES = 3;
const POLISHED = 4;

/**
 * Range a parameter of this unit can take and still shape the measured spectrum: resistances from a
 * thousandth of the smallest |Z| to ten times the largest, time constants two decades beyond the
 * measured 1/omega, capacitances (and CPE Q, whose omega^alpha lies between omega^0.5 and omega) so
 * that 1/(omega C) spans the measured |Z| with the same margins.
 */
function dataRange(unit: string, spectrum: ImpedanceSpectrum): [number, number] | undefined {
  const omega = [...spectrum.frequency_Hz].map((f) => 2 * Math.PI * f);
  const moduli = [...spectrum.real_ohm].map((re, i) => Math.hypot(re, spectrum.imaginary_ohm[i]));
  const wMin = Math.min(...omega);
  const wMax = Math.max(...omega);
  const zMin = Math.max(Math.min(...moduli), 1e-300);
  const zMax = Math.max(...moduli);
  switch (unit) {
    case "ohm":
      return [1e-3 * zMin, 10 * zMax];
    case "s":
      return [0.01 / wMax, 100 / wMin];
    case "F":
    case "ohm^-1 s^alpha":
      return [0.01 / (wMax * zMax), 100 / (Math.min(wMin, Math.sqrt(wMin)) * zMin)];
    case "H":
      return [(0.01 * zMin) / wMax, (10 * zMax) / wMin];
    case "ohm s^-1/2":
      return [0.01 * zMin * Math.sqrt(wMin), 10 * zMax * Math.sqrt(wMax)];
  }
  return undefined;
}

/**
 * The differential-evolution part of the global stage: a seeded search over ln p within +-3 decades
 * of `start` widened to the range each parameter's unit allows by the data (and cut to the
 * parameter bounds), the CPE exponents over their bounds. It minimises the modulus-weighted misfit
 * of `search` whatever the weighting of `problem`: unit weights leave the small-|Z| decades almost
 * without say, and the wide flat basins that result (Wo_R -> infinity) trap the evolution as they
 * trap a local fit. Its best distinct members are then polished by short local fits of `problem`.
 */
export function globalStage(
  problem: CircuitProblem,
  search: CircuitProblem,
  start: Float64Array,
  seed: number,
): { polished: LeastSquaresResult[]; evaluations: number } {
  const d = start.length;
  const lower = new Float64Array(d);
  const upper = new Float64Array(d);
  problem.parameters.forEach((q, k) => {
    const half = q.fraction ? Number.POSITIVE_INFINITY : DECADES * Math.LN10;
    const range = q.fraction ? undefined : dataRange(q.unit, problem.spectrum);
    const low = Math.min(start[k] - half, range ? Math.log(range[0]) : Number.POSITIVE_INFINITY);
    const high = Math.max(start[k] + half, range ? Math.log(range[1]) : Number.NEGATIVE_INFINITY);
    lower[k] = Math.max(problem.lower[k], low);
    upper[k] = Math.min(problem.upper[k], high);
  });
  const evolution = differentialEvolution((x) => search.sumOfSquares(x), lower, upper, {
    seed,
    populationSize: Math.max(20, 8 * d),
    maxGenerations: 200,
  });
  const polished: LeastSquaresResult[] = [];
  let evaluations = evolution.evaluations;
  for (const member of evolution.population) {
    if (polished.length === POLISHED) break;
    if (polished.some((p) => distance(p.parameters, member) < 1e-3)) continue;
    const fit = settledFit(problem, search, member);
    evaluations += fit.iterations * (d + 1);
    polished.push(fit);
  }
  return { polished, evaluations };
}

function distance(a: Float64Array, b: Float64Array): number {
  let max = 0;
  for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs(a[k] - b[k]));
  return max;
}
