export { planSweep, type SweepPlan, type SweepPoint, setPath, sweepTable } from "./plan.js";
