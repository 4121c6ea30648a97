import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import type { Figure, StudyResult } from "../../types.js";
import { planSweep, type SweepPlan } from "../plan.js";
import { analyseSweep } from "./index.js";
import type { SweepOutcome } from "./outcomes.js";

const result = (metrics: Record<string, unknown>): StudyResult => ({
  study: "buffer-layer",
  name: "test",
  version: "test",
  inputs: {},
  metrics,
  series: {},
  diagnostics: { iterations: 0, residual: 0, wallSeconds: 0 },
});

/**
 * Vega-Lite → Vega → scenegraph in-process; items drawn per mark type, and (`line marks`) the
 * number of separate lines, since a line's items are its vertices.
 */
async function drawnItems(figure: Figure): Promise<Record<string, number>> {
  const view = new View(parse(compile(figure.spec as unknown as TopLevelSpec).spec), { renderer: "none" });
  for (const [name, series] of Object.entries(figure.data)) {
    const columns = Object.keys(series);
    view.data(
      name,
      series[columns[0]].map((_, i) => Object.fromEntries(columns.map((c) => [c, series[c][i]]))),
    );
  }
  await view.runAsync();
  const counts: Record<string, number> = {};
  const walk = (mark: { marktype: string; role: string; items: { items?: unknown[] }[] }) => {
    if (mark.role === "mark") {
      counts[mark.marktype] = (counts[mark.marktype] ?? 0) + mark.items.length;
      counts[`${mark.marktype} marks`] = (counts[`${mark.marktype} marks`] ?? 0) + 1;
    }
    for (const item of mark.items) for (const child of item.items ?? []) walk(child as never);
  };
  walk((view.scenegraph() as unknown as { root: never }).root);
  view.finalize();
  return counts;
}

// A linear model Y = sum c_i X_i over uniform X_i: S_i = ST_i = c_i^2 Var X_i / sum_j c_j^2 Var X_j,
// Var X_i = (h_i - l_i)^2 / 12; a Morris elementary effect is c_i (h_i - l_i) at every step.
const axes = {
  "layer.porosity": [0.2, 0.6],
  "particles.volumeFraction": [0.01, 0.03],
  "particles.depth": [0.2, 0.8],
} as const;
const c = { "layer.porosity": 3, "particles.volumeFraction": -40, "particles.depth": 0.5 };
const paths = Object.keys(axes) as (keyof typeof axes)[];
const linear = (plan: SweepPlan) =>
  plan.points.map((p) =>
    result({
      growth: { height_m: paths.reduce((s, path) => s + c[path] * Number(p.values[path]), 0) },
      label: "x",
    }),
  );
const bufferSweep = (sampler: Record<string, unknown>) =>
  planSweep({
    study: "buffer-layer",
    sweep: { over: Object.fromEntries(paths.map((path) => [path, { range: axes[path] }])), sampler },
  });

