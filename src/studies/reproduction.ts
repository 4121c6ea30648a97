import type { ReproductionRow, Verdict } from "./types.js";

const show = (value: number, digits = 4) => String(Number(value.toPrecision(digits)));

/** A number of ours against a reference number, within a relative tolerance. */
export function compareRow(options: {
  id: string;
  quantity: string;
  paper: string;
  reference: number;
  ours: number;
  unit: string;
  relativeTolerance: number;
  /** Verdict when outside the tolerance: `fail`, or `differs` for a documented disagreement. */
  otherwise?: Verdict;
  /** Explanation shown when the verdict is not `match`. */
  note?: string;
}): ReproductionRow {
  const within =
    Math.abs(options.ours - options.reference) <= options.relativeTolerance * Math.abs(options.reference);
  return {
    id: options.id,
    quantity: options.quantity,
    paper: options.paper,
    ours: `${show(options.ours)} ${options.unit}`.trim(),
    tolerance: `±${show(options.relativeTolerance * 100, 2)}%`,
    verdict: within ? "match" : (options.otherwise ?? "fail"),
    ...(options.note && !within ? { note: options.note } : {}),
  };
}

/** A trend the paper states, checked on our numbers. */
export function trendRow(options: {
  id: string;
  quantity: string;
  paper: string;
  ours: string;
  holds: boolean;
  tolerance?: string;
  /** Verdict when the trend does not hold: `fail`, or `differs` for a documented disagreement. */
  otherwise?: Verdict;
  note?: string;
}): ReproductionRow {
  return {
    id: options.id,
    quantity: options.quantity,
    paper: options.paper,
    ours: options.ours,
    tolerance: options.tolerance ?? "trend",
    verdict: options.holds ? "match" : (options.otherwise ?? "fail"),
    ...(options.note ? { note: options.note } : {}),
  };
}

/** True when the largest value is neither the first nor the last (a maximum inside the range). */
export function hasInteriorMaximum(values: number[]): boolean {
  const at = values.indexOf(Math.max(...values));
  return at > 0 && at < values.length - 1;
}

export function isMonotonic(values: number[], direction: "increasing" | "decreasing"): boolean {
  return values.every(
    (v, i) => i === 0 || (direction === "increasing" ? v > values[i - 1] : v < values[i - 1]),
  );
}

export { show as formatNumber };
