import { h } from "./dom.js";
import { download } from "./download.js";
import { figureElement } from "./figures.js";
import type { MetricView, ResultView } from "./protocol.js";

/** Rows of a series shown in the page; the CSV download has them all. */
const ROWS_SHOWN = 200;

export function metricsTable(metrics: MetricView[]): HTMLTableElement {
  return h(
    "table",
    { className: "metrics" },
    h("thead", {}, h("tr", {}, h("th", {}, "metric"), h("th", {}, "value"), h("th", {}, "unit"))),
    h(
      "tbody",
      {},
      ...metrics.map((m) =>
        h(
          "tr",
          { "data-path": m.path },
          h("td", { className: "label", style: `padding-left: ${0.4 + 1.2 * m.depth}em` }, m.label),
          h("td", { className: "value" }, m.value),
          h("td", { className: "unit" }, m.unit),
        ),
      ),
    ),
  );
}

function seriesTable(name: string, csv: string): HTMLElement {
  const lines = csv.trimEnd().split("\n");
  const [header, ...rows] = lines.map((line) => line.split(","));
  const shown = rows.slice(0, ROWS_SHOWN);
  return h(
    "details",
    { className: "series", "data-series": name },
    h(
      "summary",
      {},
      `${name} (${rows.length} rows${rows.length > ROWS_SHOWN ? `, first ${ROWS_SHOWN} shown` : ""})`,
    ),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, ...header.map((c) => h("th", {}, c)))),
      h("tbody", {}, ...shown.map((row) => h("tr", {}, ...row.map((c) => h("td", {}, c))))),
    ),
  );
}

/** A run's result: warnings, metrics with units, figures, series tables and downloads. */
export function resultElement(view: ResultView, prefix = ""): HTMLElement {
  const { result } = view;
  const downloads = h(
    "p",
    { className: "downloads" },
    "Download: ",
    h(
      "button",
      {
        type: "button",
        "data-download": "result.json",
        onclick: () =>
          download(`${prefix}result.json`, `${JSON.stringify(result, null, 2)}\n`, "application/json"),
      },
      "result.json",
    ),
    ...Object.entries(view.csv).map(([name, csv]) =>
      h(
        "button",
        {
          type: "button",
          "data-download": `${name}.csv`,
          onclick: () => download(`${prefix}${name}.csv`, csv, "text/csv"),
        },
        `${name}.csv`,
      ),
    ),
  );
  const warnings = result.warnings ?? [];
  return h(
    "section",
    { className: "result", "data-study": result.study },
    h("h3", {}, `${result.name} (${result.study})`),
    warnings.length > 0 &&
      h("ul", { className: "warnings" }, ...warnings.map((w) => h("li", {}, `warning: ${w}`))),
    metricsTable(view.metrics),
    h(
      "p",
      { className: "diagnostics", "data-wall-seconds": result.diagnostics.wallSeconds },
      `${result.diagnostics.iterations} iterations, residual ${result.diagnostics.residual.toExponential(2)}, ${result.diagnostics.wallSeconds.toFixed(2)} s in the worker`,
    ),
    h("div", { className: "figures" }, ...view.figures.map((f) => figureElement(f, prefix))),
    ...Object.entries(view.csv).map(([name, csv]) => seriesTable(name, csv)),
    downloads,
  );
}