describe("analyseSweep", () => {
  it("apportions the variance of a linear model as its coefficients and ranges say (Saltelli design)", async () => {
    const plan = bufferSweep({ method: "saltelli", samples: 128, seed: 2 });
    const analysis = analyseSweep(plan, linear(plan), { resamples: 200 });
    const parts = paths.map((path) => (c[path] * (axes[path][1] - axes[path][0])) ** 2 / 12);
    const total = parts.reduce((s, v) => s + v, 0);
    const [sensitivity] = analysis.sensitivity ?? [];
    expect(sensitivity.metric).toBe("growth.height_m");
    expect(sensitivity.method).toBe("sobol");
    if (sensitivity.method !== "sobol") return;
    // N = 128 shifted Sobol' rows: a few hundredths of error, inside the 95% intervals.
    sensitivity.factors.forEach((factor, i) => {
      const exact = parts[i] / total;
      expect(factor.path).toBe(paths[i]);
      expect(Math.abs(factor.first - exact)).toBeLessThan(0.03);
      expect(Math.abs(factor.total - exact)).toBeLessThan(0.03);
      expect(factor.firstInterval?.[0]).toBeLessThanOrEqual(exact);
      expect(factor.firstInterval?.[1]).toBeGreaterThanOrEqual(exact);
      expect(factor.totalInterval?.[0]).toBeLessThanOrEqual(exact);
      expect(factor.totalInterval?.[1]).toBeGreaterThanOrEqual(exact);
    });
    const bars = analysis.figures.find((f) => f.name === "sobol-0");
    expect(bars).toBeDefined();
    // Two bars (S_i, ST_i) and two whiskers per axis.
    expect(await drawnItems(bars as Figure)).toMatchObject({ rect: 6, rule: 6 });
    // One panel per axis, one dot per point in each.
    const scatter = analysis.figures.find((f) => f.name === "scatter-0");
    expect(await drawnItems(scatter as Figure)).toMatchObject({ symbol: 3 * plan.points.length });
    const parallel = analysis.figures.find((f) => f.name === "parallel-coordinates");
    // One polyline per point, one rule per coordinate (three axes and the one numeric metric).
    expect(await drawnItems(parallel as Figure)).toMatchObject({ "line marks": plan.points.length, rule: 4 });
  });

  it("finds Morris elementary effects of c_i times the range, with no spread, for a linear model", async () => {
    const plan = bufferSweep({ method: "morris", samples: 12, seed: 3 });
    const analysis = analyseSweep(plan, linear(plan), { resamples: 0 });
    // One labelled point per axis on the mu*-sigma plane.
    const plane = analysis.figures.find((f) => f.name === "morris-0");
    expect(await drawnItems(plane as Figure)).toMatchObject({ symbol: 3, text: 3 });
    const [sensitivity] = analysis.sensitivity ?? [];
    expect(sensitivity.method).toBe("morris");
    if (sensitivity.method !== "morris") return;
    sensitivity.factors.forEach((factor, i) => {
      const effect = c[paths[i]] * (axes[paths[i]][1] - axes[paths[i]][0]);
      expect(factor.muStar).toBeCloseTo(Math.abs(effect), 9);
      expect(factor.mu).toBeCloseTo(effect, 9);
      expect(factor.sigma).toBeCloseTo(0, 9);
      expect(factor.count).toBe(12);
    });
  });

  it("leaves failed points out: an error column in the table, fewer Saltelli rows in the estimate", () => {
    const plan = bufferSweep({ method: "saltelli", samples: 16 });
    const outcomes: SweepOutcome[] = linear(plan);
    outcomes[3] = { error: "params.layer.porosity: expected ...", exitCode: 2 };
    outcomes[16 + 5] = { error: "did not converge", exitCode: 3, residual: 1e-2 };
    outcomes[40] = undefined;
    const analysis = analyseSweep(plan, outcomes, { resamples: 0 });
    expect(analysis.table.columns).toEqual(["point", ...paths, "growth.height_m", "error"]);
    expect(analysis.table.rows[21].at(-1)).toBe("did not converge");
    expect(analysis.table.rows[21][4]).toBe("");
    // Rows 3 (A), 5 (B) and 40 - 32 = 8 (A_B^(1)) lose their estimate.
    expect(analysis.sensitivity?.[0].used).toBe(16 - 3);
    expect(Number.isNaN(analysis.metrics["growth.height_m"][3])).toBe(true);
  });

  it("draws a heat map per metric of a two-axis grid and a curve per value of the second axis", async () => {
    const plan = planSweep({
      study: "buffer-layer",
      sweep: {
        over: {
          "layer.porosity": { linspace: [0.2, 0.6, 5] },
          "layer.thickness": ["5 um", "10 um", "20 um"],
        },
      },
    });
    const outcomes = plan.points.map((p) =>
      result({
        ratio: Number(p.values["layer.porosity"]) * Number.parseFloat(String(p.values["layer.thickness"])),
      }),
    );
    const analysis = analyseSweep(plan, outcomes);
    expect(analysis.sensitivity).toBeUndefined();
    expect(analysis.figures.map((f) => f.name)).toEqual(["metric-0", "map-0"]);
    const [lines, map] = analysis.figures;
    expect(map.data.sweep.axis1).toEqual([5, 10, 20, 5, 10, 20, 5, 10, 20, 5, 10, 20, 5, 10, 20]);
    expect((await drawnItems(map)).rect).toBe(15);
    // Three curves (one per thickness) of five points each.
    expect(await drawnItems(lines)).toMatchObject({ "line marks": 3, symbol: 15 });
    expect(map.spec).toMatchObject({ $schema: expect.stringContaining("vega-lite") });
  });
});
