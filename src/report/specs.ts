/**
 * The report's pure public entry: figure specs, metric rows and CSV text, without
 * the Vega runtime that renders them (the web page's worker imports this and draws in the page).
 */
export { seriesToCsv, tableToCsv } from "./csv.js";
export { FIGURE_STYLE, figureSpec, styledSpec } from "./figureSpec.js";
export { flattenMetricRows, type MetricRow, metricRows } from "./format.js";
