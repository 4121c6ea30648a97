import { linePlot, Axis as PlotAxis } from "../../plotSpecs.js";
import type { Figure, Series } from "../../types.js";
import { axisNumber, type SweepAxis } from "../axes.js";
import type { SweepPlan } from "../plan.js";
import type { MetricSensitivity } from "./sensitivity.js";

/**
 * The figures of a finished sweep, as Vega-Lite specs with their data (the conventions of
 * plotSpecs.ts): each metric against the first axis (one curve per value of the second), a heat map
 * per metric of a two-axis grid, each metric against every axis and parallel coordinates when the
 * points were sampled (parallel coordinates also for grids of three or more axes), and a bar chart of the Sobol' indices (or a Morris mu*-sigma plot) per metric.
 * Figure data columns are plain names (`axis0`, `metric3`): Vega-Lite reads dots as nesting.
 */

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Figures per kind at most, so a result with fifty metrics does not bury the page. */
export const MAX_FIGURES_PER_KIND = 12;

const axisTitle = (axis: SweepAxis) => (axis.unitText ? `${axis.path} (${axis.unitText})` : axis.path);

/** A swept axis on a plot: logarithmic for logspace values and log-scaled ranges. */
function plotAxis(axis: SweepAxis, expression: string): PlotAxis {
  const linear = { expression, title: axisTitle(axis) };
  return axis.scale === "log" ? PlotAxis.log(linear) : linear;
}

/** Axes whose every point holds a number: the ones that can be plotted on a scale. */
function numericAxes(plan: SweepPlan): { axis: SweepAxis; values: number[] }[] {
  return plan.axes
    .map((axis) => ({ axis, values: plan.points.map((p) => axisNumber(axis, p.values[axis.path])) }))
    .filter(({ values }) => values.every(Number.isFinite));
}

const distinct = (values: number[]) => new Set(values).size;

function lineFigures(plan: SweepPlan, metrics: [string, number[]][]): Figure[] {
  const axes = numericAxes(plan);
  if (plan.mode === "sample" || axes.length === 0 || axes[0].axis !== plan.axes[0]) return [];
  const [first, second] = plan.mode === "grid" ? axes : axes.slice(0, 1);
  return metrics.slice(0, MAX_FIGURES_PER_KIND).map(([name, values], m) => {
    const sweep: Series = { axis0: first.values, metric: values };
    if (second) sweep.axis1 = second.values;
    return {
      name: `metric-${m}`,
      title: `${name} against ${first.axis.path}`,
      spec: linePlot({
        data: "sweep",
        x: plotAxis(first.axis, "datum.axis0"),
        y: { expression: "datum.metric", title: name },
        ...(second
          ? { color: { expression: "datum.axis1", title: axisTitle(second.axis), sortBy: "axis1" } }
          : {}),
        points: true,
      }),
      data: { sweep },
    };
  });
}

/**
 * A grid sweep's map: one equal cell per pair of swept values (ordinal axes, values in increasing
 * order, the second upwards), so log-spaced or uneven values tile without gaps. plotSpecs' heatMap
 * places cells at the quantitative positions of a field's nodes, which is the wrong picture here.
 */
