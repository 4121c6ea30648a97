/**
 * A sparse matrix on a structured nx x ny x nz node grid coupling each node to its 3 x 3 x 3
 * neighbourhood (trilinear finite elements and their Galerkin coarse operators). Node (i, j, k) has
 * index (k ny + j) nx + i; x and y may be periodic, z never is. Coefficient
 * c = (dk + 1) 9 + (dj + 1) 3 + (di + 1) of a row multiplies the neighbour (i + di, j + dj, k + dk).
 */
export class StencilMatrix3D {
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly periodicX: boolean;
  readonly periodicY: boolean;
  readonly coefficients: Float64Array;
  private readonly neighbourX: Int32Array; // [i * 3 + (di + 1)] -> column or -1
  private readonly neighbourY: Int32Array;
  /** Index shift of each of the 27 neighbours of an interior node (no wrap, no boundary). */
  private readonly interiorShift: Int32Array;

  constructor(nx: number, ny: number, nz: number, periodicX: boolean, periodicY: boolean) {
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.periodicX = periodicX;
    this.periodicY = periodicY;
    this.coefficients = new Float64Array(27 * nx * ny * nz);
    const wrap = (n: number, periodic: boolean) => {
      const table = new Int32Array(3 * n);
      for (let i = 0; i < n; i++) {
        for (let d = -1; d <= 1; d++) {
          let c = i + d;
          if (c < 0 || c >= n) c = periodic ? (c + n) % n : -1;
          table[i * 3 + d + 1] = c;
        }
      }
      return table;
    };
    this.neighbourX = wrap(nx, periodicX);
    this.neighbourY = wrap(ny, periodicY);
    this.interiorShift = new Int32Array(27);
    for (let c = 0; c < 27; c++) {
      this.interiorShift[c] =
        (Math.floor(c / 9) - 1) * nx * ny + ((Math.floor(c / 3) % 3) - 1) * nx + ((c % 3) - 1);
    }
  }

  addToDiagonal(node: number, value: number): void {
    this.coefficients[27 * node + 13] += value;
  }

  clone(): StencilMatrix3D {
    const copy = new StencilMatrix3D(this.nx, this.ny, this.nz, this.periodicX, this.periodicY);
    copy.coefficients.set(this.coefficients);
    return copy;
  }

  get size(): number {
    return this.nx * this.ny * this.nz;
  }

  columnX(i: number, d: number): number {
    return this.neighbourX[i * 3 + d + 1];
  }

  columnY(j: number, d: number): number {
    return this.neighbourY[j * 3 + d + 1];
  }

  /** Off-diagonal part of row (i, j, k) times x. */
  private offDiagonal(x: Float64Array, i: number, j: number, k: number): number {
    const { nx, ny, nz, coefficients: a } = this;
    if (k > 0 && k < nz - 1 && j > 0 && j < ny - 1 && i > 0 && i < nx - 1) {
      // Interior fast path: fixed shifts, no neighbour tables.
      const node = (k * ny + j) * nx + i;
      const shift = this.interiorShift;
      let sum = 0;
      for (let c = 0; c < 13; c++) sum += a[27 * node + c] * x[node + shift[c]];
      for (let c = 14; c < 27; c++) sum += a[27 * node + c] * x[node + shift[c]];
      return sum;
    }
    const base = 27 * ((k * ny + j) * nx + i);
    let sum = 0;
    for (let dk = -1; dk <= 1; dk++) {
      const kk = k + dk;
      if (kk < 0 || kk >= nz) continue;
      for (let dj = -1; dj <= 1; dj++) {
        const jj = this.neighbourY[j * 3 + dj + 1];
        if (jj < 0) continue;
        const row = (kk * ny + jj) * nx;
        for (let di = -1; di <= 1; di++) {
          if (di === 0 && dj === 0 && dk === 0) continue;
          const ii = this.neighbourX[i * 3 + di + 1];
          if (ii < 0) continue;
          sum += a[base + (dk + 1) * 9 + (dj + 1) * 3 + (di + 1)] * x[row + ii];
        }
      }
    }
    return sum;
  }

  multiply(x: Float64Array, y: Float64Array): void {
    const { nx, ny, nz, coefficients: a } = this;
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const n = (k * ny + j) * nx + i;
          y[n] = a[27 * n + 13] * x[n] + this.offDiagonal(x, i, j, k);
        }
      }
    }
  }

  /** One Gauss-Seidel sweep, forward or backward (a forward-backward pair is symmetric). */
  gaussSeidel(x: Float64Array, b: Float64Array, backward: boolean): void {
    const { nx, ny, nz, coefficients: a } = this;
    for (let ks = 0; ks < nz; ks++) {
      const k = backward ? nz - 1 - ks : ks;
      for (let js = 0; js < ny; js++) {
        const j = backward ? ny - 1 - js : js;
        for (let is = 0; is < nx; is++) {
          const i = backward ? nx - 1 - is : is;
          const n = (k * ny + j) * nx + i;
          x[n] = (b[n] - this.offDiagonal(x, i, j, k)) / a[27 * n + 13];
        }
      }
    }
  }
}
