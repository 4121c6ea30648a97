/**
 * Builders for the Vega-Lite figures studies declare. Only data-to-spec here; the report module
 * renders specs to SVG/PNG and applies the shared style (fonts, sizes). Every study uses these
 * builders and the `Axis` options below, so a figure cannot say the same thing two ways.
 */

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

export interface Axis {
  /** Expression over `datum` giving the plotted value in display units, e.g. "datum.position_m * 1e6". */
  expression: string;
  /** Axis title with its display unit, e.g. "Distance from electrolyte (µm)". */
  title: string;
  scale?: Record<string, unknown>;
  format?: string;
  /** Further Vega-Lite axis properties (tick steps, label expressions); set through `Axis.*`. */
  axis?: Record<string, unknown>;
  /**
   * The domain spans at least this much (display units), centred on the data: a quantity that is
   * constant up to rounding is drawn flat instead of blowing 1e-12 noise up to the full height.
   * linePlot's y axis defaults to 1% of the largest magnitude.
   */
  minimumSpan?: { relative?: number; absolute?: number };
}

/** Superscript digits and minus, for 10ⁿ tick labels. */
const SUPERSCRIPTS = "['⁰','¹','²','³','⁴','⁵','⁶','⁷','⁸','⁹']";

/**
 * Tick label of a log axis: 10ⁿ at whole decades, nothing in between (the unlabelled ticks and
 * grid lines stay). Exponents up to ±99.
 */
const DECADE_LABEL = (() => {
  const exponent = "round(log(datum.value) / LN10)";
  const isDecade = `abs(log(datum.value) / LN10 - ${exponent}) < 1e-6`;
  const digits = `(abs(${exponent}) >= 10 ? ${SUPERSCRIPTS}[floor(abs(${exponent}) / 10)] : '') + ${SUPERSCRIPTS}[abs(${exponent}) % 10]`;
  return `${isDecade} ? '10' + (${exponent} < 0 ? '⁻' : '') + ${digits} : ''`;
})();

/** Ready-made axis kinds; each returns a new Axis built on `base`. */
export const Axis = {
  /** Counts (cycles, steps, grains, cells): ticks on whole numbers only, printed without decimals. */
  integer(base: Axis): Axis {
    return { ...base, axis: { ...base.axis, tickMinStep: 1, format: "d" } };
  },
  /**
   * Logarithmic axis labelled 10ⁿ at each decade, never 0.000000001; meant for data spanning at
   * least a decade (a narrower range has no labelled tick: use a linear axis).
   */
  log(base: Axis): Axis {
    return {
      ...base,
      scale: { ...base.scale, type: "log" },
      axis: { ...base.axis, labelExpr: DECADE_LABEL, labelFlush: false },
    };
  },
  /**
   * A fraction or efficiency shown in %: `base.expression` gives the fraction (0..1) and the title
   * gets "(%)"; `full` fixes the domain to 0-100%.
   */
  percent(base: Axis, options: { full?: boolean } = {}): Axis {
    return {
      ...base,
      expression: `100 * (${base.expression})`,
      title: `${base.title} (%)`,
      ...(options.full ? { scale: { ...base.scale, domain: [0, 100] } } : {}),
    };
  },
};

/** The Vega-Lite x or y encoding of a quantitative axis on field `field`. */
export function axisEncoding(field: string, a: Axis): Record<string, unknown> {
  const axis = { ...(a.format ? { format: a.format } : {}), ...a.axis };
  return {
    field,
    type: "quantitative",
    title: a.title,
    ...(a.scale ? { scale: a.scale } : {}),
    ...(Object.keys(axis).length ? { axis } : {}),
  };
}

/**
 * An invisible layer whose vertical extent is at least the minimum span of `y` around the data
 * (fields `x` and `y`); the y scale is shared, so the domain cannot shrink to rounding noise.
 * None on a log axis or a fixed domain, where the span is already decided.
 */
function minimumSpanLayer(x: Axis, y: Axis): Record<string, unknown> | undefined {
  if (y.scale?.type === "log" || y.scale?.domain) return undefined;
  const relative = y.minimumSpan?.relative ?? 0.01;
  const absolute = y.minimumSpan?.absolute ?? 0;
  return {
    transform: [
      {
        aggregate: [
          { op: "min", field: "y", as: "low" },
          { op: "max", field: "y", as: "high" },
          { op: "min", field: "x", as: "x" },
        ],
      },
      {
        calculate: `max(datum.high - datum.low, ${relative} * max(abs(datum.low), abs(datum.high)), ${absolute}) / 2`,
        as: "half",
      },
      { calculate: "(datum.low + datum.high) / 2 - datum.half", as: "spanLow" },
      { calculate: "(datum.low + datum.high) / 2 + datum.half", as: "spanHigh" },
    ],
    mark: { type: "rule", opacity: 0 },
    encoding: {
      x: axisEncoding("x", x),
      y: { ...axisEncoding("spanLow", y) },
      y2: { field: "spanHigh" },
    },
  };
}

