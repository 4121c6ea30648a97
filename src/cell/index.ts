/**
 * M8: cell protocols and measured data (Wang2024, Zhang2024 methods): cycling analysis, Coulombic
 * efficiency, critical-current ramps, impedance fitting, corrosion-layer growth.
 */
export {
  activationEnergy,
  fitGrowthLaws,
  type GrowthAnalysis,
  type GrowthSeries,
  type LawFit,
} from "./corrosion.js";
export {
  type CycleSummary,
  CyclingAnalyser,
  type CyclingAnalysis,
  type CyclingOptions,
  type HalfCycleCurves,
  reservoirCoulombicEfficiency,
} from "./cycling/analyse.js";
export { stepCurves } from "./cycling/curves.js";
export { cycleWarnings, MAX_PLAUSIBLE_CE } from "./cycling/plausibility.js";
export type { StepSummary } from "./cycling/steps.js";
export {
  ccdRampProtocol,
  fixedCapacityProtocol,
  type HalfCellModel,
  mAhPerCm2,
  type ProtocolStep,
  type Row,
  reservoirProtocol,
  synthesizeHalfCell,
} from "./cycling/synthetic.js";
export { type ColumnRule, resolveColumns } from "./data/columns.js";
export { LAYOUTS, type LayoutId } from "./data/layouts.js";
export { type CellFile, CYCLE_STEP_RULES, type ReadSummary, streamCellColumns } from "./data/stream.js";
export { parseHeader, readTable, type Table, type TableFormat } from "./data/tabular.js";
export { Circuit, type CircuitParameter } from "./eis/circuit.js";
export {
  type DistributionOfRelaxationTimes,
  type DrtOptions,
  distributionOfRelaxationTimes,
} from "./eis/drt.js";
export {
  type CircuitFit,
  estimateInitialGuess,
  fitCircuit,
  type ImpedanceSpectrum,
  type Weighting,
} from "./eis/fit.js";
export { chiSquarePerPoint } from "./eis/goodness.js";
export { type KramersKronigTest, linKK } from "./eis/linKK.js";
export { IMPEDANCE_LAYOUTS, type ImpedanceRead, readImpedance } from "./eis/readers/index.js";
export { addProportionalNoise, circuitSpectrum, logFrequencies } from "./eis/spectrum.js";
