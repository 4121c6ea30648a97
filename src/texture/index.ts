/** M7: grain selection growth of alkali metals (Zhang2025): texture thermodynamics and phase field. */
export {
  crossoverTemperature,
  type GrainEnergy,
  type GrainEnergyParameters,
  type GrainPair,
  grainEnergyDifference,
  strainEnergyBound,
} from "./grainEnergy.js";
export {
  type GrainScheme,
  type GrainSelectionInput,
  type GrainSelectionResult,
  type GrainSnapshot,
  grainEnergyDensity,
  grainKinetics,
  ORIENTATIONS,
  placeNuclei,
  simulateGrainSelection,
  stableTimeStepFor,
} from "./grainSelection.js";
export {
  GAMMA,
  type GrainKinetics,
  gatherCandidates,
  keeps,
  MAX_ACTIVE,
  type PhaseFieldGrid,
  PRESENT,
  prepareStep,
  SparseField,
  type StepScratch,
  stableTimeStep,
  stepScratch,
  stepSparse,
} from "./phaseField.js";
export {
  DELTA_SLOTS,
  SemiImplicitWorkspace,
  semiImplicitTimeStep,
  stepSemiImplicit,
} from "./semiImplicit.js";
