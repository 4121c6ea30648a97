/**
 * Interface kinetics, the physics every model of this toolkit shares (M1 interface, M2 critical
 * current through the 3D interface, M5 buffer layer, M8 cycling): one record per law behind KineticsLaw. Solvers and studies call
 * only this module; docs/kinetics.md lists the laws and how to add one.
 */
export type { KineticsLaw } from "./law.js";
export {
  type ButlerVolmer,
  describeDrive,
  type Kinetics,
  type KineticsType,
  kineticsSchema,
  kineticsTypes,
  type Linear,
  lawOf,
  type MarcusHushChidsey,
  type Primary,
  type Tafel,
} from "./laws.js";
export { chordConductance, seriesCurrent } from "./linearisation.js";
export { inverseThermalVoltage } from "./thermal.js";
