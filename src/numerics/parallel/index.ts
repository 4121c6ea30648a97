export {
  type GridExecutor,
  gridExecutorFor,
  serialExecutor,
  setGridExecutorProvider,
} from "./gridExecutor.js";
export { allShared, PARALLEL_MIN_UNKNOWNS, splitPlanes } from "./slabs.js";
export { runSlabTask, type SlabTask, type StencilShape } from "./slabTasks.js";
