import { DenseCholesky } from "./denseCholesky.js";

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
    iterations++;
    let trial = solvePassive(gram, linear, passive, n);
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
      if (!passive.some((p) => p === 1)) break;
      trial = solvePassive(gram, linear, passive, n);
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

/** Solves Q_PP s_P = c_P over the passive set P; s is zero elsewhere. */
function solvePassive(
  gram: Float64Array,
  linear: Float64Array,
  passive: Uint8Array,
  n: number,
): Float64Array {
  const index: number[] = [];
  for (let j = 0; j < n; j++) if (passive[j]) index.push(j);
  const m = index.length;
  const sub = new Float64Array(m * m);
  const rhs = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    rhs[a] = linear[index[a]];
    for (let b = 0; b < m; b++) sub[a * m + b] = gram[index[a] * n + index[b]];
  }
  const solved = new Float64Array(m);
  new DenseCholesky(sub, m).solve(rhs, solved);
  const s = new Float64Array(n);
  for (let a = 0; a < m; a++) s[index[a]] = solved[a];
  return s;
}

/** min ‖Ax − b‖² subject to x ≥ 0, A row-major m×n of full column rank. */
export function nonNegativeLeastSquares(
  a: Float64Array,
  b: Float64Array,
  m: number,
  n: number,
): NonNegativeSolution {
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
  return nonNegativeQuadratic(gram, linear, n);
}
