import type { SweepPlan } from "../plan.js";
import { isFailure, metricColumns, type SweepOutcome } from "./outcomes.js";

/**
 * One table row per point: the swept values, then every numeric metric by dotted name; an `error`
 * column (the failure's message) only when some point failed.
 */
export function sweepTable(
  plan: SweepPlan,
  results: readonly SweepOutcome[],
): { columns: string[]; rows: string[][] } {
  const metrics = [...metricColumns(results, plan.points.length)];
  const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
  const failures = plan.points.some((point) => isFailure(results[point.index]));
  return {
    columns: ["point", ...plan.paths, ...metrics.map(([name]) => name), ...(failures ? ["error"] : [])],
    rows: plan.points.map((point, k) => {
      const outcome = results[point.index];
      return [
        String(point.index),
        ...plan.paths.map((path) => text(point.values[path])),
        ...metrics.map(([, values]) => (Number.isNaN(values[k]) ? "" : String(values[k]))),
        ...(failures ? [isFailure(outcome) ? outcome.error : ""] : []),
      ];
    }),
  };
}