export interface LinePlotOptions {
  /** Name of the series (result.series key or figure data key) that feeds the plot. */
  data: string;
  x: Axis;
  y: Axis;
  /**
   * One curve per condition (temperature, metal, current) given by this expression, with a legend
   * sorted by the numeric column `sortBy` (so "10 K" comes before "9 K" only if it is larger).
   */
  color?: { expression: string; title: string; sortBy?: string };
  points?: boolean;
  /** Columns to unpivot into one curve each (Vega-Lite fold); the curve name is `key`, the value `value`. */
  fold?: { columns: string[]; labels: Record<string, string> };
  /** Draw measured or computed points without connecting lines. */
  pointsOnly?: boolean;
}

export function linePlot(options: LinePlotOptions): Record<string, unknown> {
  const transform: Record<string, unknown>[] = [];
  if (options.fold) {
    transform.push({ fold: options.fold.columns });
    const cases = Object.entries(options.fold.labels)
      .map(([column, label]) => `datum.key === '${column}' ? '${label}' : `)
      .join("");
    transform.push(
      { calculate: `${cases}datum.key`, as: "curve" },
      { calculate: "datum.curve", as: "width" },
    );
  }
  transform.push({ calculate: options.x.expression, as: "x" }, { calculate: options.y.expression, as: "y" });
  if (options.color) transform.push({ calculate: options.color.expression, as: "group" });
  // The x domain is the data's: rounding it outward leaves an empty band after a run's last time.
  const x = { ...options.x, scale: { nice: false, ...options.x.scale } };
  const encoding: Record<string, unknown> = {
    x: axisEncoding("x", x),
    y: axisEncoding("y", options.y),
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
  if (options.fold) {
    // The legend lists the curves in the order the study named them, not alphabetically.
    const order = options.fold.columns.map((c) => options.fold?.labels[c] ?? c);
    encoding.color = { field: "curve", type: "nominal", title: null, sort: order };
    // Curves that coincide (equal overpotentials, equal thresholds) must not hide one another: each
    // is drawn thinner than the one before, so a later curve shows inside an earlier one. A field of
    // its own keeps this out of the colour legend.
    if (!options.pointsOnly)
      encoding.strokeWidth = {
        field: "width",
        type: "ordinal",
        sort: order,
        legend: null,
        scale: { range: order.map((_, k) => 2 + 2.5 * (order.length - 1 - k)) },
      };
  }
  // A fixed domain cuts data off: clip it to the plot instead of drawing over the axes.
  const clip = Boolean(options.x.scale?.domain || options.y.scale?.domain);
  const mark = options.pointsOnly
    ? { type: "point", filled: true, clip }
    : // A strokeWidth on the mark would override the per-curve widths of a fold.
      {
        type: "line",
        ...(encoding.strokeWidth ? {} : { strokeWidth: 2 }),
        point: options.points ?? false,
        clip,
      };
  const span = minimumSpanLayer(x, options.y);
  return {
    $schema: SCHEMA,
    width: 600,
    height: 320,
    data: { name: options.data },
    transform,
    ...(span ? { layer: [{ mark, encoding }, span] } : { mark, encoding }),
  };
}

/**
 * Measured points with a model curve on top (Nyquist and Bode plots of a fit, growth laws). The
 * curve comes from its own series, the model evaluated on a grid of its own, so that it is smooth
 * and does not inherit the scatter of the measured abscissae.
 */
export function pointsAndCurve(options: {
  /** Series of the measured points (the figure's main data source). */
  data: string;
  /** Axes, with the expressions giving the measured points in display units. */
  x: Axis;
  y: Axis;
  curve: {
    data: string;
    /** The same display quantities as `x` and `y`, over the curve's rows. */
    x: string;
    y: string;
    /** Draw order along the curve, e.g. the frequency of a Nyquist curve; default: x. */
    order?: string;
    /**
     * Several curves per group from these columns (Vega-Lite fold, the value in `datum.value`),
     * told apart by dashes with a legend titled `title` (e.g. two growth laws).
     */
    fold?: { columns: string[]; labels: Record<string, string>; title: string };
  };
  /**
   * Points and curves of different conditions (e.g. temperatures) coloured apart, with a legend
   * listing the group labels in `order` (e.g. by increasing temperature) when given.
   */
  group?: { points: string; curve: string; title: string; order?: string[] };
  width?: number;
  height?: number;
}): Record<string, unknown> {
  const { curve, group } = options;
  const color = (label: string) =>
    group
      ? {
          field: "group",
          type: "nominal",
          title: group.title,
          ...(group.order ? { scale: { domain: group.order } } : {}),
        }
      : { datum: label, title: null };
  const layer = (
    data: string,
    x: string,
    y: string,
    groupExpression: string | undefined,
    extra: Record<string, unknown>[],
    fold?: { columns: string[]; labels: Record<string, string> },
  ) => ({
    data: { name: data },
    transform: [
      ...(fold
        ? [
            { fold: fold.columns },
            {
              calculate: `${Object.entries(fold.labels)
                .map(([column, label]) => `datum.key === '${column}' ? '${label}' : `)
                .join("")}datum.key`,
              as: "style",
            },
          ]
        : []),
      { calculate: x, as: "x" },
      { calculate: y, as: "y" },
      ...(groupExpression ? [{ calculate: groupExpression, as: "group" }] : []),
      ...extra,
    ],
  });
  return {
    $schema: SCHEMA,
    width: options.width ?? 600,
    height: options.height ?? 320,
    data: { name: options.data },
    encoding: { x: axisEncoding("x", options.x), y: axisEncoding("y", options.y) },
    layer: [
      {
        ...layer(options.data, options.x.expression, options.y.expression, group?.points, []),
        mark: { type: "point", filled: true, size: 40, clip: true },
        encoding: { color: color("measured") },
      },
      {
        ...layer(
          curve.data,
          curve.x,
          curve.y,
          group?.curve,
          [{ calculate: curve.order ?? curve.x, as: "order" }],
          curve.fold,
        ),
        mark: { type: "line", strokeWidth: 2, clip: true },
        encoding: {
          order: { field: "order", type: "quantitative" },
          color: color("fit"),
          ...(curve.fold
            ? {
                strokeDash: { field: "style", type: "nominal", title: curve.fold.title },
                detail: { field: "style", type: "nominal" },
              }
            : {}),
        },
      },
    ],
  };
}

/**
 * Window transforms giving every node of a structured 2D grid the cell around it: edges half way
 * to the neighbouring nodes, so the cells tile the grid with no gap or overlap whatever the
 * spacing. Rows need not be straight (a terrain-following mesh): x neighbours are taken along the
 * row index, y neighbours within the column of equal x. `groupBy` separates grids (snapshots).
 * Edge cells extend half a spacing outward (`extend`, cell-centred data) or stop at the edge node
 * (`clamp`, nodes on the physical boundary).
 */
function cellTransforms(groupBy: string[], edges: "extend" | "clamp"): Record<string, unknown>[] {
  const bound = (axis: "x" | "y", side: "0" | "1") => {
    const [near, far, sign] = side === "0" ? ["Previous", "Next", "-"] : ["Next", "Previous", "+"];
    const v = `datum.${axis}`;
    const n = `datum.${axis}${near}`;
    const f = `datum.${axis}${far}`;
    const outward =
      edges === "clamp" ? v : `isValid(${f}) ? ${v} ${sign} abs(${v} - ${f}) / 2 : ${v} ${sign} 0.5`;
    return { calculate: `isValid(${n}) ? (${v} + ${n}) / 2 : ${outward}`, as: `${axis}${side}` };
  };
  return [
    {
      window: [
        { op: "row_number", as: "row" },
        { op: "lag", field: "y", as: "yPrevious" },
        { op: "lead", field: "y", as: "yNext" },
      ],
      groupby: [...groupBy, "x"],
      sort: [{ field: "y" }],
    },
    {
      window: [
        { op: "lag", field: "x", as: "xPrevious" },
        { op: "lead", field: "x", as: "xNext" },
      ],
      groupby: [...groupBy, "row"],
      sort: [{ field: "x" }],
    },
    bound("x", "0"),
    bound("x", "1"),
    bound("y", "0"),
    bound("y", "1"),
  ];
}

/** Neighbour ids for the boundary layer: `right` along the row, `above` along the column. */
function neighbourTransforms(groupBy: string[]): Record<string, unknown>[] {
  return [
    {
      window: [{ op: "lead", field: "region", as: "regionRight" }],
      groupby: [...groupBy, "row"],
      sort: [{ field: "x" }],
    },
    {
      window: [{ op: "lead", field: "region", as: "regionAbove" }],
      groupby: [...groupBy, "x"],
      sort: [{ field: "y" }],
    },
  ];
}

export interface HeatMapOptions {
  data: string;
  /** Node coordinates in display units (e.g. "datum.x_m * 1e6"). */
  x: Axis;
  y: Axis;
  /**
   * The coloured value: a quantity with a colour bar (`scheme` default viridis; `diverging` centres
   * a red-blue scale on zero), or categories named by `labels[value]` with a legend.
   */
  value:
    | { expression: string; title: string; scheme?: string; diverging?: boolean }
    | { expression: string; title: string; labels: string[] };
  /**
   * Draw lines where this expression (e.g. a grain id) differs between neighbouring cells, named
   * `title` in the legend.
   */
  boundaries?: { expression: string; title: string };
  /** One panel per value of this numeric column, in increasing order, labelled `label(datum)`. */
  panels?: { field: string; label: string };
  edges?: "extend" | "clamp";
  width?: number;
  height?: number;
}

/**
 * Raster heat map of a field on a structured grid: one rect per node with x/x2, y/y2 cell extents
 * (tiling exactly, see cellTransforms), a colour bar or categorical legend, optional boundary lines
 * and numerically ordered panels.
 */
export function heatMap(options: HeatMapOptions): Record<string, unknown> {
  const groupBy = options.panels ? [options.panels.field] : [];
  const transform: Record<string, unknown>[] = [
    { calculate: options.x.expression, as: "x" },
    { calculate: options.y.expression, as: "y" },
    { calculate: options.value.expression, as: "value" },
    ...(options.boundaries ? [{ calculate: options.boundaries.expression, as: "region" }] : []),
    ...cellTransforms(groupBy, options.edges ?? "extend"),
    ...(options.boundaries ? neighbourTransforms(groupBy) : []),
  ];
  if ("labels" in options.value) {
    transform.push({ calculate: `${JSON.stringify(options.value.labels)}[datum.value]`, as: "category" });
  }
  transform.push(
    { calculate: "datum.value", as: "valueOutline" },
    { calculate: "datum.category", as: "categoryOutline" },
  );
  // Exact extents: no nice rounding or forced zero leaving empty bands around the field.
  const position = (field: string, a: Axis) => ({
    ...axisEncoding(field, a),
    scale: { nice: false, zero: false, ...a.scale },
    axis: { grid: false, ...a.axis, ...(a.format ? { format: a.format } : {}) },
  });
  const v = options.value;
  const color =
    "labels" in v
      ? { field: "category", type: "nominal", title: v.title, scale: { domain: v.labels } }
      : {
          field: "value",
          type: "quantitative",
          title: v.title,
          scale: v.diverging
            ? { scheme: v.scheme ?? "redblue", domainMid: 0, reverse: true }
            : { scheme: v.scheme ?? "viridis" },
          legend: {
            type: "gradient",
            gradientLength: Math.min(options.height ?? 300, 300),
            titlePadding: 10,
          },
        };
  // Rects meeting at fractional pixels leave antialiasing seams: outline each in its own colour.
  // (A field of its own, or Vega-Lite merges this scale's legend into the colour bar.)
  const seamless = { ...color, field: `${color.field}Outline`, legend: null };
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: "rect", strokeWidth: 0.6 },
      encoding: {
        x: position("x0", options.x),
        x2: { field: "x1" },
        y: position("y0", options.y),
        y2: { field: "y1" },
        color,
        stroke: seamless,
      },
    },
  ];
  if (options.boundaries) {
    // The legend entry comes from a one-value dash scale: the stroke scale belongs to the cells.
    const strokeDash = {
      datum: options.boundaries.title,
      type: "nominal",
      title: null,
      scale: { range: [[1, 0]] },
    };
    layers.push(
      {
        transform: [{ filter: "isValid(datum.regionRight) && datum.regionRight !== datum.region" }],
        mark: { type: "rule", strokeWidth: 1.2, color: "black" },
        encoding: {
          x: position("x1", options.x),
          y: position("y0", options.y),
          y2: { field: "y1" },
          strokeDash,
        },
      },
      {
        transform: [{ filter: "isValid(datum.regionAbove) && datum.regionAbove !== datum.region" }],
        mark: { type: "rule", strokeWidth: 1.2, color: "black" },
        encoding: {
          x: position("x0", options.x),
          x2: { field: "x1" },
          y: position("y1", options.y),
          strokeDash,
        },
      },
    );
  }
  const view = { width: options.width ?? 480, height: options.height ?? 320, layer: layers };
  const body = options.panels
    ? {
        transform: [...transform, { calculate: options.panels.label, as: "panel" }],
        facet: {
          row: {
            field: "panel",
            type: "ordinal",
            title: null,
            sort: { field: options.panels.field, op: "min" },
            header: { labelFontSize: 13 },
          },
        },
        spec: view,
      }
    : { transform, ...view };
  return { $schema: SCHEMA, data: { name: options.data }, ...body };
}
