/**
 * Dense Cholesky factorisation A = L L^T of a symmetric positive definite matrix (row-major n x n),
 * for the small coarsest level of multigrid.
 */
export class DenseCholesky {
  readonly n: number;
  private readonly factor: Float64Array;

  constructor(matrix: Float64Array, n: number) {
    this.n = n;
    const l = Float64Array.from(matrix);
    for (let j = 0; j < n; j++) {
      let d = l[j * n + j];
      for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
      if (!(d > 0))
        throw new Error(`DenseCholesky: matrix is not positive definite (pivot ${d} in row ${j})`);
      const root = Math.sqrt(d);
      l[j * n + j] = root;
      for (let i = j + 1; i < n; i++) {
        let s = l[i * n + j];
        for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
        l[i * n + j] = s / root;
      }
    }
    this.factor = l;
  }

  /** Solves A x = b into x. */
  solve(b: Float64Array, x: Float64Array): void {
    const { n, factor: l } = this;
    for (let i = 0; i < n; i++) {
      let s = b[i];
      for (let k = 0; k < i; k++) s -= l[i * n + k] * x[k];
      x[i] = s / l[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i];
      for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
      x[i] = s / l[i * n + i];
    }
  }
}
