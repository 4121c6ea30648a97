/**
 * Builders for the Vega-Lite figures studies declare. Only data-to-spec here; the report module
 * renders specs to SVG/PNG and applies the shared style (fonts, sizes).
 */

export interface Axis {
  /** Expression over `datum` giving the plotted value in display units, e.g. "datum.position_m * 1e6". */
  expression: string;
  /** Axis title with its display unit, e.g. "Distance from electrolyte (µm)". */
  title: string;
  scale?: Record<string, unknown>;
  format?: string;
}

export interface LinePlotOptions {
  /** Name of the series (result.series key or figure data key) that feeds the plot. */
  data: string;
  x: Axis;
  y: Axis;
  /** Curves are grouped by this expression; its legend is sorted by `colorSort` (a column). */
  color?: { expression: string; title: string; sortBy?: string };
  points?: boolean;
  /** Columns to unpivot into one curve each (Vega-Lite fold); the curve name is `key`, the value `value`. */
  fold?: { columns: string[]; labels: Record<string, string> };
}

export function linePlot(options: LinePlotOptions): Record<string, unknown> {
  const transform: Record<string, unknown>[] = [];
  if (options.fold) {
    transform.push({ fold: options.fold.columns });
    const cases = Object.entries(options.fold.labels)
      .map(([column, label]) => `datum.key === '${column}' ? '${label}' : `)
      .join("");
    transform.push({ calculate: `${cases}datum.key`, as: "curve" });
  }
  transform.push({ calculate: options.x.expression, as: "x" }, { calculate: options.y.expression, as: "y" });
  if (options.color) transform.push({ calculate: options.color.expression, as: "group" });
  const axis = (a: Axis) => ({
    type: "quantitative",
    title: a.title,
    ...(a.scale ? { scale: a.scale } : {}),
    ...(a.format ? { axis: { format: a.format } } : {}),
  });
  const encoding: Record<string, unknown> = {
    x: { field: "x", ...axis(options.x) },
    y: { field: "y", ...axis(options.y) },
  };
  if (options.color) {
    encoding.color = {
      field: "group",
      type: "ordinal",
      title: options.color.title,
      ...(options.color.sortBy ? { sort: { field: options.color.sortBy, op: "min" } } : {}),
      scale: { scheme: "viridis" },
    };
  }
  if (options.fold) encoding.color = { field: "curve", type: "nominal", title: null };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 600,
    height: 320,
    data: { name: options.data },
    transform,
    mark: { type: "line", strokeWidth: 2, point: options.points ?? false },
    encoding,
  };
}

/** Measured points with a fitted curve on top (Nyquist and Bode plots of a fit). */
export function pointsAndCurve(options: {
  data: string;
  x: Axis;
  measured: Axis;
  fitted: Axis;
  /** Sort the curve by this expression (frequency) rather than by x. */
  order?: string;
}): Record<string, unknown> {
  const axis = (a: Axis) => ({
    type: "quantitative",
    title: a.title,
    ...(a.scale ? { scale: a.scale } : {}),
    ...(a.format ? { axis: { format: a.format } } : {}),
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 600,
    height: 320,
    data: { name: options.data },
    transform: [
      { calculate: options.x.expression, as: "x" },
      { calculate: options.measured.expression, as: "measured" },
      { calculate: options.fitted.expression, as: "fitted" },
      { calculate: options.order ?? options.x.expression, as: "order" },
    ],
    layer: [
      {
        mark: { type: "point", filled: true, size: 40 },
        encoding: {
          x: { field: "x", ...axis(options.x) },
          y: { field: "measured", ...axis(options.measured) },
          color: { datum: "measured" },
        },
      },
      {
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x: { field: "x", ...axis(options.x) },
          y: { field: "fitted", ...axis(options.fitted) },
          order: { field: "order", type: "quantitative" },
          color: { datum: "fit" },
        },
      },
    ],
  };
}

/**
 * Colour map of a field on a regular x-y grid of surface nodes (one square per node, tiling the
 * plot), positions in metres shown in µm.
 */
export function surfaceMap(options: {
  data: string;
  /** Expression over `datum` for the coloured value in display units, e.g. "datum.currentRatio". */
  value: string;
  title: string;
  nodeCount: number;
}): Record<string, unknown> {
  const size = 360;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: size,
    height: size,
    data: { name: options.data },
    transform: [
      { calculate: "datum.x_m * 1e6", as: "x" },
      { calculate: "datum.y_m * 1e6", as: "y" },
      { calculate: options.value, as: "value" },
    ],
    mark: { type: "square", size: (size / Math.sqrt(Math.max(options.nodeCount, 1))) ** 2 },
    encoding: {
      x: { field: "x", type: "quantitative", title: "x (µm)" },
      y: { field: "y", type: "quantitative", title: "y (µm)" },
      color: { field: "value", type: "quantitative", title: options.title, scale: { scheme: "inferno" } },
    },
  };
}
