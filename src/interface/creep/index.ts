/** M2: creep pressure on contoured Li/electrolyte interfaces and the dendrite-crack criterion (Zhang2024). */
export {
  crackExtrusionPressure,
  crackGrowthPressure,
  criticalGeometricCurrent,
  type DendriteCrack,
} from "./crack.js";
export { type CreepLaw, creepAt, flowStress, LITHIUM_CREEP, type PowerLawCreep } from "./powerLaw.js";
export {
  type CreepCellProblem,
  type CreepCellSolution,
  creepSolverDefault,
  solveCreepUnitCell,
} from "./unitCell.js";
