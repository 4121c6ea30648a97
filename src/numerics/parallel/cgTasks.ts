/**
 * The vector updates of conjugate gradients (../pcg.ts) over a range [k0, k1) of the unknowns, so
 * that a big solve can split them over threads like its stencil kernels. Each sum is written to
 * partial[slot]; the caller adds the threads' partial sums in a fixed order.
 */
export type CgTask =
  /** partial[slot] = sum of a[k] b[k]. */
  | {
      op: "cgDot";
      a: Float64Array;
      b: Float64Array;
      partial: Float64Array;
      slot: number;
      k0: number;
      k1: number;
    }
  /** x += alpha p, r -= alpha q; partial[slot] = sum of r[k]^2 after the update. */
  | {
      op: "cgStep";
      x: Float64Array;
      r: Float64Array;
      p: Float64Array;
      q: Float64Array;
      alpha: number;
      partial: Float64Array;
      slot: number;
      k0: number;
      k1: number;
    }
  /** p = z + beta p (p = z when beta is 0, whatever p held). */
  | { op: "cgDirection"; p: Float64Array; z: Float64Array; beta: number; k0: number; k1: number };

export function dotRange(a: Float64Array, b: Float64Array, k0: number, k1: number): number {
  let sum = 0;
  for (let k = k0; k < k1; k++) sum += a[k] * b[k];
  return sum;
}

/** x += alpha p and r -= alpha q on [k0, k1); returns the sum of the updated r[k]^2 there. */
export function stepRange(
  x: Float64Array,
  r: Float64Array,
  p: Float64Array,
  q: Float64Array,
  alpha: number,
  k0: number,
  k1: number,
): number {
  let sum = 0;
  for (let k = k0; k < k1; k++) {
    x[k] += alpha * p[k];
    r[k] -= alpha * q[k];
    sum += r[k] * r[k];
  }
  return sum;
}

export function directionRange(p: Float64Array, z: Float64Array, beta: number, k0: number, k1: number): void {
  if (beta === 0) p.set(z.subarray(k0, k1), k0);
  else for (let k = k0; k < k1; k++) p[k] = z[k] + beta * p[k];
}

/** Runs one CG task: the same code on the caller and on a worker thread. */
export function runCgTask(task: CgTask): void {
  switch (task.op) {
    case "cgDot":
      task.partial[task.slot] = dotRange(task.a, task.b, task.k0, task.k1);
      return;
    case "cgStep":
      task.partial[task.slot] = stepRange(task.x, task.r, task.p, task.q, task.alpha, task.k0, task.k1);
      return;
    case "cgDirection":
      directionRange(task.p, task.z, task.beta, task.k0, task.k1);
      return;
    default: {
      const _exhaustive: never = task;
      throw new Error(`unknown CG task ${JSON.stringify(_exhaustive)}`);
    }
  }
}
