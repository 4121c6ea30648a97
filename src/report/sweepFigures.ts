import {
  type PlotSpec,
  type Series,
  type StudyResult,
  type SweepPlan,
  sweepTable,
} from "../studies/index.js";
import { linePlot } from "../studies/plotSpecs.js";
import { unitOfColumn, withUnit } from "./format.js";

const MAX_SWEEP_PLOTS = 12;

function inputAt(inputs: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], inputs);
}

/**
 * The summary table of a sweep and one plot per numeric metric against the first swept parameter
 * (its validated SI value), one curve per value of the second. Pure: the CLI report renders the
 * plots to SVG, the web page with vega-embed. No plots when a swept value is not a number.
 */
export function sweepFigures(
  plan: SweepPlan,
  results: StudyResult[],
): { table: { columns: string[]; rows: string[][] }; plots: PlotSpec[]; data: Record<string, Series> } {
  const table = sweepTable(plan, results);
  const [first, second] = plan.paths;
  const axis = results.map((r) => inputAt(r.inputs, first));
  const groups = second ? results.map((r) => inputAt(r.inputs, second)) : [];
  if (!axis.every((v) => typeof v === "number") || !groups.every((v) => typeof v === "number"))
    return { table, plots: [], data: {} };
  const metricNames = table.columns
    .slice(1 + plan.paths.length)
    .filter((_, m) => table.rows.every((row) => row[1 + plan.paths.length + m] !== ""));
  const series: Series = { parameter: axis as number[] };
  if (second) series.group = groups as number[];
  metricNames.forEach((name, m) => {
    series[name] = table.rows.map((row) => Number(row[1 + plan.paths.length + m]));
  });
  const plots = metricNames.slice(0, MAX_SWEEP_PLOTS).map((name, m) => ({
    name: `metric-${m}`,
    title: `${name} against ${first}`,
    spec: linePlot({
      data: "sweep",
      x: { expression: "datum.parameter", title: `${first} (SI)`, format: "~s" },
      y: { expression: `datum[${JSON.stringify(name)}]`, title: withUnit(name, unitOfColumn(name)) },
      ...(second ? { color: { expression: "datum.group", title: `${second} (SI)` } } : {}),
      points: true,
    }),
  }));
  return { table, plots, data: { sweep: series } };
}
