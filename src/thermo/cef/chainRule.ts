import type { Derivatives } from "./model.js";

/**
 * Adds F(s_1, ..., s_k) to `out`, where each s_a(y) is a sum of product terms (a Redlich–Kister sum
 * of TC, BMAGN, THETA, GD, ...) known with its own gradient and Hessian: the chain rule
 *   dF/dy_i = sum_a F_a ds_a/dy_i,
 *   d2F/dy_i dy_j = sum_ab F_ab ds_a/dy_i ds_b/dy_j + sum_a F_a d2s_a/dy_i dy_j.
 * `first[a]` is F_a and `second[a * k + b]` is F_ab (symmetric).
 */
export function addFunctionOfSums(
  value: number,
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  sums: readonly Derivatives[],
  n: number,
  out: Derivatives,
): void {
  const k = sums.length;
  out.value += value;
  for (let a = 0; a < k; a++) {
    const fa = first[a];
    const s = sums[a];
    if (fa === 0) continue;
    for (let i = 0; i < n; i++) out.gradient[i] += fa * s.gradient[i];
    for (let m = 0; m < n * n; m++) out.hessian[m] += fa * s.hessian[m];
  }
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      const fab = second[a * k + b];
      if (fab === 0) continue;
      const ga = sums[a].gradient;
      const gb = sums[b].gradient;
      for (let i = 0; i < n; i++) {
        if (ga[i] === 0) continue;
        for (let j = 0; j < n; j++) out.hessian[i * n + j] += fab * ga[i] * gb[j];
      }
    }
}
