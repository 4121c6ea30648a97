import {
  type BootstrapOptions,
  type MorrisEffect,
  morrisEffects,
  type SobolIndex,
  sobolIndices,
} from "../../../numerics/index.js";
import type { SweepPlan } from "../plan.js";

/** Sobol' indices (saltelli sampler) or Morris elementary effects (morris sampler) of one metric. */
export type MetricSensitivity =
  | {
      metric: string;
      method: "sobol";
      /** Saltelli rows whose d + 2 runs all succeeded. */
      used: number;
      variance: number;
      factors: (SobolIndex & { path: string })[];
    }
  | { metric: string; method: "morris"; used: number; factors: (MorrisEffect & { path: string })[] };

/**
 * The sensitivity of every metric that varies over a saltelli or morris sweep to each axis, with
 * bootstrap intervals (seeded by the sampler's seed); undefined for other sweeps.
 */
export function sweepSensitivity(
  plan: SweepPlan,
  metrics: Map<string, number[]>,
  options: BootstrapOptions = {},
): MetricSensitivity[] | undefined {
  const design = plan.design;
  if (design?.method !== "saltelli" && design?.method !== "morris") return undefined;
  const bootstrap = { resamples: 1000, seed: design.seed, ...options };
  const results: MetricSensitivity[] = [];
  for (const [metric, values] of metrics) {
    const finite = values.filter(Number.isFinite);
    // A metric that does not vary (or barely ran) has no variance to apportion.
    if (finite.length < 2 || finite.every((v) => v === finite[0])) continue;
    if (design.method === "saltelli") {
      const indices = sobolIndices(design.roles, values, bootstrap);
      if (indices.rowsUsed < 2) continue;
      results.push({
        metric,
        method: "sobol",
        used: indices.rowsUsed,
        variance: indices.variance,
        factors: indices.factors.map((index, k) => ({ path: plan.paths[k], ...index })),
      });
    } else {
      const effects = morrisEffects(design.roles, values, bootstrap);
      results.push({
        metric,
        method: "morris",
        used: Math.min(...effects.map((e) => e.count)),
        factors: effects.map((effect, k) => ({ path: plan.paths[k], ...effect })),
      });
    }
  }
  return results;
}
