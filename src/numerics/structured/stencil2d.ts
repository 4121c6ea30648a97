import type { GridExecutor } from "../parallel/gridExecutor.js";
import { allShared, PARALLEL_MIN_UNKNOWNS, splitPlanes } from "../parallel/slabs.js";
import type { SlabTask } from "../parallel/slabTasks.js";

/**
 * A sparse matrix on a structured nx x ny node grid whose rows couple each node to its 3 x 3
 * neighbourhood (the pattern of bilinear finite elements, and of Galerkin coarse operators built
 * from them). Node (i, j) has index j * nx + i. With `periodicX`, column nx wraps to column 0.
 * Coefficient k = (dj + 1) * 3 + (di + 1) of row n multiplies the neighbour at (i + di, j + dj);
 * entries pointing outside a non-periodic grid are zero.
 *
 * With an executor of two or more threads, a big matrix in shared memory splits its products,
 * sweeps and residual restrictions by bands of grid lines (as StencilMatrix3D by z-slabs).
 */
export class StencilMatrix2D {
  readonly nx: number;
  readonly ny: number;
  readonly periodicX: boolean;
  /** Memory traffic per row of multiply and gaussSeidel (see their comments), for bandwidth figures. */
  static readonly BYTES_PER_ROW = { multiply: 11 * 8, gaussSeidel: 12 * 8 } as const;
  /** 9 coefficients per row, row-major. */
  readonly coefficients: Float64Array;
  /**
   * Threads that multiply and gaussSeidel split the grid over (by bands of lines), when the matrix
   * is big and it and the vectors are shared; null: the caller's thread alone.
   */
  executor: GridExecutor | null = null;

  /** `coefficients`, when given, becomes the storage (9 per row, not copied). */
  constructor(nx: number, ny: number, periodicX: boolean, coefficients?: Float64Array) {
    if (nx < 2 || ny < 2) throw new Error(`StencilMatrix2D: grid ${nx} x ${ny} is too small`);
    if (coefficients && coefficients.length !== 9 * nx * ny) {
      throw new Error(`StencilMatrix2D: ${coefficients.length} coefficients for ${nx} x ${ny} rows of 9`);
    }
    this.nx = nx;
    this.ny = ny;
    this.periodicX = periodicX;
    this.coefficients = coefficients ?? new Float64Array(9 * nx * ny);
  }

  /** A matrix of this shape on the executor's memory (shared when it has threads), using it. */
  static on(executor: GridExecutor | null, nx: number, ny: number, periodicX: boolean): StencilMatrix2D {
    const matrix = new StencilMatrix2D(nx, ny, periodicX, executor?.allocate(9 * nx * ny));
    matrix.executor = executor;
    return matrix;
  }

  /** Plain data of this matrix, to rebuild it on another thread. */
  shape(): StencilShape2D {
    const { nx, ny, periodicX, coefficients } = this;
    return { nx, ny, periodicX, coefficients };
  }

