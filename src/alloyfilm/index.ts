/**
 * M6: Li diffusion into alloy films and their chemo-mechanical potential (Wang2024 Fig. 4).
 */
export { exactConcentration, exactSaturationTime, exactUtilization } from "./analytic.js";
export { lithiumThicknessFromCapacity } from "./capacity.js";
export {
  type ChemoMechanicalInput,
  type ChemoMechanicalProfile,
  chemoMechanicalPotential,
} from "./chemoMechanics.js";
export { type AlloyFilmProblem, type DiffusivitySpec, type Discretisation, lithiumFlux } from "./problem.js";
export {
  type ConcentrationProfile,
  filmGrid,
  type SaturationOptions,
  type SaturationResult,
  simulateSaturation,
} from "./saturation.js";
export { type UtilizationMap, utilizationMap } from "./utilizationMap.js";
