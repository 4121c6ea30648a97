/**
 * Where the big 3D stencil kernels run: on the caller alone (the default, in Node and in a browser
 * Web Worker alike) or split by z-slabs over several threads sharing memory. The core only describes
 * the work as plain-data tasks (slabTasks.ts); a thread pool is injected from the edge (the Node
 * one lives in src/cli/threads), so the physics core imports no Node module.
 */
import type { StencilArena } from "../structured3d/wasm/stencilArena.js";
import { PARALLEL_MIN_UNKNOWNS } from "./slabs.js";
import { runSlabTask, type SlabTask } from "./slabTasks.js";

export interface GridExecutor {
  /** Threads the tasks run on, the caller's included. */
  readonly threads: number;
  /** Grids below this many unknowns stay on the caller's thread (default PARALLEL_MIN_UNKNOWNS). */
  readonly minUnknowns?: number;
  /** A zeroed vector every thread can read and write (on a SharedArrayBuffer when threads > 1). */
  allocate(length: number): Float64Array;
  /** Runs tasks[t] on thread t (tasks[0] on the caller) and returns when all are done. */
  run(tasks: readonly SlabTask[]): void;
  /**
   * The WebAssembly memory `allocate` takes its vectors from, if any: 3D backward sweeps on arrays
   * there run in WebAssembly (structured3d/wasm/arenaExecutor.ts).
   */
  readonly arena?: StencilArena;
}

export const serialExecutor: GridExecutor = {
  threads: 1,
  allocate: (length) => new Float64Array(length),
  run: (tasks) => {
    for (const task of tasks) runSlabTask(task);
  },
};

let provider: () => GridExecutor = () => serialExecutor;

/**
 * The executor for solves that are big enough to split (solveInterface3D asks for it); the CLI
 * installs a thread pool here, everything else gets the serial one.
 */
export function gridExecutorFor(unknowns: number): GridExecutor {
  return unknowns >= PARALLEL_MIN_UNKNOWNS ? provider() : serialExecutor;
}

/** Installs the executor provider (called lazily, on the first big solve); returns the previous one. */
export function setGridExecutorProvider(next: () => GridExecutor): () => GridExecutor {
  const previous = provider;
  provider = next;
  return previous;
}
