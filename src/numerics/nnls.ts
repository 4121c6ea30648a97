export interface NonNegativeSolution {
  x: Float64Array;
  /** Active-set iterations (variables freed); at most 3n. */
  iterations: number;
  /** False when the iteration budget ran out before the optimality conditions held. */
  converged: boolean;
}

/**
 * Minimises ½ xᵀQx − cᵀx subject to x ≥ 0, i.e. the non-negative least squares problem
 * min ‖Ax − b‖² with Q = AᵀA and c = Aᵀb (plus any Tikhonov term in Q), by the Lawson–Hanson
 * active-set method in its normal-equation form (Bro & De Jong, J. Chemometrics 11 (1997) 393,
 * "fast NNLS"): each step solves only the passive columns, so n ~ 100 unknowns cost little.
 * `gram` is Q, row-major n×n, symmetric positive definite (a regularised problem always is).
 */
export function nonNegativeQuadratic(
  gram: Float64Array,
  linear: Float64Array,
  n: number,
): NonNegativeSolution {
  const x = new Float64Array(n);
  const passive = new Uint8Array(n);
  const scale = Math.max(...Array.from(linear, Math.abs), Number.MIN_VALUE);
  // Gradient components below this are rounding: stopping on them avoids cycling.
  const tolerance = 1e-12 * scale * Math.max(1, n);
  const gradient = Float64Array.from(linear);
  const factor = new PassiveCholesky(gram, n);
  const maxIterations = 3 * n;
  let iterations = 0;
  while (iterations < maxIterations) {
    let entering = -1;
    let largest = tolerance;
    for (let j = 0; j < n; j++) {
      if (!passive[j] && gradient[j] > largest) {
        largest = gradient[j];
        entering = j;
      }
    }
    if (entering < 0) return { x, iterations, converged: true };
    passive[entering] = 1;
    factor.add(entering);
    iterations++;
    let trial = factor.solve(linear);
    // Inner loop (Lawson–Hanson): step towards the unconstrained passive solution until the first
    // passive variable hits zero, drop it, and re-solve.
    while (passive.some((p, j) => p === 1 && trial[j] <= 0)) {
      let alpha = Number.POSITIVE_INFINITY;
      let blocking = -1;
      for (let j = 0; j < n; j++) {
        if (!passive[j] || trial[j] > 0) continue;
        const ratio = x[j] / (x[j] - trial[j]);
        if (ratio < alpha) {
          alpha = ratio;
          blocking = j;
        }
      }
      for (let j = 0; j < n; j++) if (passive[j]) x[j] += alpha * (trial[j] - x[j]);
      // Exactly zero in exact arithmetic; rounding must not leave it slightly negative or positive.
      x[blocking] = 0;
      for (let j = 0; j < n; j++) {
        if (passive[j] && x[j] <= 0) {
          x[j] = 0;
          passive[j] = 0;
        }
      }
      factor.keepOnly(passive);
      if (!passive.some((p) => p === 1)) break;
      trial = factor.solve(linear);
    }
    for (let j = 0; j < n; j++) x[j] = passive[j] ? trial[j] : 0;
    for (let j = 0; j < n; j++) {
      let qx = 0;
      for (let k = 0; k < n; k++) qx += gram[j * n + k] * x[k];
      gradient[j] = linear[j] - qx;
    }
  }
  return { x, iterations, converged: false };
}

/**
 * Cholesky factor of Q on the passive variables, in the order they entered: a new variable adds one
 * row (O(k²)), so the whole active-set run costs O(n³) rather than a factorisation per step.
 */
class PassiveCholesky {
  private order: number[] = [];
  /** Row a holds L's row for the a-th passive variable; row-major with stride n. */
  private readonly factor: Float64Array;

  constructor(
    private readonly gram: Float64Array,
    private readonly n: number,
  ) {
    this.factor = new Float64Array(n * n);
  }

  add(j: number): void {
    const { n, gram, factor, order } = this;
    const k = order.length;
    let diagonal = gram[j * n + j];
    for (let a = 0; a < k; a++) {
      let sum = gram[order[a] * n + j];
      for (let b = 0; b < a; b++) sum -= factor[a * n + b] * factor[k * n + b];
      const value = sum / factor[a * n + a];
      factor[k * n + a] = value;
      diagonal -= value * value;
    }
    if (!(diagonal > 0))
      throw new Error(`nonNegativeQuadratic: the matrix is not positive definite (variable ${j})`);
    factor[k * n + k] = Math.sqrt(diagonal);
    order.push(j);
  }

  /** Drops the variables no longer passive; the rest are refactored in their order. */
  keepOnly(passive: Uint8Array): void {
    const kept = this.order.filter((j) => passive[j] === 1);
    if (kept.length === this.order.length) return;
    this.order = [];
    for (const j of kept) this.add(j);
  }

  /** s with Q_PP s_P = c_P on the passive set P, zero elsewhere. */
  solve(linear: Float64Array): Float64Array {
    const { n, factor, order } = this;
    const k = order.length;
    const y = new Float64Array(k);
    for (let a = 0; a < k; a++) {
      let sum = linear[order[a]];
      for (let b = 0; b < a; b++) sum -= factor[a * n + b] * y[b];
      y[a] = sum / factor[a * n + a];
    }
    for (let a = k - 1; a >= 0; a--) {
      let sum = y[a];
      for (let b = a + 1; b < k; b++) sum -= factor[b * n + a] * y[b];
      y[a] = sum / factor[a * n + a];
    }
    const s = new Float64Array(n);
    for (let a = 0; a < k; a++) s[order[a]] = y[a];
    return s;
  }
}

/** min ‖Ax − b‖² subject to x ≥ 0, A row-major m×n of full column rank. */
export function nonNegativeLeastSquares(
  a: Float64Array,
  b: Float64Array,
  m: number,
  n: number,
): NonNegativeSolution {
  const { gram, linear } = normalEquations(a, b, m, n);
  return nonNegativeQuadratic(gram, linear, n);
}

/** AᵀA (row-major n×n) and Aᵀb of A row-major m×n. */
export function normalEquations(
  a: Float64Array,
  b: Float64Array,
  m: number,
  n: number,
): { gram: Float64Array; linear: Float64Array } {
  const gram = new Float64Array(n * n);
  const linear = new Float64Array(n);
  for (let r = 0; r < m; r++) {
    for (let j = 0; j < n; j++) {
      const arj = a[r * n + j];
      if (arj === 0) continue;
      linear[j] += arj * b[r];
      for (let k = 0; k < n; k++) gram[j * n + k] += arj * a[r * n + k];
    }
  }
  return { gram, linear };
}
