/** M3: alloy thermodynamics — TDB databases, binary Li–M phases, lithiation potentials (Xie2024 eqs 3-5). */
export { type BinaryOptions, type BinaryPhase, binaryPhase, binaryPhases, tabulatedPhase } from "./binary.js";
export { BUILT_IN_SYSTEMS, builtInEquilibriumPotential } from "./builtIn.js";
export { einsteinEnergy } from "./cef/einstein.js";
export type { InternalState } from "./cef/internalEquilibrium.js";
export { ihjFunction } from "./cef/magnetic.js";
export { type SublatticeBinaryPhase, sublatticePhase } from "./cef/sublatticePhase.js";
export { twoStateEnergy } from "./cef/twoState.js";
export { xiongFunction } from "./cef/xiong.js";
export { LI_MG_TDB } from "./databases/liMg.js";
export {
  diluteChemicalPotentials,
  pressureForOverpotential,
  regularSolutionLithiationPotential,
  stressedChemicalPotential_eV,
} from "./dilute.js";
export {
  equilibriumPath,
  lithiationGrid,
  lithiationPotential,
  type OverSaturationSegment,
  overSaturationPath,
  type PathSegment,
  potentialOnPath,
} from "./potential.js";
export { Database, type Parameter, type PhaseDefinition, type TdbProblem } from "./tdb/database.js";
