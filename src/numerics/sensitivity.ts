import { SeededRandom } from "./random.js";
import type { MorrisRole, SaltelliRole } from "./sampling.js";

/**
 * Global sensitivity estimators over the designs of sampling.ts, with seeded bootstrap confidence
 * intervals (percentile method, Efron & Tibshirani 1993 ch. 13). Outputs that are not finite (a
 * failed run) are left out: a Saltelli row, or a Morris elementary effect, that needs one is dropped.
 */

export interface BootstrapOptions {
  /** Number of bootstrap resamples (0: no intervals). */
  resamples?: number;
  /** Two-sided confidence level of the intervals. */
  confidence?: number;
  seed?: number;
}

export type Interval = [number, number];

export interface SobolIndex {
  /** First-order index S_i: the share of Var(Y) explained by X_i alone. */
  first: number;
  /** Total index ST_i: the share of Var(Y) that involves X_i in any way (alone or interacting). */
  total: number;
  firstInterval?: Interval;
  totalInterval?: Interval;
}

export interface SobolIndices {
  factors: SobolIndex[];
  /** Saltelli rows that had all d + 2 outputs finite and entered the estimates. */
  rowsUsed: number;
  variance: number;
}

/** Linear-interpolated quantile of an ascending array (type 7 of Hyndman & Fan 1996). */
function quantile(sorted: number[], q: number): number {
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
}

/** Percentile interval of `statistic` over `resamples` resamples (with replacement) of 0..n-1. */
function bootstrap(
  n: number,
  statistic: (rows: number[]) => number[],
  options: BootstrapOptions,
): Interval[] | undefined {
  const resamples = options.resamples ?? 1000;
  if (resamples < 1 || n < 2) return undefined;
  const random = new SeededRandom(options.seed ?? 1);
  const draws: number[][] = [];
  for (let b = 0; b < resamples; b++) {
    const rows = Array.from({ length: n }, () => Math.floor(random.uniform() * n));
    draws.push(statistic(rows));
  }
  const alpha = (1 - (options.confidence ?? 0.95)) / 2;
  return draws[0].map((_, k) => {
    const sorted = draws
      .map((d) => d[k])
      .filter(Number.isFinite)
      .sort((x, y) => x - y);
    return sorted.length ? [quantile(sorted, alpha), quantile(sorted, 1 - alpha)] : [Number.NaN, Number.NaN];
  });
}

/**
 * Sobol' first-order and total indices from the outputs of a Saltelli design (same order as its
 * roles): S_i = mean(f(B) (f(A_B^i) - f(A))) / V (Saltelli et al. 2010, Table 2 (b)) and
 * ST_i = mean((f(A) - f(A_B^i))^2) / (2V) (Jansen 1999; Saltelli et al. 2010, Table 2 (f)), V the
 * variance of f over A and B together.
 */
export function sobolIndices(
  roles: SaltelliRole[],
  outputs: number[],
  options: BootstrapOptions = {},
): SobolIndices {
  const base = Math.max(0, ...roles.map((r) => r.row + 1));
  const dimensions = Math.max(0, ...roles.map((r) => (r.block === "AB" ? r.factor + 1 : 0)));
  const a = new Array<number>(base).fill(Number.NaN);
  const b = new Array<number>(base).fill(Number.NaN);
  const ab = Array.from({ length: dimensions }, () => new Array<number>(base).fill(Number.NaN));
  roles.forEach((role, k) => {
    if (role.block === "A") a[role.row] = outputs[k];
    else if (role.block === "B") b[role.row] = outputs[k];
    else ab[role.factor][role.row] = outputs[k];
  });
  const complete = a
    .map((_, j) => j)
    .filter((j) => Number.isFinite(a[j]) && Number.isFinite(b[j]) && ab.every((c) => Number.isFinite(c[j])));

  const estimate = (rows: number[]) => {
    const n = rows.length;
    const values = rows.flatMap((j) => [a[j], b[j]]);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    const first = ab.map((c) => rows.reduce((s, j) => s + b[j] * (c[j] - a[j]), 0) / n / variance);
    const total = ab.map((c) => rows.reduce((s, j) => s + (a[j] - c[j]) ** 2, 0) / (2 * n) / variance);
    return { first, total, variance };
  };
  const point = estimate(complete);
  const intervals = bootstrap(
    complete.length,
    (picks) => {
      const e = estimate(picks.map((p) => complete[p]));
      return [...e.first, ...e.total];
    },
    options,
  );
  return {
    factors: ab.map((_, i) => ({
      first: point.first[i],
      total: point.total[i],
      ...(intervals ? { firstInterval: intervals[i], totalInterval: intervals[dimensions + i] } : {}),
    })),
    rowsUsed: complete.length,
    variance: point.variance,
  };
}

export interface MorrisEffect {
  /** Mean absolute elementary effect mu* (Campolongo, Cariboni & Saltelli 2007): overall influence. */
  muStar: number;
  /** Mean signed elementary effect mu: its sign tells the direction of a monotonic influence. */
  mu: number;
  /** Standard deviation of the elementary effects: non-linearity or interactions. */
  sigma: number;
  /** Elementary effects that entered (one per trajectory with both outputs finite). */
  count: number;
  muStarInterval?: Interval;
}

/**
 * Morris elementary effects EE_i = (f(x + Delta e_i) - f(x)) / Delta along each trajectory of a
 * Morris design, in unit-hypercube coordinates (so an effect is the output change over the full
 * range of a factor, per unit of range); mu*, mu and sigma (n - 1 denominator) per factor.
 */
export function morrisEffects(
  roles: MorrisRole[],
  outputs: number[],
  options: BootstrapOptions = {},
): MorrisEffect[] {
  const dimensions = Math.max(0, ...roles.map((r) => (r.factor ?? -1) + 1));
  const effects = Array.from({ length: dimensions }, () => [] as number[]);
  roles.forEach((role, k) => {
    if (role.factor === undefined || role.delta === undefined || k === 0) return;
    const change = outputs[k] - outputs[k - 1];
    if (Number.isFinite(change)) effects[role.factor].push(change / role.delta);
  });
  return effects.map((ee, i) => {
    const n = ee.length;
    const mu = ee.reduce((s, v) => s + v, 0) / n;
    const muStar = ee.reduce((s, v) => s + Math.abs(v), 0) / n;
    const sigma = n > 1 ? Math.sqrt(ee.reduce((s, v) => s + (v - mu) ** 2, 0) / (n - 1)) : Number.NaN;
    const interval = bootstrap(n, (rows) => [rows.reduce((s, j) => s + Math.abs(ee[j]), 0) / n], {
      ...options,
      seed: (options.seed ?? 1) + i,
    });
    return { muStar, mu, sigma, count: n, ...(interval ? { muStarInterval: interval[0] } : {}) };
  });
}
