import { resolve } from "node:path";
import { planSweep, type SweepPlan, type SweepPoint } from "../../studies/index.js";
import { readScenario } from "../scenario.js";
import { resolveCsvTables } from "../tables.js";
import { dataFileFinder } from "./dataFiles.js";
import { type KeyedPoint, keyPoint } from "./pointKey.js";

export type PreparedPoint = SweepPoint & KeyedPoint;

export interface PreparedSweep {
  plan: SweepPlan;
  points: PreparedPoint[];
  /** Absolute path of the scenario file: data files are named relative to it. */
  anchor: string;
}

/** Reads, expands and validates every point of a sweep file and keys each one; nothing runs yet. */
export async function prepareSweep(file: string): Promise<PreparedSweep> {
  const plan = planSweep(await resolveCsvTables(await readScenario(file), file));
  const dataFilesOf = dataFileFinder(file);
  const points: PreparedPoint[] = [];
  for (const point of plan.points)
    points.push({ ...point, ...keyPoint(point.scenario, await dataFilesOf(point.scenario.params)) });
  return { plan, points, anchor: resolve(file) };
}

/** One point per key: a point that occurs twice in a sweep is computed once. */
export function distinctByKey(points: PreparedPoint[]): PreparedPoint[] {
  return [...new Map(points.map((point) => [point.key, point])).values()];
}
