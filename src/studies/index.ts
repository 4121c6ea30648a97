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
export type * from "./types.js";
