/**
 * Interface kinetics, the physics every model of this toolkit shares (M1 interface, M2 buffer layer,
 * M5 cycling, M8 critical current): one record per law behind KineticsLaw. Solvers and studies call
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
