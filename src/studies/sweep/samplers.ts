import { inputError } from "../../errors.js";
import {
  latinHypercube,
  type MorrisRole,
  morrisDesign,
  type SaltelliRole,
  SOBOL_MAX_DIMENSIONS,
  saltelliDesign,
  sobolSequence,
  uniformSample,
} from "../../numerics/index.js";

/**
 * `sweep.sampler`: how the points of a sampled sweep are drawn on the unit hypercube of its axes.
 * latin-hypercube, uniform and morris (one-at-a-time trajectories, for elementary effects) are
 * seeded (default seed 1); sobol (a plain low-discrepancy design) and saltelli (for Sobol' indices)
 * use the Sobol' sequence, unscrambled without a seed and digitally shifted by a given seed.
 */
export const SAMPLERS = ["latin-hypercube", "uniform", "sobol", "saltelli", "morris"] as const;
export type SamplerMethod = (typeof SAMPLERS)[number];

export interface SamplerSpec {
  method: SamplerMethod;
  /** Points (latin-hypercube, uniform, sobol), base rows N (saltelli) or trajectories r (morris). */
  samples: number;
  /** Absent: the unscrambled Sobol' sequence (sobol, saltelli) or seed 1 (the others). */
  seed?: number;
  /** Grid levels p of a Morris design (even; default 4). */
  levels?: number;
}

/** The design's structure, which the sensitivity analysis needs to pair points up. */
export type SweepDesign =
  | { method: "latin-hypercube" | "uniform" | "sobol"; samples: number; seed: number }
  | { method: "saltelli"; samples: number; seed: number; roles: SaltelliRole[] }
  | { method: "morris"; samples: number; seed: number; levels: number; delta: number; roles: MorrisRole[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const wholeAtLeast = (field: string, value: unknown, minimum: number, what: string): number => {
  if (typeof value !== "number" || !Number.isInteger(value) || value < minimum)
    throw inputError(field, `expected ${what}, a whole number >= ${minimum}, got ${JSON.stringify(value)}`);
  return value;
};

export function parseSampler(spec: unknown): SamplerSpec {
  if (!isRecord(spec))
    throw inputError(
      "sweep.sampler",
      `expected { method: ${SAMPLERS.join(" | ")}, samples: N, seed: S }, got ${JSON.stringify(spec)}`,
    );
  const { method, samples, seed, levels, ...unknown } = spec;
  const extra = Object.keys(unknown);
  if (extra.length > 0)
    throw inputError(
      `sweep.sampler.${extra[0]}`,
      "unknown key; expected method, samples, seed and (morris) levels",
    );
  if (typeof method !== "string" || !(SAMPLERS as readonly string[]).includes(method))
    throw inputError(
      "sweep.sampler.method",
      `expected one of ${SAMPLERS.join(", ")}, got ${JSON.stringify(method)}`,
    );
  const what =
    method === "saltelli"
      ? "the base sample count N"
      : method === "morris"
        ? "the number of trajectories"
        : "the number of points";
  const parsed: SamplerSpec = {
    method: method as SamplerMethod,
    samples: wholeAtLeast("sweep.sampler.samples", samples, 1, what),
  };
  if (seed !== undefined) parsed.seed = wholeAtLeast("sweep.sampler.seed", seed, 0, "a seed");
  if (levels !== undefined) {
    if (method !== "morris")
      throw inputError("sweep.sampler.levels", `only a morris sampler has levels, not ${method}`);
    const p = wholeAtLeast("sweep.sampler.levels", levels, 2, "the number of grid levels");
    if (p % 2 !== 0)
      throw inputError("sweep.sampler.levels", `expected an even number of levels (Morris 1991), got ${p}`);
    parsed.levels = p;
  }
  return parsed;
}

/** The design's unit-hypercube points (one row per sweep point) and its structure. */
export function drawSamples(
  sampler: SamplerSpec,
  dimensions: number,
): { points: number[][]; design: SweepDesign } {
  const { method, samples } = sampler;
  const seed = sampler.seed ?? 1;
  const limit = method === "saltelli" ? Math.floor(SOBOL_MAX_DIMENSIONS / 2) : SOBOL_MAX_DIMENSIONS;
  if ((method === "saltelli" || method === "sobol") && dimensions > limit)
    throw inputError("sweep.over", `a ${method} sampler supports at most ${limit} axes, got ${dimensions}`);
  switch (method) {
    case "latin-hypercube":
      return { points: latinHypercube(dimensions, samples, seed), design: { method, samples, seed } };
    case "uniform":
      return { points: uniformSample(dimensions, samples, seed), design: { method, samples, seed } };
    case "sobol":
      return {
        points: sobolSequence(dimensions, samples, 0, sampler.seed),
        design: { method, samples, seed },
      };
    case "saltelli": {
      const { points, roles } = saltelliDesign(dimensions, samples, sampler.seed);
      return { points, design: { method, samples, seed, roles } };
    }
    case "morris": {
      const levels = sampler.levels ?? 4;
      const { points, roles, delta } = morrisDesign(dimensions, samples, levels, seed);
      return { points, design: { method, samples, seed, levels, delta, roles } };
    }
  }
}
