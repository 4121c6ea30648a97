export {
  type ConcentrationFunction,
  constantFunction,
  type DiffusionProblem,
  DiffusionStepper,
  type StepReport,
} from "./diffusion1d.js";
export { type Grid1D, geometricGrid, maxStretchRatio, uniformGrid } from "./grid1d.js";
export { PiecewiseLinear } from "./interpolate.js";
export { findRoot } from "./roots.js";
export { solveTridiagonal } from "./tridiagonal.js";
