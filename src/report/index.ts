export { type BundleOptions, type FileSet, reproductionFiles, resultFiles, sweepFiles } from "./bundle.js";
export { seriesToCsv, tableToCsv } from "./csv.js";
export { FIGURE_FONT, renderSvg } from "./svg.js";
