/**
 * Solves the small dense system A x = b in place by Gaussian elimination with partial pivoting.
 * `matrix` is row-major n x n and is overwritten; the solution replaces `rhs`. Meant for the few
 * unknowns of lumped models (circuits, local Newton steps), not for fields.
 */
export function solveDenseInPlace(matrix: Float64Array, rhs: Float64Array, n: number): Float64Array {
  for (let column = 0; column < n; column++) {
    let pivotRow = column;
    let largest = Math.abs(matrix[column * n + column]);
    for (let row = column + 1; row < n; row++) {
      const candidate = Math.abs(matrix[row * n + column]);
      if (candidate > largest) {
        largest = candidate;
        pivotRow = row;
      }
    }
    if (largest === 0) throw new Error(`solveDenseInPlace: singular matrix (column ${column})`);
    if (pivotRow !== column) {
      for (let k = 0; k < n; k++) {
        const swap = matrix[column * n + k];
        matrix[column * n + k] = matrix[pivotRow * n + k];
        matrix[pivotRow * n + k] = swap;
      }
      const swap = rhs[column];
      rhs[column] = rhs[pivotRow];
      rhs[pivotRow] = swap;
    }
    const pivot = matrix[column * n + column];
    for (let row = column + 1; row < n; row++) {
      const factor = matrix[row * n + column] / pivot;
      if (factor === 0) continue;
      for (let k = column; k < n; k++) matrix[row * n + k] -= factor * matrix[column * n + k];
      rhs[row] -= factor * rhs[column];
    }
  }
  for (let row = n - 1; row >= 0; row--) {
    let sum = rhs[row];
    for (let k = row + 1; k < n; k++) sum -= matrix[row * n + k] * rhs[k];
    rhs[row] = sum / matrix[row * n + row];
  }
  return rhs;
}
