/**
 * A sparse matrix on a structured nx x ny x nz node grid coupling each node to its 3 x 3 x 3
 * neighbourhood (trilinear finite elements and their Galerkin coarse operators). Node (i, j, k) has
 * index (k ny + j) nx + i; x and y may be periodic, z never is. Coefficient
 * c = (dk + 1) 9 + (dj + 1) 3 + (di + 1) of a row multiplies the neighbour (i + di, j + dj, k + dk).
 *
 * The products and sweeps are memory-bound: per row they stream the 27 coefficients (216 bytes)
 * plus a few vector entries, so they walk grid lines (fixed j, k) whose nine neighbour lines are
 * found once per line (periodic wrap in y included), and run an unrolled 26-term kernel over the
 * line's interior columns; only the end columns and the lines of missing neighbour planes take the
 * generic per-row path (`rowOffDiagonal`).
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
  /** Memory traffic per row of multiply and gaussSeidel (see their comments), for bandwidth figures. */
  static readonly BYTES_PER_ROW = { multiply: 29 * 8, gaussSeidel: 30 * 8 } as const;
  /** Start of each of the nine neighbour lines (dk, dj) of the current line, reused per line. */
  private readonly lines = new Int32Array(9);

  /** `coefficients`, when given, becomes the storage (27 per row, not copied). */
  constructor(
    nx: number,
    ny: number,
    nz: number,
    periodicX: boolean,
    periodicY: boolean,
    coefficients?: Float64Array,
  ) {
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.periodicX = periodicX;
    this.periodicY = periodicY;
    if (coefficients && coefficients.length !== 27 * nx * ny * nz) {
      throw new Error(
        `StencilMatrix3D: ${coefficients.length} coefficients for ${nx} x ${ny} x ${nz} rows of 27`,
      );
    }
    this.coefficients = coefficients ?? new Float64Array(27 * nx * ny * nz);
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

  /**
   * Off-diagonal part of row (i, j, k) times x, with every neighbour looked up through the wrap
   * tables: valid for any row, used for boundary rows and as the reference of the line kernels.
   */
  rowOffDiagonal(x: Float64Array, i: number, j: number, k: number): number {
    const { nx, ny, nz, coefficients: a } = this;
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

  /**
   * Fills `lines` with the start of the nine neighbour lines of line (j, k) in stencil order
   * (dk, dj), -1 for a line outside the grid; true when all nine exist.
   */
  private findLines(j: number, k: number): boolean {
    const { nx, ny, nz, lines } = this;
    let complete = true;
    for (let dk = 0; dk < 3; dk++) {
      const kk = k + dk - 1;
      for (let dj = 0; dj < 3; dj++) {
        const jj = this.neighbourY[j * 3 + dj];
        const present = kk >= 0 && kk < nz && jj >= 0;
        lines[dk * 3 + dj] = present ? (kk * ny + jj) * nx : -1;
        complete &&= present;
      }
    }
    return complete;
  }

  /**
   * Off-diagonal part of row (i, j, k) times x with the lines of the last findLines(j, k): the path of
   * the end columns and of lines next to a missing plane or row, where neighbours may wrap or lack.
   */
  private edgeOffDiagonal(x: Float64Array, i: number): number {
    const { coefficients: a, lines, neighbourX } = this;
    const left = neighbourX[i * 3];
    const right = neighbourX[i * 3 + 2];
    const c = 27 * (lines[4] + i);
    let sum = 0;
    for (let m = 0; m < 9; m++) {
      const line = lines[m];
      if (line < 0) continue;
      if (left >= 0) sum += a[c + 3 * m] * x[line + left];
      if (m !== 4) sum += a[c + 3 * m + 1] * x[line + i];
      if (right >= 0) sum += a[c + 3 * m + 2] * x[line + right];
    }
    return sum;
  }

  /** y = A x. Bytes per row: 27 coefficients + x + y = 29 x 8 (neighbouring x entries come from cache). */
  multiply(x: Float64Array, y: Float64Array): void {
    const { nx, ny, nz, coefficients: a, lines } = this;
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        const line = (k * ny + j) * nx;
        const complete = this.findLines(j, k);
        // A complete line leaves only its two end columns to the edge path.
        const step = complete ? nx - 1 : 1;
        for (let i = 0; i < nx; i += step) {
          const n = line + i;
          y[n] = a[27 * n + 13] * x[n] + this.edgeOffDiagonal(x, i);
        }
        if (complete) interiorProducts(a, x, y, lines, nx);
      }
    }
  }

  /**
   * One Gauss-Seidel sweep, forward or backward (a forward-backward pair is symmetric). Bytes per
   * row: 27 coefficients + b + x read and written = 30 x 8.
   */
  gaussSeidel(x: Float64Array, b: Float64Array, backward: boolean): void {
    const { nx, ny, nz, coefficients: a, lines } = this;
    for (let ks = 0; ks < nz; ks++) {
      const k = backward ? nz - 1 - ks : ks;
      for (let js = 0; js < ny; js++) {
        const j = backward ? ny - 1 - js : js;
        const line = (k * ny + j) * nx;
        if (!this.findLines(j, k)) {
          for (let is = 0; is < nx; is++) {
            const n = line + (backward ? nx - 1 - is : is);
            x[n] = (b[n] - this.edgeOffDiagonal(x, n - line)) / a[27 * n + 13];
          }
          continue;
        }
        const first = backward ? line + nx - 1 : line;
        const last = backward ? line : line + nx - 1;
        x[first] = (b[first] - this.edgeOffDiagonal(x, first - line)) / a[27 * first + 13];
        if (backward) interiorSweepBackward(a, x, b, lines, nx);
        else interiorSweepForward(a, x, b, lines, nx);
        x[last] = (b[last] - this.edgeOffDiagonal(x, last - line)) / a[27 * last + 13];
      }
    }
  }
}

