export { BandedCholesky, BandedMatrix } from "./bandedCholesky.js";
export { DenseCholesky } from "./denseCholesky.js";
export { solveDenseInPlace } from "./denseLinear.js";
export {
  type DifferentialEvolutionOptions,
  type DifferentialEvolutionResult,
  differentialEvolution,
} from "./differentialEvolution.js";
export {
  type ConcentrationFunction,
  constantFunction,
  type DiffusionProblem,
  DiffusionStepper,
  type StepReport,
} from "./diffusion1d.js";
export { erfc } from "./erfc.js";
export { type Grid1D, geometricGrid, maxStretchRatio, uniformGrid } from "./grid1d.js";
export { PiecewiseLinear } from "./interpolate.js";
export {
  type LeastSquaresProblem,
  type LeastSquaresResult,
  levenbergMarquardt,
} from "./levenbergMarquardt.js";
export * from "./parallel/index.js";
export { conjugateGradients, type LinearOperator, type Preconditioner, type SolveReport } from "./pcg.js";
export { SeededRandom } from "./random.js";
export { findRoot } from "./roots.js";
export {
  latinHypercube,
  type MorrisRole,
  morrisDesign,
  type SaltelliRole,
  saltelliDesign,
  uniformSample,
} from "./sampling.js";
export {
  type BootstrapOptions,
  type MorrisEffect,
  morrisEffects,
  type SobolIndex,
  type SobolIndices,
  sobolIndices,
} from "./sensitivity.js";
export { SmoothingSpline } from "./smoothingSpline.js";
export { SOBOL_MAX_DIMENSIONS, sobolSequence } from "./sobolSequence.js";
export * from "./structured/index.js";
export * from "./structured3d/index.js";
export { solveTridiagonal } from "./tridiagonal.js";
