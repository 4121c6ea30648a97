import type { ConcentrationFunction } from "../numerics/index.js";
import { PiecewiseLinear } from "../numerics/index.js";
import { FARADAY } from "../units/index.js";

/** Li diffusivity in the film: one value, or a table over the filling fraction c / c_max. */
export type DiffusivitySpec = number | { fraction: number[]; diffusivity_m2_s: number[] };

/**
 * One alloy film under galvanostatic lithiation (Wang2024 Fig. 4a): Li enters at the
 * solid-electrolyte side (x = 0) with flux i / F and cannot leave at the collector (x = thickness).
 */
export interface AlloyFilmProblem {
  thickness_m: number;
  maxConcentration_mol_m3: number;
  initialConcentration_mol_m3: number;
  diffusivity: DiffusivitySpec;
  currentDensity_A_m2: number;
}

export interface Discretisation {
  /** Finite-volume cells across the film. */
  cells: number;
  /** Time steps per characteristic time of the run (the step is 1/timeSteps of it at most). */
  timeSteps: number;
}

export function lithiumFlux(problem: AlloyFilmProblem): number {
  return problem.currentDensity_A_m2 / FARADAY;
}

/** Diffusivity as a function of concentration, interpolated in ln D over the filling fraction. */
export function diffusivityFunction(problem: AlloyFilmProblem): ConcentrationFunction {
  const spec = problem.diffusivity;
  if (typeof spec === "number") return { value: () => spec, derivative: () => 0 };
  const concentrations = spec.fraction.map((f) => f * problem.maxConcentration_mol_m3);
  return new PiecewiseLinear(concentrations, spec.diffusivity_m2_s, { logValues: true });
}

export function diffusivityRange(problem: AlloyFilmProblem): { min: number; max: number } {
  const spec = problem.diffusivity;
  if (typeof spec === "number") return { min: spec, max: spec };
  return { min: Math.min(...spec.diffusivity_m2_s), max: Math.max(...spec.diffusivity_m2_s) };
}
