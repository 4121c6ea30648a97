export {
  describeStudy,
  findStudy,
  type ReproductionReport,
  type ReproductionEntry,
  reproduce,
  runReproduction,
  runScenario,
  selectReproductions,
  type Scenario,
  studies,
  validateScenario,
} from "./registry.js";
export { planSweep, setPath, type SweepPlan, type SweepPoint, sweepTable } from "./sweep.js";
export type * from "./types.js";