function heatMapFigures(plan: SweepPlan, metrics: [string, number[]][]): Figure[] {
  const axes = numericAxes(plan);
  if (plan.mode !== "grid" || plan.axes.length !== 2 || axes.length !== 2) return [];
  if (axes.some(({ values }) => distinct(values) < 2)) return [];
  const [x, y] = axes;
  const band = (axis: SweepAxis, extra: Record<string, unknown>) => ({
    type: "ordinal",
    title: axisTitle(axis),
    axis: { format: ".3~g", labelAngle: 0 },
    ...extra,
  });
  return metrics.slice(0, MAX_FIGURES_PER_KIND).map(([name, values], m) => ({
    name: `map-${m}`,
    title: `${name} over ${x.axis.path} and ${y.axis.path}`,
    spec: {
      $schema: SCHEMA,
      width: Math.min(600, 70 * distinct(x.values)),
      height: Math.min(400, 50 * distinct(y.values)),
      data: { name: "sweep" },
      mark: "rect",
      encoding: {
        x: { field: "axis0", ...band(x.axis, {}) },
        y: { field: "axis1", ...band(y.axis, { sort: "descending" }) },
        color: { field: "metric", type: "quantitative", title: name, scale: { scheme: "viridis" } },
        tooltip: [
          { field: "axis0", title: axisTitle(x.axis) },
          { field: "axis1", title: axisTitle(y.axis) },
          { field: "metric", title: name },
        ],
      },
    },
    data: { sweep: { axis0: x.values, axis1: y.values, metric: values } },
  }));
}

/**
 * Sampled sweeps: each metric against every axis side by side (one panel per axis, its own x
 * scale; log-scaled axes as log10 of the value), the scatter plots that show at a glance which
 * axes a metric follows and which it ignores.
 */
function scatterFigures(plan: SweepPlan, metrics: [string, number[]][]): Figure[] {
  const axes = numericAxes(plan);
  if (plan.mode !== "sample" || axes.length === 0) return [];
  const labels = axes.map(({ axis }) =>
    axis.scale === "log" ? `log10 ${axisTitle(axis)}` : axisTitle(axis),
  );
  const columns = axes.map((_, k) => `axis${k}`);
  const axisData: Series = Object.fromEntries(
    axes.map(({ axis, values }, k) => [columns[k], axis.scale === "log" ? values.map(Math.log10) : values]),
  );
  const label = `${columns.map((c, k) => `datum.key === '${c}' ? ${JSON.stringify(labels[k])} : `).join("")}datum.key`;
  return metrics.slice(0, MAX_FIGURES_PER_KIND).map(([name, values], m) => ({
    name: `scatter-${m}`,
    title: `${name} against each axis (${plan.points.length} points)`,
    spec: {
      $schema: SCHEMA,
      data: { name: "sweep" },
      transform: [{ fold: columns }, { calculate: label, as: "axis" }],
      facet: { column: { field: "axis", type: "nominal", title: null, sort: labels } },
      spec: {
        width: 180,
        height: 180,
        mark: { type: "point", filled: true, size: 18, opacity: 0.6 },
        encoding: {
          x: { field: "value", type: "quantitative", title: null, scale: { zero: false } },
          y: { field: "metric", type: "quantitative", title: name, scale: { zero: false } },
        },
      },
      resolve: { scale: { x: "independent" } },
    },
    data: { sweep: { ...axisData, metric: values } },
  }));
}

/**
 * One polyline per point across every numeric axis and the metrics, each coordinate scaled to its
 * own range (min at the bottom, max at the top), coloured by the first metric.
 */
