import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { Axis, heatMap, linePlot } from "./plotSpecs.js";
import type { Series } from "./types.js";

interface Item {
  text?: string;
  x: number;
  y: number;
  datum: Record<string, number>;
}

/** Runs a spec through Vega-Lite and Vega in-process and returns the drawn items by mark type and role. */
async function draw(spec: Record<string, unknown>, series: Series) {
  const view = new View(parse(compile(spec as unknown as TopLevelSpec).spec), { renderer: "none" });
  const columns = Object.keys(series);
  const rows = series[columns[0]].map((_, i) => Object.fromEntries(columns.map((c) => [c, series[c][i]])));
  view.data((spec.data as { name: string }).name, rows);
  await view.runAsync();
  const found: { marktype: string; role: string; item: Item }[] = [];
  // Scenegraph items are placed relative to their enclosing group; add the offsets up.
  const walk = (
    mark: { marktype: string; role: string; items: Record<string, unknown>[] },
    dx: number,
    dy: number,
  ) => {
    for (const raw of mark.items) {
      const item = raw as unknown as Item & { items?: unknown[] };
      const x = dx + (item.x ?? 0);
      const y = dy + (item.y ?? 0);
      found.push({ marktype: mark.marktype, role: mark.role, item: { ...item, x, y } });
      if (mark.marktype === "group") for (const child of item.items ?? []) walk(child as never, x, y);
    }
  };
  walk((view.scenegraph() as unknown as { root: never }).root, 0, 0);
  view.finalize();
  return found;
}

const cellsOf = async (spec: Record<string, unknown>, series: Series) =>
  (await draw(spec, series))
    .filter((f) => f.marktype === "rect" && f.role === "mark")
    .map((f) => f.item.datum as unknown as Cell);

const axisLabels = async (spec: Record<string, unknown>, series: Series) =>
  (await draw(spec, series))
    .filter((f) => f.role === "axis-label")
    .map((f) => f.item.text ?? "")
    .filter((t) => t !== "");

/** Nodes of an nx x ny grid at the given coordinates, row after row, as the studies store fields. */
function grid(xs: number[], ys: (x: number) => number[], value = (i: number, j: number) => i + j): Series {
  const series: Series = { x_m: [], y_m: [], value: [] };
  ys(xs[0]).forEach((_, j) => {
    xs.forEach((x, i) => {
      series.x_m.push(x);
      series.y_m.push(ys(x)[j]);
      series.value.push(value(i, j));
    });
  });
  return series;
}

type Cell = { x0: number; x1: number; y0: number; y1: number };
const area = (c: Cell) => (c.x1 - c.x0) * (c.y1 - c.y0);
const overlap = (a: Cell, b: Cell) =>
  Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) *
  Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

/** Cells tile a rectangle of area `total`: no two overlap and together they cover it. */
function expectTiling(cells: Cell[], total: number) {
  for (let a = 0; a < cells.length; a++) {
    for (let b = a + 1; b < cells.length; b++) expect(overlap(cells[a], cells[b])).toBe(0);
  }
  expect(cells.reduce((s, c) => s + area(c), 0)).toBeCloseTo(total, 12);
}

const mapOf = (edges: "extend" | "clamp", extra: Partial<Parameters<typeof heatMap>[0]> = {}) =>
  heatMap({
    data: "field",
    x: { expression: "datum.x_m", title: "x" },
    y: { expression: "datum.y_m", title: "y" },
    value: { expression: "datum.value", title: "v" },
    edges,
    ...extra,
  });

describe("heatMap", () => {
  // Non-uniform, non-square: 4 columns, 3 rows, spacings 1, 2, 4 and 0.5, 1.5.
  const xs = [0, 1, 3, 7];
  const ys = () => [0, 0.5, 2];

  it("tiles the grid with one cell per node, no gaps or overlaps, edge cells extended by half a spacing", async () => {
    const cells = await cellsOf(mapOf("extend"), grid(xs, ys));
    expect(cells).toHaveLength(12);
    // Bounding box: half a spacing beyond the outer nodes.
    expectTiling(cells, (7 + 2 - -0.5) * (2 + 0.75 - -0.25));
    expect(Math.min(...cells.map((c) => c.x0))).toBe(-0.5);
    expect(Math.max(...cells.map((c) => c.x1))).toBe(9);
  });

  it("stops at the outer nodes with clamped edges", async () => {
    const cells = await cellsOf(mapOf("clamp"), grid(xs, ys));
    expect(cells).toHaveLength(12);
    expectTiling(cells, 7 * 2);
  });

  it("tiles each column of a terrain-following grid from its bottom node to the top", async () => {
    // Column bottoms follow a bump g(x); rows are not straight lines.
    const bottom = (x: number) => 0.3 * Math.exp(-((x - 3) ** 2));
    const rows = (x: number) => [0, 0.25, 0.5, 1].map((zeta) => bottom(x) + zeta * (2 - bottom(x)));
    const cells = await cellsOf(mapOf("clamp"), grid(xs, rows));
    expect(cells).toHaveLength(16);
    for (const x of xs) {
      const column = cells.filter((c) => c.x0 <= x && x <= c.x1).sort((a, b) => a.y0 - b.y0);
      expect(column).toHaveLength(4);
      expect(column[0].y0).toBe(bottom(x));
      expect(column[3].y1).toBe(2);
      column.slice(1).forEach((c, k) => {
        expect(c.y0).toBe(column[k].y1);
      });
    }
  });

  it("orders panels by the numeric value, not by the label text", async () => {
    const series: Series = { x_m: [], y_m: [], value: [], time: [] };
    for (const time of [100, 25, 5]) {
      for (const [x, y] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        series.x_m.push(x);
        series.y_m.push(y);
        series.value.push(time);
        series.time.push(time);
      }
    }
    const spec = mapOf("extend", { panels: { field: "time", label: "'t = ' + datum.time" } });
    const headers = (await draw(spec, series))
      .filter((f) => f.marktype === "text" && f.item.text?.startsWith("t = "))
      .sort((a, b) => a.item.y - b.item.y)
      .map((f) => f.item.text);
    expect(headers).toEqual(["t = 5", "t = 25", "t = 100"]);
  });

  it("draws a boundary segment exactly where neighbouring regions differ", async () => {
    // Regions on a 3 x 2 grid: row 0 = 0 0 1, row 1 = 0 1 1 -> two vertical and one horizontal edge.
    const regions = [
      [0, 0, 1],
      [0, 1, 1],
    ];
    const series = grid(
      [0, 1, 2],
      () => [0, 1],
      (i, j) => regions[j][i],
    );
    const spec = mapOf("extend", {
      value: { expression: "datum.value", title: "region", labels: ["a", "b"] },
      boundaries: { expression: "datum.value", title: "boundary" },
    });
    const rules = (await draw(spec, series)).filter((f) => f.marktype === "rule" && f.role === "mark");
    expect(rules).toHaveLength(3);
  });
});

