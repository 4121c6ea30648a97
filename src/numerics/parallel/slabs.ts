/** Helpers of the z-slab split, free of imports so that the kernels can use them. */

/** True when every array lives in shared memory, so that other threads see it. */
export function allShared(...arrays: Float64Array[]): boolean {
  if (typeof SharedArrayBuffer === "undefined") return false;
  return arrays.every((a) => a.buffer instanceof SharedArrayBuffer);
}

/**
 * Grids below this many unknowns stay on one thread: a hand-off between threads costs tens of
 * microseconds (more on a loaded machine), a product of 100 000 rows ~3 ms.
 */
export const PARALLEL_MIN_UNKNOWNS = 100_000;

/** Splits planes [k0, k1) into `parts` contiguous ranges of near-equal size. */
export function splitPlanes(k0: number, k1: number, parts: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let t = 0; t < parts; t++) {
    ranges.push([k0 + Math.floor(((k1 - k0) * t) / parts), k0 + Math.floor(((k1 - k0) * (t + 1)) / parts)]);
  }
  return ranges;
}
