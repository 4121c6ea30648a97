import type { AlloyFilmProblem, Discretisation } from "./problem.js";
import { simulateSaturation } from "./saturation.js";

export interface UtilizationMap {
  diffusivity_m2_s: number[];
  currentDensity_A_m2: number[];
  saturationTime_s: number[];
  utilization: number[];
}

/** Utilization at surface saturation over a grid of diffusivities and currents (Wang2024 Fig. 4c). */
export function utilizationMap(
  base: AlloyFilmProblem,
  diffusivities_m2_s: number[],
  currentDensities_A_m2: number[],
  discretisation: Discretisation,
  onProgress?: (fraction: number) => void,
): UtilizationMap {
  const map: UtilizationMap = {
    diffusivity_m2_s: [],
    currentDensity_A_m2: [],
    saturationTime_s: [],
    utilization: [],
  };
  const total = diffusivities_m2_s.length * currentDensities_A_m2.length;
  for (const currentDensity_A_m2 of currentDensities_A_m2) {
    for (const diffusivity of diffusivities_m2_s) {
      const run = simulateSaturation({ ...base, diffusivity, currentDensity_A_m2 }, discretisation);
      map.diffusivity_m2_s.push(diffusivity);
      map.currentDensity_A_m2.push(currentDensity_A_m2);
      map.saturationTime_s.push(run.saturationTime_s);
      map.utilization.push(run.utilization);
      onProgress?.(map.utilization.length / total);
    }
  }
  return map;
}
