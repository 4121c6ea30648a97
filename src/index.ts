/** anodefree: the library's public face. Everything here runs in Node and in a browser Web Worker. */
export * as alloyfilm from "./alloyfilm/index.js";
export { InputError, NumericalError } from "./errors.js";
export * as materials from "./materials/index.js";
export * as numerics from "./numerics/index.js";
export * from "./studies/index.js";
export * as units from "./units/index.js";
export { VERSION } from "./version.js";
