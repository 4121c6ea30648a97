export {
  analyseSweep,
  isFailure,
  isResult,
  type MetricSensitivity,
  type SweepAnalysis,
  type SweepFailure,
  type SweepOutcome,
  sweepTable,
} from "./analysis/index.js";
export type { SweepAxis } from "./axes.js";
export { planSweep, type SweepPlan, type SweepPoint, setPath } from "./plan.js";
export { SAMPLERS, type SamplerMethod, type SweepDesign } from "./samplers.js";
