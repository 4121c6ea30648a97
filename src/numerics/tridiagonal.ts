/**
 * Solves a tridiagonal system by the Thomas algorithm:
 * lower[i] x[i-1] + diagonal[i] x[i] + upper[i] x[i+1] = rhs[i]  (lower[0], upper[n-1] unused).
 * Writes the solution to `solution`; `scratch` (length n) avoids allocation in time loops.
 * Stable without pivoting for the diagonally dominant matrices of diffusion problems.
 */
export function solveTridiagonal(
  lower: Float64Array,
  diagonal: Float64Array,
  upper: Float64Array,
  rhs: Float64Array,
  solution: Float64Array,
  scratch: Float64Array,
): void {
  const n = diagonal.length;
  let pivot = diagonal[0];
  if (pivot === 0) throw new Error("solveTridiagonal: zero pivot in row 0");
  solution[0] = rhs[0] / pivot;
  for (let i = 1; i < n; i++) {
    scratch[i] = upper[i - 1] / pivot;
    pivot = diagonal[i] - lower[i] * scratch[i];
    if (pivot === 0) throw new Error(`solveTridiagonal: zero pivot in row ${i}`);
    solution[i] = (rhs[i] - lower[i] * solution[i - 1]) / pivot;
  }
  for (let i = n - 2; i >= 0; i--) solution[i] -= scratch[i + 1] * solution[i + 1];
}