function parallelCoordinates(plan: SweepPlan, metrics: [string, number[]][]): Figure[] {
  const axes = numericAxes(plan);
  if (metrics.length === 0 || (plan.mode !== "sample" && plan.axes.length < 3)) return [];
  // The colour is the metric the most points reported, listed first.
  const reported = ([, values]: [string, number[]]) => values.filter(Number.isFinite).length;
  const best = metrics.reduce((a, b) => (reported(b) > reported(a) ? b : a));
  const shown = [best, ...metrics.filter((m) => m !== best)].slice(0, MAX_FIGURES_PER_KIND);
  const sweep: Series = {};
  const labels: Record<string, string> = {};
  axes.forEach(({ axis, values }, k) => {
    sweep[`axis${k}`] = values;
    labels[`axis${k}`] = axisTitle(axis);
  });
  shown.forEach(([name, values], m) => {
    sweep[`metric${m}`] = values;
    labels[`metric${m}`] = name;
  });
  const columns = Object.keys(labels);
  const order = columns.map((c) => labels[c]);
  const label = `${columns.map((c) => `datum.key === '${c}' ? ${JSON.stringify(labels[c])} : `).join("")}datum.key`;
  const x = {
    field: "label",
    type: "nominal",
    sort: order,
    title: null,
    axis: { labelAngle: -30, labelLimit: 400 },
  };
  return [
    {
      name: "parallel-coordinates",
      title: `${plan.points.length} points across ${axes.length} axes and ${shown.length} metrics`,
      spec: {
        $schema: SCHEMA,
        width: Math.max(600, 90 * columns.length),
        height: 320,
        data: { name: "sweep" },
        transform: [
          { window: [{ op: "row_number", as: "point" }] },
          { calculate: "datum.metric0", as: "colour" },
          { fold: columns },
          { filter: "isValid(datum.value) && isFinite(datum.value)" },
          {
            joinaggregate: [
              { op: "min", field: "value", as: "low" },
              { op: "max", field: "value", as: "high" },
            ],
            groupby: ["key"],
          },
          // A coordinate that does not vary sits in the middle instead of dividing by zero.
          {
            calculate: "datum.high > datum.low ? (datum.value - datum.low) / (datum.high - datum.low) : 0.5",
            as: "scaled",
          },
          { calculate: label, as: "label" },
        ],
        layer: [
          {
            mark: { type: "rule", color: "#bbb" },
            encoding: { x, detail: { aggregate: "count" } },
          },
          // Each column's own range printed at its ends, so values can be read off the lines.
          ...(["high", "low"] as const).map((end) => ({
            transform: [
              {
                aggregate: [{ op: end === "high" ? "max" : "min", field: "value", as: "end" }],
                groupby: ["label"],
              },
              { calculate: end === "high" ? "1" : "0", as: "at" },
            ],
            mark: { type: "text", dy: end === "high" ? -8 : 10, fontSize: 10, color: "#333" },
            encoding: {
              x,
              y: { field: "at", type: "quantitative", axis: null, scale: { domain: [0, 1] } },
              text: { field: "end", type: "quantitative", format: ".3~g" },
            },
          })),
          {
            mark: { type: "line", opacity: 0.6, strokeWidth: 1.2 },
            encoding: {
              x,
              y: { field: "scaled", type: "quantitative", axis: null, scale: { domain: [0, 1] } },
              detail: { field: "point", type: "nominal" },
              color: {
                field: "colour",
                type: "quantitative",
                title: shown[0][0],
                scale: { scheme: "viridis" },
              },
            },
          },
        ],
      },
      data: { sweep },
    },
  ];
}

