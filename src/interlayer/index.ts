/** M5: Ag/C (or other metal/carbon) buffer-layer evolution during lithiation (Xie2024 Figs 6–7, eqs 6–13). */
export { CurrentPartition, type StepInputs, type StepKinetics, type StepSolution } from "./partition.js";
export type { AlloyVolume, BufferLayerProblem, InterfaceName, InterfaceProperties } from "./problem.js";
export {
  type BufferLayerHistory,
  type BufferLayerOutcome,
  checkBufferLayerProblem,
  simulateBufferLayer,
} from "./simulate.js";
export { vegardAlloyVolume } from "./volume.js";
