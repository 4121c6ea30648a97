import { InputError, inputError } from "../../errors.js";
import { findStudy, validateScenario } from "../registry.js";
import { parseAxis, type SweepAxis, valueAt } from "./axes.js";
import { parseConstraints } from "./constraints.js";
import { drawSamples, parseSampler, type SweepDesign } from "./samplers.js";

/**
 * Parameter sweeps (SPEC 1.3, issue 21): a scenario file with a `sweep` block
 *
 *   sweep:
 *     mode: grid            # every combination (default); zip: the i-th values together;
 *                           # sample: points drawn by `sampler` (the default when a sampler is given)
 *     over:
 *       contour.height: [25 um, 50 um, 75 um]
 *       contour.period: { linspace: [100 um, 200 um, 5] }     # or logspace: geometric spacing
 *       kinetics.asr: { range: [1 ohm*cm^2, 100 ohm*cm^2], scale: log }   # sampler mode only
 *     sampler: { method: latin-hypercube, samples: 64, seed: 1 }   # or uniform, sobol, saltelli, morris
 *     constraints: ["contour.height < contour.period"]
 *
 * expands into one ordinary scenario per point; every point is validated before anything runs.
 * See docs/sweeps.md.
 */
export interface SweepPoint {
  index: number;
  /** The swept values of this point, by dotted parameter path, as written in (or generated for) the file. */
  values: Record<string, unknown>;
  scenario: { study: string; name: string; params: Record<string, unknown> };
  /** Sampled sweeps: the point's coordinates on the unit hypercube of the axes, in `paths` order. */
  unit?: number[];
}

export interface SweepPlan {
  study: string;
  name: string;
  paths: string[];
  points: SweepPoint[];
  mode: "grid" | "zip" | "sample";
  axes: SweepAxis[];
  /** Sampled sweeps: the sampler and the design's structure (which points a sensitivity estimate pairs). */
  design?: SweepDesign;
  constraints: string[];
  /** Points the constraints removed (their indices are not used: the kept points are numbered 0..n-1). */
  dropped: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const SWEEP_KEYS = ["over", "mode", "sampler", "constraints"];

/** The combinations of a grid or zip sweep of list axes. */
function combine(mode: "grid" | "zip", axes: SweepAxis[]): unknown[][] {
  const lists = axes.map((axis) => {
    if (axis.kind !== "list")
      throw inputError(
        `sweep.over.${axis.path}`,
        `a range is drawn by a sampler (add sweep.sampler, e.g. { method: latin-hypercube, samples: 32 }); for evenly spaced values of a ${mode} sweep write { linspace: [from, to, count] }`,
      );
    return axis.values;
  });
  if (mode === "zip") {
    if (lists.some((list) => list.length !== lists[0].length))
      throw inputError(
        "sweep.over",
        `zip needs lists of equal length, got ${lists.map((l) => l.length).join(", ")}`,
      );
    return lists[0].map((_, k) => lists.map((list) => list[k]));
  }
  return lists.reduce<unknown[][]>(
    (acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])),
    [[]],
  );
}

