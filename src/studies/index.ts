export {
  describeStudy,
  findStudy,
  type ReproductionEntry,
  type ReproductionReport,
  reproduce,
  runReproduction,
  runScenario,
  type Scenario,
  selectReproductions,
  studies,
  validateScenario,
} from "./registry.js";
export { planSweep, type SweepPlan, type SweepPoint, setPath, sweepTable } from "./sweep/index.js";
export type * from "./types.js";
