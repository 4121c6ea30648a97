export {
  describeStudy,
  findStudy,
  type ReproductionEntry,
  type ReproductionReport,
  reproduce,
  reproductionReport,
  runReproduction,
  runScenario,
  type Scenario,
  selectReproductions,
  studies,
  validateScenario,
} from "./registry.js";
export {
  analyseSweep,
  type MetricSensitivity,
  planSweep,
  type SweepAnalysis,
  type SweepFailure,
  type SweepOutcome,
  type SweepPlan,
  type SweepPoint,
  setPath,
  sweepTable,
} from "./sweep/index.js";
export type * from "./types.js";