// The line kernels below write out the 26-term sum over the neighbour lines l0..l8 (each shifted by
// -1 so that columns i - 1, i, i + 1 are l + i, l + i + 1, l + i + 2) in each loop: V8 does not
// inline a shared helper of this size, which halves the speed. Columns i +- 1 never wrap because
// the end columns take the generic path.

/** y = A x on the interior columns of the line starting at lines[4]. */
function interiorProducts(
  a: Float64Array,
  x: Float64Array,
  y: Float64Array,
  lines: Int32Array,
  nx: number,
): void {
  const l0 = lines[0] - 1;
  const l1 = lines[1] - 1;
  const l2 = lines[2] - 1;
  const l3 = lines[3] - 1;
  const l4 = lines[4] - 1;
  const l5 = lines[5] - 1;
  const l6 = lines[6] - 1;
  const l7 = lines[7] - 1;
  const l8 = lines[8] - 1;
  for (let i = 1; i < nx - 1; i++) {
    const n = l4 + 1 + i;
    const c = 27 * n;
    const sum =
      a[c] * x[l0 + i] +
      a[c + 1] * x[l0 + i + 1] +
      a[c + 2] * x[l0 + i + 2] +
      a[c + 3] * x[l1 + i] +
      a[c + 4] * x[l1 + i + 1] +
      a[c + 5] * x[l1 + i + 2] +
      a[c + 6] * x[l2 + i] +
      a[c + 7] * x[l2 + i + 1] +
      a[c + 8] * x[l2 + i + 2] +
      a[c + 9] * x[l3 + i] +
      a[c + 10] * x[l3 + i + 1] +
      a[c + 11] * x[l3 + i + 2] +
      a[c + 12] * x[l4 + i] +
      a[c + 14] * x[l4 + i + 2] +
      a[c + 15] * x[l5 + i] +
      a[c + 16] * x[l5 + i + 1] +
      a[c + 17] * x[l5 + i + 2] +
      a[c + 18] * x[l6 + i] +
      a[c + 19] * x[l6 + i + 1] +
      a[c + 20] * x[l6 + i + 2] +
      a[c + 21] * x[l7 + i] +
      a[c + 22] * x[l7 + i + 1] +
      a[c + 23] * x[l7 + i + 2] +
      a[c + 24] * x[l8 + i] +
      a[c + 25] * x[l8 + i + 1] +
      a[c + 26] * x[l8 + i + 2];
    y[n] = a[c + 13] * x[n] + sum;
  }
}