describe("Axis", () => {
  const counts: Series = { cycle: [1, 2, 3], value_V: [10, 20, 30] };
  const cycles = { expression: "datum.cycle", title: "Cycle" };
  const volts = { expression: "datum.value_V", title: "V" };

  it("integer: whole-number ticks only (a plain axis over 1..3 would print 1.2)", async () => {
    const plain = await axisLabels(linePlot({ data: "d", x: cycles, y: volts }), counts);
    expect(plain.some((t) => t.includes("."))).toBe(true);
    const spec = linePlot({ data: "d", x: Axis.integer(cycles), y: volts });
    const labels = await axisLabels(spec, counts);
    expect(labels.length).toBeGreaterThan(3);
    for (const t of labels) expect(t).toMatch(/^[−-]?\d+$/);
    expect(Axis.integer(cycles).axis).toMatchObject({ tickMinStep: 1, format: "d" });
  });

  it("log: decades labelled 10ⁿ, nothing like 0.000000001", async () => {
    const series: Series = { d: [1e-12, 1e-11, 6e-11, 1e-10, 1e-9], u: [10, 20, 50, 80, 90] };
    const spec = linePlot({
      data: "s",
      x: Axis.log({ expression: "datum.d", title: "D" }),
      y: { expression: "datum.u", title: "u" },
    });
    const labels = await axisLabels(spec, series);
    expect(labels).toEqual(expect.arrayContaining(["10⁻¹²", "10⁻¹¹", "10⁻¹⁰", "10⁻⁹"]));
    for (const t of labels) expect(t).not.toMatch(/0\.0|e-/);
  });

  it("percent: a fraction shown as 0-100 %", async () => {
    const axis = Axis.percent({ expression: "datum.f", title: "Efficiency" }, { full: true });
    expect(axis.title).toBe("Efficiency (%)");
    const labels = await axisLabels(
      linePlot({ data: "s", x: { expression: "datum.t", title: "t" }, y: axis }),
      { t: [0, 1], f: [0.2, 0.9] },
    );
    expect(labels).toEqual(expect.arrayContaining(["0", "50", "100"]));
  });

  it("a quantity constant up to rounding gets a readable span, not 0.99999999998 ticks", async () => {
    const noisy: Series = { t: [0, 1, 2, 3], r: [1, 1 + 2e-13, 1 - 1e-13, 1 + 1e-13] };
    const plot = (minimumSpan?: Axis["minimumSpan"]) =>
      linePlot({
        data: "s",
        x: { expression: "datum.t", title: "t" },
        y: { expression: "datum.r", title: "ratio", scale: { zero: false }, minimumSpan },
      });
    const long = /\d\.\d{6,}/;
    // Without a minimum span the ticks resolve the rounding noise: the test can tell.
    expect((await axisLabels(plot({ relative: 0 }), noisy)).some((t) => long.test(t))).toBe(true);
    const labels = await axisLabels(plot(), noisy);
    expect(labels.some((t) => t.startsWith("1"))).toBe(true);
    for (const t of labels) expect(t).not.toMatch(long);
  });
});

describe("linePlot with folded columns", () => {
  it("draws coinciding curves each thinner than the one before, so none hides another", async () => {
    const spec = linePlot({
      data: "cycles",
      x: { expression: "datum.cycle", title: "Cycle" },
      y: { expression: "datum.value", title: "Overpotential" },
      fold: { columns: ["plating", "stripping"], labels: { plating: "plating", stripping: "stripping" } },
    });
    const lines = (await draw(spec, { cycle: [1, 2, 3], plating: [5, 5, 5], stripping: [5, 5, 5] })).filter(
      (d) => d.marktype === "line",
    );
    const widthOf = (curve: string) =>
      lines.find((d) => (d.item.datum as unknown as { curve: string }).curve === curve)?.item as unknown as {
        strokeWidth: number;
      };
    expect(widthOf("plating").strokeWidth).toBeGreaterThan(widthOf("stripping").strokeWidth);
  });
});
