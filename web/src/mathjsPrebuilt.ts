import math from "mathjs/lib/browser/math.js";

/**
 * The units library for the page's worker: mathjs's prebuilt single file, the same one the CLI
 * loads (src/units/library.ts). web/vite.config.ts puts it in place of src/units/mathjsModule.ts,
 * whose ESM entry creates every mathjs function when the worker starts; this instance creates each
 * on first use, and the build has one file to read instead of ~1 300 modules.
 */
export default math;
