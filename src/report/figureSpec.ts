import type { Series } from "../studies/index.js";
import { wrap } from "./wrap.js";

/**
 * A study's figure as one self-contained Vega-Lite spec: the shared look, the wrapped title and,
 * in `figureSpec`, its data. Pure (no Vega runtime), so the CLI report and the web page draw the
 * same definition with their own renderer.
 */

/** One look for every figure: DejaVu Sans (bundled for PNG), sizes readable on a slide. */
export const FIGURE_FONT = "DejaVu Sans";
export const FIGURE_STYLE = {
  font: FIGURE_FONT,
  background: "white",
  padding: 12,
  axis: { labelFontSize: 13, titleFontSize: 14, titleFontWeight: "normal", grid: true, gridOpacity: 0.35 },
  legend: {
    labelFontSize: 13,
    labelLimit: 320,
    titleFontSize: 13,
    titleFontWeight: "normal",
    symbolStrokeWidth: 3,
  },
  title: { fontSize: 14, fontWeight: "normal", anchor: "start" },
  view: { stroke: "#444" },
};

/** Vega's width estimate of a 14 px title character, rounded up. */
const TITLE_CHARACTER_PX = 8;

export function rowsOf(series: Series): Record<string, number>[] {
  const columns = Object.keys(series);
  const length = columns.length ? series[columns[0]].length : 0;
  return Array.from({ length }, (_, i) => Object.fromEntries(columns.map((c) => [c, series[c][i]])));
}

/** Names of the data sources a spec reads, at the top and in its layers (e.g. points and a curve). */
export function dataNames(spec: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(spec)) {
    for (const part of spec) dataNames(part, names);
  } else if (spec !== null && typeof spec === "object") {
    for (const [key, value] of Object.entries(spec)) {
      const name = (value as { name?: unknown } | null)?.name;
      if (key === "data" && typeof name === "string") names.add(name);
      else dataNames(value, names);
    }
  }
  return names;
}

/** The spec with the shared style and its title broken into lines no wider than the plot. */
export function styledSpec(spec: Record<string, unknown>, title?: string): Record<string, unknown> {
  // Vega sizes the figure to an estimate of the title's width: a long one-line title would leave a
  // wide blank margin beside the plot, so it is broken into lines no wider than the plot.
  const plotWidth = typeof spec.width === "number" ? spec.width : 600;
  const lines = title ? wrap(title, Math.max(30, Math.floor(plotWidth / TITLE_CHARACTER_PX))) : [];
  return { ...spec, ...(title ? { title: { text: lines } } : {}), config: FIGURE_STYLE };
}

/**
 * The styled spec with its named data sources filled in as Vega-Lite `datasets`, ready for any
 * renderer (vega-embed in the page).
 */
export function figureSpec(
  spec: Record<string, unknown>,
  data: Record<string, Series>,
  title?: string,
): Record<string, unknown> {
  const datasets: Record<string, Record<string, number>[]> = {};
  for (const name of dataNames(spec)) {
    const series = data[name];
    if (!series) throw new Error(`figureSpec: no series "${name}" for this figure`);
    datasets[name] = rowsOf(series);
  }
  return { ...styledSpec(spec, title), datasets };
}
