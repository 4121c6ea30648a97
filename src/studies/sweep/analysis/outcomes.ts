import type { StudyResult } from "../../types.js";

/** What a sweep point ended in: its result, or why it failed (input errors, numerical failures). */
export interface SweepFailure {
  error: string;
  /** 2 for bad input, 3 for a numerical failure (SPEC section 6). */
  exitCode?: number;
  residual?: number;
}

/** A point's outcome; undefined while it has not run. */
export type SweepOutcome = StudyResult | SweepFailure | undefined;

export const isFailure = (outcome: SweepOutcome): outcome is SweepFailure =>
  outcome !== undefined && "error" in outcome;

export const isResult = (outcome: SweepOutcome): outcome is StudyResult =>
  outcome !== undefined && !("error" in outcome);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Every numeric metric of a result by dotted name (`regions.tip.current_A_m2`). */
export function numericMetrics(value: unknown, prefix = ""): Record<string, number> {
  if (typeof value === "number") return { [prefix]: value };
  if (!isRecord(value)) return {};
  return Object.assign(
    {},
    ...Object.entries(value).map(([key, inner]) => numericMetrics(inner, prefix ? `${prefix}.${key}` : key)),
  );
}

/**
 * Each numeric metric any point reported, as one value per point (NaN where a point failed, has
 * not run, or lacks the metric), in the order the metrics first appear.
 */
export function metricColumns(outcomes: readonly SweepOutcome[], count: number): Map<string, number[]> {
  const rows = Array.from({ length: count }, (_, k) => {
    const outcome = outcomes[k];
    return isResult(outcome) ? numericMetrics(outcome.metrics) : {};
  });
  const names = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return new Map(names.map((name) => [name, rows.map((row) => (name in row ? row[name] : Number.NaN))]));
}
