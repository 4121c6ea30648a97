import { findRoot } from "../numerics/index.js";
import type { AlloyFilmProblem } from "./problem.js";
import { lithiumFlux } from "./problem.js";

/**
 * Exact concentration for constant D, uniform initial concentration c0, constant influx J at
 * x = 0 and no flux at x = L (Crank, "The Mathematics of Diffusion", 2nd ed., section 4.3.3):
 *   c = c0 + J t / L + (J L / D) [ (3 (1 - x/L)^2 - 1) / 6
 *                                  - (2 / pi^2) sum_n exp(-n^2 pi^2 D t / L^2) cos(n pi x / L) / n^2 ].
 * Terms are summed until the exponential falls below 1e-18.
 */
export function exactConcentration(problem: AlloyFilmProblem, position_m: number, time_s: number): number {
  const D = problem.diffusivity;
  if (typeof D !== "number") throw new Error("exactConcentration: needs a constant diffusivity");
  const L = problem.thickness_m;
  const J = lithiumFlux(problem);
  const u = position_m / L;
  const decay = (Math.PI * Math.PI * D * time_s) / (L * L);
  let series = 0;
  if (decay > 0) {
    const terms = Math.ceil(Math.sqrt(41.5 / decay)) + 1; // exp(-n^2 decay) < 1e-18 beyond this
    for (let n = 1; n <= terms; n++)
      series += (Math.exp(-n * n * decay) * Math.cos(n * Math.PI * u)) / (n * n);
  } else {
    series = (Math.PI * Math.PI * (3 * (1 - u) ** 2 - 1)) / 12; // the t = 0 limit of the sum
  }
  const shape = (3 * (1 - u) ** 2 - 1) / 6 - (2 / (Math.PI * Math.PI)) * series;
  return problem.initialConcentration_mol_m3 + (J * time_s) / L + ((J * L) / D) * shape;
}

/** Time at which the exact surface concentration reaches c_max. */
export function exactSaturationTime(problem: AlloyFilmProblem): number {
  const J = lithiumFlux(problem);
  const fillTime =
    ((problem.maxConcentration_mol_m3 - problem.initialConcentration_mol_m3) * problem.thickness_m) / J;
  const excess = (t: number) => exactConcentration(problem, 0, t) - problem.maxConcentration_mol_m3;
  return findRoot(excess, fillTime * 1e-12, fillTime, { absoluteTolerance: fillTime * 1e-14 });
}

/** Exact utilization (mean c / c_max) at the exact saturation time: (c0 + J t / L) / c_max. */
export function exactUtilization(problem: AlloyFilmProblem): number {
  const meanConcentration =
    problem.initialConcentration_mol_m3 +
    (lithiumFlux(problem) * exactSaturationTime(problem)) / problem.thickness_m;
  return meanConcentration / problem.maxConcentration_mol_m3;
}