/** Gauss-Seidel on the interior columns of the line starting at lines[4], i = 1 ... nx - 2. */
function interiorSweepForward(
  a: Float64Array,
  x: Float64Array,
  b: Float64Array,
  lines: Int32Array,
  nx: number,
): void {
  const l0 = lines[0] - 1;
  const l1 = lines[1] - 1;
  const l2 = lines[2] - 1;
  const l3 = lines[3] - 1;
  const l4 = lines[4] - 1;
  const l5 = lines[5] - 1;
  const l6 = lines[6] - 1;
  const l7 = lines[7] - 1;
  const l8 = lines[8] - 1;
  for (let i = 1; i < nx - 1; i++) {
    const n = l4 + 1 + i;
    const c = 27 * n;
    const sum =
      a[c] * x[l0 + i] +
      a[c + 1] * x[l0 + i + 1] +
      a[c + 2] * x[l0 + i + 2] +
      a[c + 3] * x[l1 + i] +
      a[c + 4] * x[l1 + i + 1] +
      a[c + 5] * x[l1 + i + 2] +
      a[c + 6] * x[l2 + i] +
      a[c + 7] * x[l2 + i + 1] +
      a[c + 8] * x[l2 + i + 2] +
      a[c + 9] * x[l3 + i] +
      a[c + 10] * x[l3 + i + 1] +
      a[c + 11] * x[l3 + i + 2] +
      a[c + 12] * x[l4 + i] +
      a[c + 14] * x[l4 + i + 2] +
      a[c + 15] * x[l5 + i] +
      a[c + 16] * x[l5 + i + 1] +
      a[c + 17] * x[l5 + i + 2] +
      a[c + 18] * x[l6 + i] +
      a[c + 19] * x[l6 + i + 1] +
      a[c + 20] * x[l6 + i + 2] +
      a[c + 21] * x[l7 + i] +
      a[c + 22] * x[l7 + i + 1] +
      a[c + 23] * x[l7 + i + 2] +
      a[c + 24] * x[l8 + i] +
      a[c + 25] * x[l8 + i + 1] +
      a[c + 26] * x[l8 + i + 2];
    x[n] = (b[n] - sum) / a[c + 13];
  }
}

/** Gauss-Seidel on the interior columns of the line starting at lines[4], i = nx - 2 ... 1. */
function interiorSweepBackward(
  a: Float64Array,
  x: Float64Array,
  b: Float64Array,
  lines: Int32Array,
  nx: number,
): void {
  const l0 = lines[0] - 1;
  const l1 = lines[1] - 1;
  const l2 = lines[2] - 1;
  const l3 = lines[3] - 1;
  const l4 = lines[4] - 1;
  const l5 = lines[5] - 1;
  const l6 = lines[6] - 1;
  const l7 = lines[7] - 1;
  const l8 = lines[8] - 1;
  for (let i = nx - 2; i >= 1; i--) {
    const n = l4 + 1 + i;
    const c = 27 * n;
    const sum =
      a[c] * x[l0 + i] +
      a[c + 1] * x[l0 + i + 1] +
      a[c + 2] * x[l0 + i + 2] +
      a[c + 3] * x[l1 + i] +
      a[c + 4] * x[l1 + i + 1] +
      a[c + 5] * x[l1 + i + 2] +
      a[c + 6] * x[l2 + i] +
      a[c + 7] * x[l2 + i + 1] +
      a[c + 8] * x[l2 + i + 2] +
      a[c + 9] * x[l3 + i] +
      a[c + 10] * x[l3 + i + 1] +
      a[c + 11] * x[l3 + i + 2] +
      a[c + 12] * x[l4 + i] +
      a[c + 14] * x[l4 + i + 2] +
      a[c + 15] * x[l5 + i] +
      a[c + 16] * x[l5 + i + 1] +
      a[c + 17] * x[l5 + i + 2] +
      a[c + 18] * x[l6 + i] +
      a[c + 19] * x[l6 + i + 1] +
      a[c + 20] * x[l6 + i + 2] +
      a[c + 21] * x[l7 + i] +
      a[c + 22] * x[l7 + i + 1] +
      a[c + 23] * x[l7 + i + 2] +
      a[c + 24] * x[l8 + i] +
      a[c + 25] * x[l8 + i + 1] +
      a[c + 26] * x[l8 + i + 2];
    x[n] = (b[n] - sum) / a[c + 13];
  }
}
