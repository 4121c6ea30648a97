import { NumericalError } from "../errors.js";
import { directionRange, dotRange, stepRange } from "./parallel/cgTasks.js";
import type { GridExecutor } from "./parallel/gridExecutor.js";
import { allShared, PARALLEL_MIN_UNKNOWNS, splitPlanes } from "./parallel/slabs.js";

export interface LinearOperator {
  /** y = A x */
  multiply(x: Float64Array, y: Float64Array): void;
}

export interface Preconditioner {
  /** z = M^-1 r */
  apply(r: Float64Array, z: Float64Array): void;
}

export interface SolveReport {
  iterations: number;
  /** ||b - A x|| / ||b|| reached. */
  relativeResidual: number;
}

/**
 * Preconditioned conjugate gradients for symmetric positive definite systems (Saad, Iterative
 * Methods for Sparse Linear Systems, 2nd ed., Alg. 9.1). `x` holds the initial guess and the answer.
 */
export function conjugateGradients(
  operator: LinearOperator,
  preconditioner: Preconditioner,
  b: Float64Array,
  x: Float64Array,
  options: {
    relativeTolerance?: number;
    maxIterations?: number;
    /** Makes the work vectors r, z, p (e.g. on shared memory for threaded kernels; any contents). */
    allocate?: (length: number) => Float64Array;
    /**
     * Threads to split the vector updates over (big systems whose vectors, x and b included, are
     * all shared); its allocate makes the work vectors unless `allocate` is given.
     */
    executor?: GridExecutor;
    /** b may be overwritten: the residual is kept in its memory (one vector less to allocate). */
    consumeRhs?: boolean;
  } = {},
): SolveReport {
  const n = b.length;
  const tolerance = options.relativeTolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 500;
  const allocate =
    options.allocate ?? options.executor?.allocate ?? ((length: number) => new Float64Array(length));
  const r = options.consumeRhs ? b : allocate(n);
  const z = allocate(n);
  const p = allocate(n);
  // q = A p lives in z's memory: q is spent by the step before z = M^-1 r is written, and z by the
  // new direction before the next q is (one vector less to allocate and first-touch).
  const q = z;
  const { dot, step, direction } = vectorOps(n, options.executor, [x, b, r, z, p]);
  // A zero initial guess (the usual case) needs no product: r = b (allocated vectors need not be
  // zero). A x goes to q, free until the first iteration; b[k] is read before r[k] is written.
  const guess = x.some((v) => v !== 0);
  if (guess) operator.multiply(x, q);
  let bNorm = 0;
  let rNorm = 0;
  for (let k = 0; k < n; k++) {
    const bk = b[k];
    r[k] = guess ? bk - q[k] : bk;
    bNorm += bk * bk;
    rNorm += r[k] * r[k];
  }
  bNorm = Math.sqrt(bNorm);
  if (bNorm === 0) {
    x.fill(0);
    return { iterations: 0, relativeResidual: 0 };
  }
  let relative = Math.sqrt(rNorm) / bNorm;
  if (relative <= tolerance) return { iterations: 0, relativeResidual: relative };
  preconditioner.apply(r, z);
  direction(p, z, 0);
  let rz = dot(r, z);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    operator.multiply(p, q);
    const alpha = rz / dot(p, q);
    rNorm = step(x, r, p, q, alpha);
    relative = Math.sqrt(rNorm) / bNorm;
    if (!Number.isFinite(relative)) break;
    if (relative <= tolerance) return { iterations: iteration, relativeResidual: relative };
    preconditioner.apply(r, z);
    const rzNext = dot(r, z);
    const beta = rzNext / rz;
    rz = rzNext;
    direction(p, z, beta);
  }
  throw new NumericalError(
    `conjugate gradients did not reach ${tolerance} in ${maxIterations} iterations`,
    relative,
  );
}

/**
 * CG's vector updates on the caller (the same loops in the same order as always), or split into
 * contiguous ranges over the executor's threads when the system is big and every vector is shared:
 * the partial sums are then added in thread order, a different rounding of the same sums.
 */
function vectorOps(n: number, executor: GridExecutor | undefined, vectors: Float64Array[]) {
  const threads = executor?.threads ?? 1;
  const serial = {
    dot: (a: Float64Array, b: Float64Array) => dotRange(a, b, 0, n),
    step: (x: Float64Array, r: Float64Array, p: Float64Array, q: Float64Array, alpha: number) =>
      stepRange(x, r, p, q, alpha, 0, n),
    direction: (p: Float64Array, z: Float64Array, beta: number) => directionRange(p, z, beta, 0, n),
  };
  if (
    !executor ||
    threads < 2 ||
    n < (executor.minUnknowns ?? PARALLEL_MIN_UNKNOWNS) ||
    !allShared(...vectors)
  )
    return serial;
  const ranges = splitPlanes(0, n, threads);
  const partial = executor.allocate(threads);
  const total = () => partial.reduce((sum, value) => sum + value, 0);
  return {
    dot: (a: Float64Array, b: Float64Array) => {
      executor.run(ranges.map(([k0, k1], slot) => ({ op: "cgDot", a, b, partial, slot, k0, k1 })));
      return total();
    },
    step: (x: Float64Array, r: Float64Array, p: Float64Array, q: Float64Array, alpha: number) => {
      executor.run(
        ranges.map(([k0, k1], slot) => ({ op: "cgStep", x, r, p, q, alpha, partial, slot, k0, k1 })),
      );
      return total();
    },
    direction: (p: Float64Array, z: Float64Array, beta: number) =>
      executor.run(ranges.map(([k0, k1]) => ({ op: "cgDirection", p, z, beta, k0, k1 }))),
  };
}
