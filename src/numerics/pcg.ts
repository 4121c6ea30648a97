import { NumericalError } from "../errors.js";

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
    /** Makes the work vectors r, z, p, q (e.g. on shared memory for threaded kernels; any contents). */
    allocate?: (length: number) => Float64Array;
  } = {},
): SolveReport {
  const n = b.length;
  const tolerance = options.relativeTolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 500;
  const allocate = options.allocate ?? ((length: number) => new Float64Array(length));
  const r = allocate(n);
  const z = allocate(n);
  const p = allocate(n);
  const q = allocate(n);
  // A zero initial guess (the usual case) needs no product: r = b (allocated vectors need not be zero).
  const guess = x.some((v) => v !== 0);
  if (guess) operator.multiply(x, r);
  let bNorm = 0;
  let rNorm = 0;
  for (let k = 0; k < n; k++) {
    r[k] = guess ? b[k] - r[k] : b[k];
    bNorm += b[k] * b[k];
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
  p.set(z);
  let rz = 0;
  for (let k = 0; k < n; k++) rz += r[k] * z[k];
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    operator.multiply(p, q);
    let pq = 0;
    for (let k = 0; k < n; k++) pq += p[k] * q[k];
    const alpha = rz / pq;
    rNorm = 0;
    for (let k = 0; k < n; k++) {
      x[k] += alpha * p[k];
      r[k] -= alpha * q[k];
      rNorm += r[k] * r[k];
    }
    relative = Math.sqrt(rNorm) / bNorm;
    if (!Number.isFinite(relative)) break;
    if (relative <= tolerance) return { iterations: iteration, relativeResidual: relative };
    preconditioner.apply(r, z);
    let rzNext = 0;
    for (let k = 0; k < n; k++) rzNext += r[k] * z[k];
    const beta = rzNext / rz;
    rz = rzNext;
    for (let k = 0; k < n; k++) p[k] = z[k] + beta * p[k];
  }
  throw new NumericalError(
    `conjugate gradients did not reach ${tolerance} in ${maxIterations} iterations`,
    relative,
  );
}
