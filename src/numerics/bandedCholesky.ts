/**
 * Cholesky factorisation A = L L^T of a symmetric positive definite band matrix: O(n b^2) work and
 * O(n b) memory for half-bandwidth b. Used for the small structured 2D creep problems, where a
 * direct solve is cheaper and more robust than an iterative one on the stiff penalty system.
 *
 * Storage: the lower band row by row, entry (i, j) for i - b <= j <= i at `i * (b + 1) + (j - i + b)`.
 */
export class BandedMatrix {
  readonly values: Float64Array;

  constructor(
    readonly size: number,
    readonly halfBandwidth: number,
  ) {
    this.values = new Float64Array(size * (halfBandwidth + 1));
  }

  /** Adds to entry (i, j) of the symmetric matrix; entries above the diagonal are ignored. */
  add(i: number, j: number, value: number): void {
    if (j > i) return;
    const offset = j - i + this.halfBandwidth;
    if (offset < 0)
      throw new Error(`BandedMatrix: entry (${i}, ${j}) is outside the half-bandwidth ${this.halfBandwidth}`);
    this.values[i * (this.halfBandwidth + 1) + offset] += value;
  }

  /** Replaces row and column i by those of the identity (a fixed unknown). */
  fix(i: number): void {
    const b = this.halfBandwidth;
    const width = b + 1;
    for (let j = Math.max(0, i - b); j < i; j++) this.values[i * width + (j - i + b)] = 0;
    for (let k = i + 1; k <= Math.min(this.size - 1, i + b); k++) this.values[k * width + (i - k + b)] = 0;
    this.values[i * width + b] = 1;
  }

  /** y = A x with the symmetric matrix. */
  multiply(x: Float64Array, y: Float64Array): void {
    const { size: n, halfBandwidth: b, values } = this;
    const width = b + 1;
    y.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * width;
      y[i] += values[row + b] * x[i];
      for (let j = Math.max(0, i - b); j < i; j++) {
        const a = values[row + (j - i + b)];
        y[i] += a * x[j];
        y[j] += a * x[i];
      }
    }
  }
}

export class BandedCholesky {
  private readonly factor: Float64Array;
  private readonly n: number;
  private readonly b: number;

  constructor(matrix: BandedMatrix) {
    const n = matrix.size;
    const b = matrix.halfBandwidth;
    const width = b + 1;
    const l = Float64Array.from(matrix.values);
    for (let i = 0; i < n; i++) {
      const row = i * width;
      const first = Math.max(0, i - b);
      for (let j = first; j <= i; j++) {
        const rowJ = j * width;
        let s = l[row + (j - i + b)];
        // Sum over k in [max(first, j - b), j): L[i][k] L[j][k].
        for (let k = Math.max(first, j - b); k < j; k++) s -= l[row + (k - i + b)] * l[rowJ + (k - j + b)];
        if (j === i) {
          if (!(s > 0))
            throw new Error(`BandedCholesky: matrix is not positive definite (pivot ${s} in row ${i})`);
          l[row + b] = Math.sqrt(s);
        } else {
          l[row + (j - i + b)] = s / l[rowJ + b];
        }
      }
    }
    this.factor = l;
    this.n = n;
    this.b = b;
  }

  /** Solves A x = rhs into x. */
  solve(rhs: Float64Array, x: Float64Array): void {
    const { n, b, factor: l } = this;
    const width = b + 1;
    for (let i = 0; i < n; i++) {
      const row = i * width;
      let s = rhs[i];
      for (let k = Math.max(0, i - b); k < i; k++) s -= l[row + (k - i + b)] * x[k];
      x[i] = s / l[row + b];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i];
      for (let k = i + 1; k <= Math.min(n - 1, i + b); k++) s -= l[k * width + (i - k + b)] * x[k];
      x[i] = s / l[i * width + b];
    }
  }
}
