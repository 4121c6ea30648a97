/**
 * A sparse matrix on a structured nx x ny node grid whose rows couple each node to its 3 x 3
 * neighbourhood (the pattern of bilinear finite elements, and of Galerkin coarse operators built
 * from them). Node (i, j) has index j * nx + i. With `periodicX`, column nx wraps to column 0.
 * Coefficient k = (dj + 1) * 3 + (di + 1) of row n multiplies the neighbour at (i + di, j + dj);
 * entries pointing outside a non-periodic grid are zero.
 */
export class StencilMatrix2D {
  readonly nx: number;
  readonly ny: number;
  readonly periodicX: boolean;
  /** 9 coefficients per row, row-major. */
  readonly coefficients: Float64Array;

  constructor(nx: number, ny: number, periodicX: boolean) {
    if (nx < 2 || ny < 2) throw new Error(`StencilMatrix2D: grid ${nx} x ${ny} is too small`);
    this.nx = nx;
    this.ny = ny;
    this.periodicX = periodicX;
    this.coefficients = new Float64Array(9 * nx * ny);
  }

  get size(): number {
    return this.nx * this.ny;
  }

  /** Column index of (i + di), or -1 outside a non-periodic grid. */
  column(i: number, di: number): number {
    const c = i + di;
    if (c >= 0 && c < this.nx) return c;
    if (!this.periodicX) return -1;
    return c < 0 ? c + this.nx : c - this.nx;
  }

  /** Adds `value` to the coupling of node (i, j) with node (i + di, j + dj). */
  add(i: number, j: number, di: number, dj: number, value: number): void {
    this.coefficients[9 * (j * this.nx + i) + (dj + 1) * 3 + (di + 1)] += value;
  }

  addToDiagonal(node: number, value: number): void {
    this.coefficients[9 * node + 4] += value;
  }

  clone(): StencilMatrix2D {
    const copy = new StencilMatrix2D(this.nx, this.ny, this.periodicX);
    copy.coefficients.set(this.coefficients);
    return copy;
  }

  diagonal(node: number): number {
    return this.coefficients[9 * node + 4];
  }

  /** Column indices of (i - 1) and (i + 1) for every i, -1 outside a non-periodic grid. */
  private neighbourColumns(): { left: Int32Array; right: Int32Array } {
    if (!this.columnCache) {
      const left = new Int32Array(this.nx);
      const right = new Int32Array(this.nx);
      for (let i = 0; i < this.nx; i++) {
        left[i] = this.column(i, -1);
        right[i] = this.column(i, 1);
      }
      this.columnCache = { left, right };
    }
    return this.columnCache;
  }
  private columnCache?: { left: Int32Array; right: Int32Array };

  /** Sum over the off-diagonal couplings of row (i, j) with x, using the column cache. */
  private offDiagonal(x: Float64Array, i: number, j: number, left: number, right: number): number {
    const { nx, ny, coefficients: a } = this;
    const base = 9 * (j * nx + i);
    let sum = 0;
    if (j > 0) {
      const r = (j - 1) * nx;
      if (left >= 0) sum += a[base] * x[r + left];
      sum += a[base + 1] * x[r + i];
      if (right >= 0) sum += a[base + 2] * x[r + right];
    }
    const r = j * nx;
    if (left >= 0) sum += a[base + 3] * x[r + left];
    if (right >= 0) sum += a[base + 5] * x[r + right];
    if (j < ny - 1) {
      const r2 = (j + 1) * nx;
      if (left >= 0) sum += a[base + 6] * x[r2 + left];
      sum += a[base + 7] * x[r2 + i];
      if (right >= 0) sum += a[base + 8] * x[r2 + right];
    }
    return sum;
  }

  /** y = A x */
  multiply(x: Float64Array, y: Float64Array): void {
    const { nx, ny, coefficients: a } = this;
    const { left, right } = this.neighbourColumns();
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const row = j * nx + i;
        y[row] = a[9 * row + 4] * x[row] + this.offDiagonal(x, i, j, left[i], right[i]);
      }
    }
  }

  /**
   * One Gauss-Seidel sweep, forward (rows in increasing order) or backward. A forward sweep followed
   * by a backward one is symmetric, so it can smooth inside a CG preconditioner.
   */
  gaussSeidel(x: Float64Array, b: Float64Array, backward: boolean): void {
    const { nx, ny, coefficients: a } = this;
    const { left, right } = this.neighbourColumns();
    for (let jStep = 0; jStep < ny; jStep++) {
      const j = backward ? ny - 1 - jStep : jStep;
      const interior = j > 0 && j < ny - 1;
      const below = (j - 1) * nx;
      const here = j * nx;
      const above = (j + 1) * nx;
      for (let iStep = 0; iStep < nx; iStep++) {
        const i = backward ? nx - 1 - iStep : iStep;
        const row = here + i;
        const l = left[i];
        const r = right[i];
        let sum: number;
        if (interior && l >= 0 && r >= 0) {
          // Interior node: all nine neighbours exist (the common case, kept branch-free).
          const k = 9 * row;
          sum =
            a[k] * x[below + l] +
            a[k + 1] * x[below + i] +
            a[k + 2] * x[below + r] +
            a[k + 3] * x[here + l] +
            a[k + 5] * x[here + r] +
            a[k + 6] * x[above + l] +
            a[k + 7] * x[above + i] +
            a[k + 8] * x[above + r];
        } else {
          sum = this.offDiagonal(x, i, j, l, r);
        }
        x[row] = (b[row] - sum) / a[9 * row + 4];
      }
    }
  }

  /**
   * Compressed sparse rows of the matrix (duplicate columns of a tiny periodic grid summed by the
   * consumer), for dense coarse solves and for exporting to other solvers.
   */
  toCsr(): { indptr: Int32Array; indices: Int32Array; data: Float64Array } {
    const { nx, ny, coefficients: a } = this;
    const indptr = new Int32Array(this.size + 1);
    const indices = new Int32Array(9 * this.size);
    const data = new Float64Array(9 * this.size);
    let count = 0;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const row = j * nx + i;
        for (let dj = -1; dj <= 1; dj++) {
          const jj = j + dj;
          if (jj < 0 || jj >= ny) continue;
          for (let di = -1; di <= 1; di++) {
            const ii = this.column(i, di);
            const value = a[9 * row + (dj + 1) * 3 + (di + 1)];
            if (ii < 0 || value === 0) continue;
            indices[count] = jj * nx + ii;
            data[count] = value;
            count++;
          }
        }
        indptr[row + 1] = count;
      }
    }
    return { indptr, indices: indices.slice(0, count), data: data.slice(0, count) };
  }
}