  /**
   * The line ranges of the threads when the work is split: at least three lines each (the
   * separated sweep needs a line between two bands), only for big grids in shared memory.
   */
  bands(...vectors: Float64Array[]): [number, number][] | null {
    const threads = this.executor?.threads ?? 1;
    const minimum = this.executor?.minUnknowns ?? PARALLEL_MIN_UNKNOWNS;
    if (threads < 2 || this.size < minimum || this.ny < 3 * threads) return null;
    if (!allShared(this.coefficients, ...vectors)) return null;
    return splitPlanes(0, this.ny, threads);
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
    const copy = StencilMatrix2D.on(this.executor, this.nx, this.ny, this.periodicX);
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

  /**
   * Sum over the off-diagonal couplings of row (i, j) with x, every neighbour looked up through the
   * column cache: valid for any row, used for edge rows and as the reference of the line kernels.
   */
  rowOffDiagonal(x: Float64Array, i: number, j: number): number {
    const { left, right } = this.neighbourColumns();
    return this.offDiagonal(x, i, j, left[i], right[i]);
  }

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

  /**
   * y = A x. Bytes per row: 9 coefficients + x + y = 11 x 8 (the neighbouring x entries come from
   * cache). Interior lines run an unrolled kernel on columns 1 ... nx - 2; the end columns and the
   * first and last lines take the per-row path.
   */
  multiply(x: Float64Array, y: Float64Array): void {
    const bands = this.bands(x, y);
    if (!bands || !this.executor) {
      this.multiplyLines(x, y, 0, this.ny);
      return;
    }
    const matrix = this.shape();
    this.executor.run(bands.map(([j0, j1]): SlabTask => ({ op: "multiply2d", matrix, x, y, j0, j1 })));
  }

  /** Lines j0 ... j1 - 1 of y = A x (a band: independent of the other lines). */
  multiplyLines(x: Float64Array, y: Float64Array, j0: number, j1: number): void {
    const { nx, ny, coefficients: a } = this;
    const { left, right } = this.neighbourColumns();
    for (let j = j0; j < j1; j++) {
      const line = j * nx;
      const interior = j > 0 && j < ny - 1;
      const step = interior ? nx - 1 : 1;
      for (let i = 0; i < nx; i += step) {
        y[line + i] = a[9 * (line + i) + 4] * x[line + i] + this.offDiagonal(x, i, j, left[i], right[i]);
      }
      if (interior) interiorProducts2D(a, x, y, line, nx);
    }
  }

  /** r = b - A x in one pass: the product and the subtraction without a vector in between. */
  residual(x: Float64Array, b: Float64Array, r: Float64Array): void {
    for (let j = 0; j < this.ny; j++) this.residualLine(x, b, j, r, j * this.nx);
  }

  /** Line j of r = b - A x, written to out[start ... start + nx - 1]. */
  residualLine(x: Float64Array, b: Float64Array, j: number, out: Float64Array, start: number): void {
    const { nx, ny, coefficients: a } = this;
    const { left, right } = this.neighbourColumns();
    const line = j * nx;
    const interior = j > 0 && j < ny - 1;
    const step = interior ? nx - 1 : 1;
    for (let i = 0; i < nx; i += step) {
      const row = line + i;
      out[start + i] = b[row] - (a[9 * row + 4] * x[row] + this.offDiagonal(x, i, j, left[i], right[i]));
    }
    if (interior) interiorResiduals2D(a, x, b, out, start, line, nx);
  }

  /**
   * One Gauss-Seidel sweep, forward (rows in increasing order) or backward. A forward sweep followed
   * by a backward one is symmetric, so it can smooth inside a CG preconditioner. Bytes per row:
   * 9 coefficients + b + x read and written = 12 x 8.
   */
  gaussSeidel(x: Float64Array, b: Float64Array, backward: boolean): void {
    const bands = this.bands(x, b);
    if (!bands || !this.executor) {
      this.gaussSeidelLines(x, b, 0, this.ny, backward);
      return;
    }
    // Split over threads, the sweep takes another node order: the bands (each but the first without
    // its first line) side by side, then those first lines, the separators. Rows of two bands never
    // couple, so the bands can be swept at once; the backward sweep visits the exact reverse order
    // (separators first), so a forward-backward pair stays symmetric and the V-cycle a valid CG
    // preconditioner. Same work per sweep; the answers change within the solver tolerance.
    const matrix = this.shape();
    const separators = bands.slice(1).map(([j0]) => j0);
    const tasks = bands.map(
      ([j0, j1], t): SlabTask => ({
        op: "gaussSeidel2d",
        matrix,
        x,
        b,
        j0: t === 0 ? j0 : j0 + 1,
        j1,
        backward,
      }),
    );
    if (backward) for (const j of separators.reverse()) this.gaussSeidelLines(x, b, j, j + 1, true);
    this.executor.run(tasks);
    if (!backward) for (const j of separators) this.gaussSeidelLines(x, b, j, j + 1, false);
  }

  /** The sweep over lines j0 ... j1 - 1 only (in the given direction). */
  gaussSeidelLines(x: Float64Array, b: Float64Array, j0: number, j1: number, backward: boolean): void {
    const { nx, ny, coefficients: a } = this;
    const { left, right } = this.neighbourColumns();
    const edge = (i: number, j: number) => {
      const row = j * nx + i;
      x[row] = (b[row] - this.offDiagonal(x, i, j, left[i], right[i])) / a[9 * row + 4];
    };
    for (let jStep = j0; jStep < j1; jStep++) {
      const j = backward ? j1 - 1 - (jStep - j0) : jStep;
      if (j === 0 || j === ny - 1) {
        for (let iStep = 0; iStep < nx; iStep++) edge(backward ? nx - 1 - iStep : iStep, j);
        continue;
      }
      edge(backward ? nx - 1 : 0, j);
      if (backward) interiorSweepBackward2D(a, x, b, j * nx, nx);
      else interiorSweepForward2D(a, x, b, j * nx, nx);
      edge(backward ? 0 : nx - 1, j);
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

/** A StencilMatrix2D as plain data (its coefficients shared), to rebuild it on another thread. */
export interface StencilShape2D {
  nx: number;
  ny: number;
  periodicX: boolean;
  coefficients: Float64Array;
}

/** The matrix of a shape (with no executor: a thread's share runs on that thread alone). */
export const stencilOf = (s: StencilShape2D) => new StencilMatrix2D(s.nx, s.ny, s.periodicX, s.coefficients);

// Line kernels with the 8-term sum written out in each loop (V8 does not inline a shared helper
// reliably); columns i +- 1 never wrap because the end columns take the per-row path.
// In a sweep, x[i] waits for the x[i -+ 1] just written: that neighbour's term comes last, so the
// loop-carried chain is one multiply, two subtractions and the division instead of five further
// additions as well (x1.5 per sweep on 2305 x 513, side by side; round-off differs from the
// per-row path only in the order of the sum).

/** y = A x on columns 1 ... nx - 2 of the line starting at `here`. */
function interiorProducts2D(
  a: Float64Array,
  x: Float64Array,
  y: Float64Array,
  here: number,
  nx: number,
): void {
  const below = here - nx;
  const above = here + nx;
  for (let i = 1; i < nx - 1; i++) {
    const c = 9 * (here + i);
    const sum =
      a[c] * x[below + i - 1] +
      a[c + 1] * x[below + i] +
      a[c + 2] * x[below + i + 1] +
      a[c + 3] * x[here + i - 1] +
      a[c + 5] * x[here + i + 1] +
      a[c + 6] * x[above + i - 1] +
      a[c + 7] * x[above + i] +
      a[c + 8] * x[above + i + 1];
    y[here + i] = a[c + 4] * x[here + i] + sum;
  }
}

/** r = b - A x on columns 1 ... nx - 2 of the line starting at `here`, into out from `start`. */
function interiorResiduals2D(
  a: Float64Array,
  x: Float64Array,
  b: Float64Array,
  out: Float64Array,
  start: number,
  here: number,
  nx: number,
): void {
  const below = here - nx;
  const above = here + nx;
  for (let i = 1; i < nx - 1; i++) {
    const c = 9 * (here + i);
    const sum =
      a[c] * x[below + i - 1] +
      a[c + 1] * x[below + i] +
      a[c + 2] * x[below + i + 1] +
      a[c + 3] * x[here + i - 1] +
      a[c + 5] * x[here + i + 1] +
      a[c + 6] * x[above + i - 1] +
      a[c + 7] * x[above + i] +
      a[c + 8] * x[above + i + 1];
    out[start + i] = b[here + i] - (a[c + 4] * x[here + i] + sum);
  }
}

/** Gauss-Seidel on columns 1 ... nx - 2 of the line starting at `here`. */
function interiorSweepForward2D(
  a: Float64Array,
  x: Float64Array,
  b: Float64Array,
  here: number,
  nx: number,
): void {
  const below = here - nx;
  const above = here + nx;
  for (let i = 1; i < nx - 1; i++) {
    const c = 9 * (here + i);
    const rest =
      b[here + i] -
      (a[c] * x[below + i - 1] +
        a[c + 1] * x[below + i] +
        a[c + 2] * x[below + i + 1] +
        a[c + 5] * x[here + i + 1] +
        a[c + 6] * x[above + i - 1] +
        a[c + 7] * x[above + i] +
        a[c + 8] * x[above + i + 1]);
    x[here + i] = (rest - a[c + 3] * x[here + i - 1]) / a[c + 4];
  }
}

/** Gauss-Seidel on columns nx - 2 ... 1 of the line starting at `here`. */
function interiorSweepBackward2D(
  a: Float64Array,
  x: Float64Array,
  b: Float64Array,
  here: number,
  nx: number,
): void {
  const below = here - nx;
  const above = here + nx;
  for (let i = nx - 2; i >= 1; i--) {
    const c = 9 * (here + i);
    const rest =
      b[here + i] -
      (a[c] * x[below + i - 1] +
        a[c + 1] * x[below + i] +
        a[c + 2] * x[below + i + 1] +
        a[c + 3] * x[here + i - 1] +
        a[c + 6] * x[above + i - 1] +
        a[c + 7] * x[above + i] +
        a[c + 8] * x[above + i + 1]);
    x[here + i] = (rest - a[c + 5] * x[here + i + 1]) / a[c + 4];
  }
}
