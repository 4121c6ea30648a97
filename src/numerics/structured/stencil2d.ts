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

  diagonal(node: number): number {
    return this.coefficients[9 * node + 4];
  }

  /** y = A x */
  multiply(x: Float64Array, y: Float64Array): void {
    const { nx, ny, coefficients: a } = this;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const row = j * nx + i;
        let sum = 0;
        for (let dj = -1; dj <= 1; dj++) {
          const jj = j + dj;
          if (jj < 0 || jj >= ny) continue;
          for (let di = -1; di <= 1; di++) {
            const ii = this.column(i, di);
            if (ii < 0) continue;
            sum += a[9 * row + (dj + 1) * 3 + (di + 1)] * x[jj * nx + ii];
          }
        }
        y[row] = sum;
      }
    }
  }

  /**
   * One Gauss-Seidel sweep, forward (rows in increasing order) or backward. A forward sweep followed
   * by a backward one is symmetric, so it can smooth inside a CG preconditioner.
   */
  gaussSeidel(x: Float64Array, b: Float64Array, backward: boolean): void {
    const { nx, ny, coefficients: a } = this;
    const total = nx * ny;
    for (let step = 0; step < total; step++) {
      const row = backward ? total - 1 - step : step;
      const j = (row / nx) | 0;
      const i = row - j * nx;
      let sum = b[row];
      for (let dj = -1; dj <= 1; dj++) {
        const jj = j + dj;
        if (jj < 0 || jj >= ny) continue;
        for (let di = -1; di <= 1; di++) {
          if (di === 0 && dj === 0) continue;
          const ii = this.column(i, di);
          if (ii < 0) continue;
          sum -= a[9 * row + (dj + 1) * 3 + (di + 1)] * x[jj * nx + ii];
        }
      }
      x[row] = sum / a[9 * row + 4];
    }
  }
}
