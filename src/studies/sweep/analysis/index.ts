import type { BootstrapOptions } from "../../../numerics/index.js";
import type { Figure } from "../../types.js";
import type { SweepPlan } from "../plan.js";
import { sweepFigures } from "./figures.js";
import { metricColumns, type SweepOutcome } from "./outcomes.js";
import { type MetricSensitivity, sweepSensitivity } from "./sensitivity.js";
import { sweepTable } from "./table.js";

/**
 * The analysis of a complete sweep, for the executor to call once every point has an outcome:
 *
 *   analyseSweep(plan: SweepPlan, results: (StudyResult | { error: string; exitCode?; residual? } | undefined)[],
 *                options?: { resamples?: number; confidence?: number; seed?: number })
 *     → { table: { columns, rows },              // sweep.csv / sweep.json rows, as sweepTable
 *         metrics: Record<string, number[]>,     // every numeric metric, one value per point (NaN: none)
 *         sensitivity?: MetricSensitivity[],     // saltelli → Sobol' S_i, ST_i; morris → mu*, mu, sigma
 *         figures: Figure[] }                    // Vega-Lite specs with their data, names unique
 *
 * `results[k]` belongs to `plan.points[k]` (index k). Failed and missing points are gaps: left out
 * of the sensitivity estimates (a Saltelli row or Morris step that needs them is dropped).
 * Pure and node-free: the CLI writes the files, a browser worker can call it as well.
 */
export interface SweepAnalysis {
  table: { columns: string[]; rows: string[][] };
  metrics: Record<string, number[]>;
  sensitivity?: MetricSensitivity[];
  figures: Figure[];
}

export function analyseSweep(
  plan: SweepPlan,
  results: readonly SweepOutcome[],
  options: BootstrapOptions = {},
): SweepAnalysis {
  const metrics = metricColumns(results, plan.points.length);
  const sensitivity = sweepSensitivity(plan, metrics, options);
  return {
    table: sweepTable(plan, results),
    metrics: Object.fromEntries(metrics),
    ...(sensitivity ? { sensitivity } : {}),
    figures: sweepFigures(plan, metrics, sensitivity),
  };
}

export { isFailure, isResult, type SweepFailure, type SweepOutcome } from "./outcomes.js";
export type { MetricSensitivity } from "./sensitivity.js";
export { sweepTable } from "./table.js";