export function planSweep(file: unknown): SweepPlan {
  if (!isRecord(file)) throw inputError("", "expected a scenario object with a sweep block");
  const { sweep, ...scenario } = file;
  if (!isRecord(sweep))
    throw inputError(
      "sweep",
      `expected { over: { <parameter path>: [values] } }, got ${JSON.stringify(sweep)}`,
    );
  const extra = Object.keys(sweep).filter((key) => !SWEEP_KEYS.includes(key));
  if (extra.length > 0)
    throw inputError(`sweep.${extra[0]}`, `unknown key; expected ${SWEEP_KEYS.join(", ")}`);
  const { over, sampler: samplerSpec } = sweep;
  const mode = sweep.mode ?? (samplerSpec === undefined ? "grid" : "sample");
  if (mode !== "grid" && mode !== "zip" && mode !== "sample")
    throw inputError("sweep.mode", `expected grid, zip or sample, got ${JSON.stringify(mode)}`);
  if (mode !== "sample" && samplerSpec !== undefined)
    throw inputError(
      "sweep.sampler",
      `a sampler draws the points of mode sample, not ${mode}; remove one of them`,
    );
  if (mode === "sample" && samplerSpec === undefined)
    throw inputError(
      "sweep.sampler",
      "mode sample needs a sampler, e.g. { method: latin-hypercube, samples: 32, seed: 1 }",
    );
  if (!isRecord(over) || Object.keys(over).length === 0)
    throw inputError("sweep.over", "expected at least one parameter path with a list of values");
  const paths = Object.keys(over);
  const axes = paths.map((path) => parseAxis(path, over[path]));
  const constraints = parseConstraints(sweep.constraints, paths);

  let combinations: unknown[][];
  let units: number[][] | undefined;
  let design: SweepDesign | undefined;
  if (mode === "sample") {
    const sampler = parseSampler(samplerSpec);
    if ((sampler.method === "saltelli" || sampler.method === "morris") && constraints.length > 0)
      throw inputError(
        "sweep.constraints",
        `a ${sampler.method} design needs every one of its points (they are compared in pairs); narrow the ranges instead of constraining them`,
      );
    const drawn = drawSamples(sampler, axes.length);
    units = drawn.points;
    design = drawn.design;
    combinations = units.map((u) => axes.map((axis, d) => valueAt(axis, u[d])));
  } else combinations = combine(mode, axes);

  const keep = combinations.map((combination) => {
    const values = Object.fromEntries(paths.map((path, k) => [path, combination[k]]));
    return constraints.every((c) => c.holds(values));
  });
  const kept = combinations.flatMap((combination, k) => (keep[k] ? [{ combination, unit: units?.[k] }] : []));
  if (kept.length === 0)
    throw inputError(
      "sweep.constraints",
      `no point of the ${combinations.length} meets ${constraints.map((c) => `"${c.text}"`).join(" and ")}`,
    );

  // The unswept scenario need not be valid on its own (a swept value may complete it); its study must exist.
  const study = findStudy(scenario.study);
  const name = typeof scenario.name === "string" ? scenario.name : study.id;
  const problems: InputError["problems"] = [];
  const points = kept.map(({ combination, unit }, index) => {
    const params = structuredClone(isRecord(scenario.params) ? scenario.params : {});
    const values: Record<string, unknown> = {};
    paths.forEach((path, k) => {
      setPath(params, path, combination[k]);
      values[path] = combination[k];
    });
    const point = { study: study.id, name: `${name} [${index}]`, params };
    try {
      validateScenario(point);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const label = paths.map((p) => `${p} = ${JSON.stringify(values[p])}`).join(", ");
      for (const p of error.problems)
        problems.push({ path: `sweep point ${index} (${label}): ${p.path}`, message: p.message });
    }
    return { index, values, scenario: point, ...(unit ? { unit } : {}) };
  });
  if (problems.length > 0) throw new InputError(problems);
  return {
    study: study.id,
    name,
    paths,
    points,
    mode,
    axes,
    ...(design ? { design } : {}),
    constraints: constraints.map((c) => c.text),
    dropped: combinations.length - kept.length,
  };
}

/**
 * Puts `value` at a dotted parameter path (`collector.tips.0.height`), creating objects on the way;
 * a numeric key indexes an existing list.
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node: Record<string, unknown> | unknown[] = target;
  for (const [k, key] of keys.entries()) {
    const last = k === keys.length - 1;
    if (Array.isArray(node)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index > node.length)
        throw inputError(
          path,
          `"${key}" is not an index of this list of ${node.length} (0 to ${node.length})`,
        );
      if (last) node[index] = value;
      else {
        if (!isRecord(node[index]) && !Array.isArray(node[index])) node[index] = {};
        node = node[index] as Record<string, unknown> | unknown[];
      }
    } else if (last) node[key] = value;
    else {
      if (!isRecord(node[key]) && !Array.isArray(node[key])) node[key] = {};
      node = node[key] as Record<string, unknown> | unknown[];
    }
  }
}
