import { InputError, inputError } from "../../errors.js";
import { findStudy, validateScenario } from "../registry.js";
import type { StudyResult } from "../types.js";

/**
 * Parameter sweeps (SPEC 1.3): a scenario file with a `sweep` block
 *
 *   sweep:
 *     mode: grid            # every combination (default), or zip: the i-th value of each list
 *     over:
 *       contour.height: [25 um, 50 um, 75 um]
 *
 * expands into one ordinary scenario per point; every point is validated before anything runs.
 */
export interface SweepPoint {
  index: number;
  /** The swept values of this point, by dotted parameter path, as written in the file. */
  values: Record<string, unknown>;
  scenario: { study: string; name: string; params: Record<string, unknown> };
}

export interface SweepPlan {
  study: string;
  name: string;
  paths: string[];
  points: SweepPoint[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export function planSweep(file: unknown): SweepPlan {
  if (!isRecord(file)) throw inputError("", "expected a scenario object with a sweep block");
  const { sweep, ...scenario } = file;
  if (!isRecord(sweep))
    throw inputError(
      "sweep",
      `expected { over: { <parameter path>: [values] } }, got ${JSON.stringify(sweep)}`,
    );
  const { over, mode = "grid", ...unknown } = sweep;
  const extra = Object.keys(unknown);
  if (extra.length > 0) throw inputError(`sweep.${extra[0]}`, "unknown key; expected over and mode");
  if (mode !== "grid" && mode !== "zip")
    throw inputError("sweep.mode", `expected grid or zip, got ${JSON.stringify(mode)}`);
  if (!isRecord(over) || Object.keys(over).length === 0)
    throw inputError("sweep.over", "expected at least one parameter path with a list of values");
  const paths = Object.keys(over);
  for (const path of paths) {
    const values = over[path];
    if (!Array.isArray(values) || values.length === 0)
      throw inputError(
        `sweep.over.${path}`,
        `expected a non-empty list of values, got ${JSON.stringify(values)}`,
      );
  }
  const lists = paths.map((path) => over[path] as unknown[]);
  if (mode === "zip" && lists.some((list) => list.length !== lists[0].length))
    throw inputError(
      "sweep.over",
      `zip needs lists of equal length, got ${lists.map((l) => l.length).join(", ")}`,
    );
  const combinations: unknown[][] =
    mode === "zip"
      ? lists[0].map((_, k) => lists.map((list) => list[k]))
      : lists.reduce<unknown[][]>(
          (acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])),
          [[]],
        );

  // The unswept scenario need not be valid on its own (a swept value may complete it); its study must exist.
  const study = findStudy(scenario.study);
  const name = typeof scenario.name === "string" ? scenario.name : study.id;
  const problems: InputError["problems"] = [];
  const points = combinations.map((combination, index) => {
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
    return { index, values, scenario: point };
  });
  if (problems.length > 0) throw new InputError(problems);
  return { study: study.id, name, paths, points };
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

/** One table row per point: the swept values, then every numeric metric by dotted name. */
export function sweepTable(plan: SweepPlan, results: StudyResult[]): { columns: string[]; rows: string[][] } {
  const metricRows = results.map((result) => numericMetrics(result.metrics, ""));
  const metricNames = [...new Set(metricRows.flatMap((m) => Object.keys(m)))];
  const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
  return {
    columns: ["point", ...plan.paths, ...metricNames],
    rows: plan.points.map((point, k) => [
      String(point.index),
      ...plan.paths.map((path) => text(point.values[path])),
      ...metricNames.map((name) => (name in metricRows[k] ? String(metricRows[k][name]) : "")),
    ]),
  };
}

function numericMetrics(value: unknown, prefix: string): Record<string, number> {
  if (typeof value === "number") return { [prefix]: value };
  if (!isRecord(value)) return {};
  return Object.assign(
    {},
    ...Object.entries(value).map(([key, inner]) => numericMetrics(inner, prefix ? `${prefix}.${key}` : key)),
  );
}