/** First-order and total Sobol' indices per axis as bars with their bootstrap intervals as whiskers. */
function sobolBars(result: Extract<MetricSensitivity, { method: "sobol" }>, m: number): Figure {
  const sweep: Series = { factor: [], kind: [], value: [], low: [], high: [] };
  result.factors.forEach((f, k) => {
    for (const [kind, value, interval] of [
      [0, f.first, f.firstInterval],
      [1, f.total, f.totalInterval],
    ] as const) {
      sweep.factor.push(k);
      sweep.kind.push(kind);
      sweep.value.push(value);
      sweep.low.push(interval?.[0] ?? value);
      sweep.high.push(interval?.[1] ?? value);
    }
  });
  // 0 to 1 and a little beyond for estimates and intervals that overshoot (few rows, failed
  // points); a whisker running further is cut at the edge and marked there with an arrowhead.
  const domain = [
    Math.max(-0.25, Math.min(0, ...sweep.low.filter(Number.isFinite))),
    Math.min(1.25, Math.max(1, ...sweep.high.filter(Number.isFinite))),
  ];
  const names = JSON.stringify(result.factors.map((f) => f.path));
  const kinds = "['first order S_i', 'total ST_i']";
  const common = {
    x: {
      field: "axis",
      type: "nominal",
      title: null,
      sort: result.factors.map((f) => f.path),
      axis: { labelAngle: -30, labelLimit: 400 },
    },
    xOffset: { field: "index", type: "nominal", sort: ["first order S_i", "total ST_i"] },
  };
  return {
    name: `sobol-${m}`,
    title: `Sobol' indices of ${result.metric} (95% bootstrap intervals, ${result.used} base rows)`,
    spec: {
      $schema: SCHEMA,
      width: Math.max(300, 90 * result.factors.length),
      height: 300,
      data: { name: "indices" },
      transform: [
        { calculate: `${names}[datum.factor]`, as: "axis" },
        { calculate: `${kinds}[datum.kind]`, as: "index" },
      ],
      layer: [
        {
          mark: { type: "bar", clip: true },
          encoding: {
            ...common,
            y: {
              field: "value",
              type: "quantitative",
              title: "share of the variance",
              scale: { domain, nice: false },
            },
            color: { field: "index", type: "nominal", title: null, sort: ["first order S_i", "total ST_i"] },
          },
        },
        {
          mark: { type: "rule", strokeWidth: 1.5, color: "black", clip: true },
          encoding: { ...common, y: { field: "low", type: "quantitative" }, y2: { field: "high" } },
        },
        // An interval that runs off the plot ends in an arrowhead at the edge, not in a silent cut.
        ...(
          [
            ["high", domain[1], "triangle-up"],
            ["low", domain[0], "triangle-down"],
          ] as const
        ).map(([end, edge, shape]) => ({
          transform: [
            { filter: `datum.${end} ${end === "high" ? ">" : "<"} ${edge}` },
            { calculate: `${edge}`, as: "edge" },
          ],
          mark: { type: "point", shape, filled: true, color: "black", size: 60 },
          encoding: { ...common, y: { field: "edge", type: "quantitative" } },
        })),
      ],
    },
    data: { indices: sweep },
  };
}

/** Morris (1991) plane: mu* (overall influence) against sigma (non-linearity, interactions). */
function morrisPlane(result: Extract<MetricSensitivity, { method: "morris" }>, m: number): Figure {
  const effects: Series = {
    factor: result.factors.map((_, k) => k),
    muStar: result.factors.map((f) => f.muStar),
    sigma: result.factors.map((f) => f.sigma),
  };
  const names = JSON.stringify(result.factors.map((f) => f.path));
  const encoding = {
    x: { field: "muStar", type: "quantitative", title: "mu* (mean |elementary effect|)" },
    y: { field: "sigma", type: "quantitative", title: "sigma (spread of the elementary effects)" },
  };
  return {
    name: `morris-${m}`,
    title: `Morris elementary effects of ${result.metric} (${result.used} trajectories)`,
    spec: {
      $schema: SCHEMA,
      width: 480,
      height: 320,
      data: { name: "effects" },
      transform: [{ calculate: `${names}[datum.factor]`, as: "axis" }],
      layer: [
        { mark: { type: "point", filled: true, size: 60 }, encoding },
        { mark: { type: "text", align: "left", dx: 6 }, encoding: { ...encoding, text: { field: "axis" } } },
      ],
    },
    data: { effects },
  };
}

export function sweepFigures(
  plan: SweepPlan,
  metrics: Map<string, number[]>,
  sensitivity: MetricSensitivity[] | undefined,
): Figure[] {
  // Metrics no point reported are not drawn; a metric of a failed point is a gap.
  const drawn = [...metrics].filter(([, values]) => values.some(Number.isFinite));
  return [
    ...lineFigures(plan, drawn),
    ...heatMapFigures(plan, drawn),
    ...scatterFigures(plan, drawn),
    ...parallelCoordinates(plan, drawn),
    ...(sensitivity ?? [])
      .slice(0, MAX_FIGURES_PER_KIND)
      .map((result, m) => (result.method === "sobol" ? sobolBars(result, m) : morrisPlane(result, m))),
  ];
}
