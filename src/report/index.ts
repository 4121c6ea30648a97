export { type BundleOptions, type FileSet, reproductionFiles, resultFiles, sweepFiles } from "./bundle.js";
export { seriesToCsv, tableToCsv } from "./csv.js";
export {
  flattenMetricRows,
  formatNumber,
  formatValue,
  inputsText,
  labelAndUnit,
  type MetricRow,
  metricRows,
} from "./format.js";
export { FIGURE_FONT, renderSvg } from "./svg.js";
export { wrap } from "./wrap.js";
