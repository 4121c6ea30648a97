export {
  describeStudy,
  findStudy,
  type ReproductionReport,
  reproduce,
  runScenario,
  type Scenario,
  studies,
  validateScenario,
} from "./registry.js";
export { planSweep, type SweepPlan, type SweepPoint, sweepTable } from "./sweep.js";
export type * from "./types.js";
