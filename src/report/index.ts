export { type BundleOptions, type FileSet, reproductionFiles, resultFiles, sweepFiles } from "./bundle.js";
export { seriesToCsv, tableToCsv } from "./csv.js";
export { FIGURE_FONT, FIGURE_STYLE, figureSpec, styledSpec } from "./figureSpec.js";
export {
  flattenMetricRows,
  formatNumber,
  formatValue,
  inputsText,
  labelAndUnit,
  type MetricRow,
  metricRows,
} from "./format.js";
export { renderSvg } from "./svg.js";
export { wrap } from "./wrap.js";
