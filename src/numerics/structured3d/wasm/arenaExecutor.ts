/**
 * A one-thread GridExecutor whose vectors live in a StencilArena, so that a solve's matrices (the
 * assembly and the Galerkin coarsening allocate through their executor) and its conjugate-gradient
 * and V-cycle vectors all sit in WebAssembly memory, where the backward sweeps run in WebAssembly.
 * The memory has a fixed size; once it is full, further vectors are plain arrays (their sweeps run
 * in JavaScript, with the same results to round-off).
 */
import { type GridExecutor, serialExecutor } from "../../parallel/gridExecutor.js";
import { StencilArena } from "./stencilArena.js";

/**
 * Doubles per unknown of the finest grid to reserve: a linear solve takes ~21 (14 coefficients, ~2.3
 * for the coarse levels, ~5 vectors of conjugate gradients and the V-cycle), Newton's (interface
 * newton.ts) twice the matrices and ~7 vectors more, ~45. Untouched pages of the memory cost no
 * resident memory, so the reservation is generous.
 */
const DOUBLES_PER_UNKNOWN = 48;
/** Below this many per unknown not even a linear solve fits: leave it to JavaScript arrays. */
const MIN_DOUBLES_PER_UNKNOWN = 24;
/** WebAssembly's 32-bit memories end at 4 GiB (65 536 pages of 64 KiB); stay below it. */
const MAX_DOUBLES = (2 ** 32 - 2 ** 20) / 8;

/**
 * The executor for a one-thread solve on a grid of `unknowns` nodes with lines of `nx`; null where
 * WebAssembly is missing or refused, or the grid does not fit.
 */
export function stencilArenaExecutor(unknowns: number, nx: number): GridExecutor | null {
  const doubles = Math.min(DOUBLES_PER_UNKNOWN * unknowns, MAX_DOUBLES - 14 * nx);
  if (doubles < MIN_DOUBLES_PER_UNKNOWN * unknowns) return null;
  const arena = StencilArena.create(doubles, nx);
  if (!arena) return null;
  return {
    threads: 1,
    arena,
    allocate: (length) => arena.tryAllocate(length) ?? new Float64Array(length),
    run: serialExecutor.run,
  };
}
