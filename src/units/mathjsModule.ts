import * as math from "mathjs";

/** The full ESM mathjs, for bundlers: src/units/library.ts imports this file through `import.meta.glob`. */
export default math;
