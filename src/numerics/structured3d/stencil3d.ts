import type { GridExecutor } from "../parallel/gridExecutor.js";
import { allShared, PARALLEL_MIN_UNKNOWNS, splitPlanes } from "../parallel/slabs.js";
import type { SlabTask } from "../parallel/slabTasks.js";

/**
 * A symmetric sparse matrix on a structured nx x ny x nz node grid coupling each node to its
 * 3 x 3 x 3 neighbourhood (trilinear finite elements and their Galerkin coarse operators). Node
 * (i, j, k) has index (k ny + j) nx + i; x and y may be periodic, z never is. Stencil entry
 * c = (dk + 1) 9 + (dj + 1) 3 + (di + 1) of a row multiplies the neighbour (i + di, j + dj, k + dk).
 *
 * Only half of the stencil is stored, 14 coefficients per row: [0] the diagonal (c = 13) and
 * [c - 13] the upper entries c = 14 ... 26 (neighbours later in the node order, up to the periodic
 * wrap). A lower entry c < 13 is the upper entry 26 - c of the neighbour's row (A = A^T), read at
 * [14 m + 13 - c]. This halves the memory (and its first touch) and the coefficient stream of every
 * kernel: the neighbour rows' coefficients were streamed one plane earlier and still sit in cache.
 *
 * The products and sweeps are memory-bound, so they walk grid lines (fixed j, k) whose nine
 * neighbour lines are found once per line (periodic wrap in y included), and run an unrolled
 * 26-term kernel over the line's interior columns; only the end columns and the lines of missing
 * neighbour planes take the generic per-row path (`rowOffDiagonal`).
 */
export class StencilMatrix3D {
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly periodicX: boolean;
  readonly periodicY: boolean;
  /** 14 per row, see above. */
  readonly coefficients: Float64Array;
  /** Coefficients stored per row. */
  static readonly STORED = 14;
  private readonly neighbourX: Int32Array; // [i * 3 + (di + 1)] -> column or -1
  private readonly neighbourY: Int32Array;
  /**
   * Memory traffic per row of multiply and gaussSeidel (see their comments), for bandwidth figures:
   * the neighbour rows' coefficients come from cache.
   */
  static readonly BYTES_PER_ROW = { multiply: 16 * 8, gaussSeidel: 17 * 8 } as const;
  /** Start of each of the nine neighbour lines (dk, dj) of the current line, reused per line. */
  private readonly lines = new Int32Array(9);
  /** Whether all nine lines of the last findLines exist. */
  private complete = false;
  /**
   * Threads that multiply and gaussSeidel split the grid over (by z-slabs), when the matrix is big
   * and it and the vectors are shared; null: the caller's thread alone.
   */
  executor: GridExecutor | null = null;

  /** `coefficients`, when given, becomes the storage (14 per row, not copied). */
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
    if (coefficients && coefficients.length !== 14 * nx * ny * nz) {
      throw new Error(
        `StencilMatrix3D: ${coefficients.length} coefficients for ${nx} x ${ny} x ${nz} rows of 14`,
      );
    }
    this.coefficients = coefficients ?? new Float64Array(14 * nx * ny * nz);
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
    this.coefficients[14 * node] += value;
  }

  diagonal(node: number): number {
    return this.coefficients[14 * node];
  }

  clone(): StencilMatrix3D {
    const storage = this.executor?.allocate(this.coefficients.length);
    const copy = new StencilMatrix3D(this.nx, this.ny, this.nz, this.periodicX, this.periodicY, storage);
    copy.coefficients.set(this.coefficients);
    copy.executor = this.executor;
    return copy;
  }

  /** Plain data of this matrix, to rebuild it on another thread. */
  shape() {
    const { nx, ny, nz, periodicX, periodicY, coefficients } = this;
    return { nx, ny, nz, periodicX, periodicY, coefficients };
  }

  /**
   * The plane ranges of the threads when the work is split: at least three planes each (the
   * separated sweep below needs a plane between two slabs), only for big grids in shared memory.
   */
  private slabs(...vectors: Float64Array[]): [number, number][] | null {
    const threads = this.executor?.threads ?? 1;
    const minimum = this.executor?.minUnknowns ?? PARALLEL_MIN_UNKNOWNS;
    if (threads < 2 || this.size < minimum || this.nz < 3 * threads) return null;
    if (!allShared(this.coefficients, ...vectors)) return null;
    return splitPlanes(0, this.nz, threads);
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
   * Stencil entry c of row (i, j, k), from this row (c >= 13) or the neighbour's (c < 13); 0 for a
   * neighbour outside the grid.
   */
  entry(i: number, j: number, k: number, c: number): number {
    const n = (k * this.ny + j) * this.nx + i;
    if (c >= 13) return this.coefficients[14 * n + c - 13];
    const m = this.neighbour(i, j, k, c);
    return m < 0 ? 0 : this.coefficients[14 * m + 13 - c];
  }

  /** Index of the neighbour at stencil entry c of node (i, j, k), -1 outside the grid. */
  neighbour(i: number, j: number, k: number, c: number): number {
    const kk = k + Math.floor(c / 9) - 1;
    const jj = this.neighbourY[j * 3 + (Math.floor(c / 3) % 3)];
    const ii = this.neighbourX[i * 3 + (c % 3)];
    if (kk < 0 || kk >= this.nz || jj < 0 || ii < 0) return -1;
    return (kk * this.ny + jj) * this.nx + ii;
  }

  /**
   * Off-diagonal part of row (i, j, k) times x, with every neighbour looked up through the wrap
   * tables: valid for any row, used as the reference of the line kernels.
   */
  rowOffDiagonal(x: Float64Array, i: number, j: number, k: number): number {
    let sum = 0;
    for (let c = 0; c < 27; c++) {
      if (c === 13) continue;
      const m = this.neighbour(i, j, k, c);
      if (m >= 0) sum += this.entry(i, j, k, c) * x[m];
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
    this.complete = complete;
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
    if (this.complete && left >= 0 && right >= 0) return wrappedRowOffDiagonal(a, x, lines, i, left, right);
    const own = 14 * (lines[4] + i) - 13;
    let sum = 0;
    for (let m = 0; m < 9; m++) {
      const line = lines[m];
      if (line < 0) continue;
      for (let d = 0; d < 3; d++) {
        const column = d === 0 ? left : d === 1 ? i : right;
        const c = 3 * m + d;
        if (column < 0 || c === 13) continue;
        const coefficient = c > 13 ? a[own + c] : a[14 * (line + column) + 13 - c];
        sum += coefficient * x[line + column];
      }
    }
    return sum;
  }

  /** y = A x. Bytes per row: 14 coefficients + x + y = 16 x 8. */
  multiply(x: Float64Array, y: Float64Array): void {
    const slabs = this.slabs(x, y);
    if (!slabs || !this.executor) {
      this.multiplyPlanes(x, y, 0, this.nz);
      return;
    }
    const matrix = this.shape();
    this.executor.run(slabs.map(([k0, k1]): SlabTask => ({ op: "multiply", matrix, x, y, k0, k1 })));
  }

  /** The rows of planes k0 ... k1 - 1 of y = A x (a slab: independent of the other rows). */
  multiplyPlanes(x: Float64Array, y: Float64Array, k0: number, k1: number): void {
    const { nx, ny, coefficients: a, lines } = this;
    for (let k = k0; k < k1; k++) {
      for (let j = 0; j < ny; j++) {
        const line = (k * ny + j) * nx;
        const complete = this.findLines(j, k);
        // A complete line leaves only its two end columns to the edge path.
        const step = complete ? nx - 1 : 1;
        for (let i = 0; i < nx; i += step) {
          const n = line + i;
          y[n] = a[14 * n] * x[n] + this.edgeOffDiagonal(x, i);
        }
        if (complete) interiorProducts(a, x, y, lines, nx);
      }
    }
  }

  /**
   * One Gauss-Seidel sweep, forward or backward (a forward-backward pair is symmetric). Bytes per
   * row: 14 coefficients + b + x read and written = 17 x 8.
   */
  gaussSeidel(x: Float64Array, b: Float64Array, backward: boolean): void {
    const slabs = this.slabs(x, b);
    if (!slabs || !this.executor) {
      this.gaussSeidelPlanes(x, b, 0, this.nz, backward);
      return;
    }
    // Split over threads, the sweep takes another node order: the slabs (each but the first
    // without its first plane) side by side, then those first planes, the separators. Rows of two
    // slabs never couple, so the slabs can be swept at once; the backward sweep visits the exact
    // reverse order (separators first), so a forward-backward pair stays symmetric and the V-cycle a
    // valid CG preconditioner. Same work per sweep; the answers change within the solver tolerance.
    const matrix = this.shape();
    const separators = slabs.slice(1).map(([k0]) => k0);
    const tasks = slabs.map(
      ([k0, k1], t): SlabTask => ({
        op: "gaussSeidel",
        matrix,
        x,
        b,
        k0: t === 0 ? k0 : k0 + 1,
        k1,
        backward,
      }),
    );
    if (backward) for (const k of separators.reverse()) this.gaussSeidelPlanes(x, b, k, k + 1, true);
    this.executor.run(tasks);
    if (!backward) for (const k of separators) this.gaussSeidelPlanes(x, b, k, k + 1, false);
  }

  /** The sweep over planes k0 ... k1 - 1 only (in the given direction). */
  gaussSeidelPlanes(x: Float64Array, b: Float64Array, k0: number, k1: number, backward: boolean): void {
    const { nx, ny, coefficients: a, lines } = this;
    for (let ks = k0; ks < k1; ks++) {
      const k = backward ? k1 - 1 - (ks - k0) : ks;
      for (let js = 0; js < ny; js++) {
        const j = backward ? ny - 1 - js : js;
        const line = (k * ny + j) * nx;
        if (!this.findLines(j, k)) {
          for (let is = 0; is < nx; is++) {
            const n = line + (backward ? nx - 1 - is : is);
            x[n] = (b[n] - this.edgeOffDiagonal(x, n - line)) / a[14 * n];
          }
          continue;
        }
        const first = backward ? line + nx - 1 : line;
        const last = backward ? line : line + nx - 1;
        x[first] = (b[first] - this.edgeOffDiagonal(x, first - line)) / a[14 * first];
        interiorSweep(a, x, b, lines, nx, backward);
        x[last] = (b[last] - this.edgeOffDiagonal(x, last - line)) / a[14 * last];
      }
    }
  }
}

// The line kernels below write out the 26-term sum over the neighbour lines l0..l8 in each loop: V8
// does not inline a shared helper of this size, which halves the speed. Upper entries come from
// the row itself (h = 14 n), lower ones from the neighbour rows on lines l0..l3 and column i - 1 of
// l4 (p_m + q = 14 (l_m + i), entry 13 - c). Columns i +- 1 never wrap because the end columns take
// the generic path.

/** y = A x on the interior columns of the line starting at lines[4]. */
function interiorProducts(
  a: Float64Array,
  x: Float64Array,
  y: Float64Array,
  lines: Int32Array,
  nx: number,
): void {
  const l0 = lines[0];
  const l1 = lines[1];
  const l2 = lines[2];
  const l3 = lines[3];
  const l4 = lines[4];
  const l5 = lines[5];
  const l6 = lines[6];
  const l7 = lines[7];
  const l8 = lines[8];
  // Coefficient rows of the lower neighbour lines, relative to column i (q = 14 i).
  const p0 = 14 * l0;
  const p1 = 14 * l1;
  const p2 = 14 * l2;
  const p3 = 14 * l3;
  for (let i = 1; i < nx - 1; i++) {
    const n = l4 + i;
    const h = 14 * n;
    const q = 14 * i;
    const sum =
      a[h + 1] * x[n + 1] +
      a[h + 2] * x[l5 + i - 1] +
      a[h + 3] * x[l5 + i] +
      a[h + 4] * x[l5 + i + 1] +
      a[h + 5] * x[l6 + i - 1] +
      a[h + 6] * x[l6 + i] +
      a[h + 7] * x[l6 + i + 1] +
      a[h + 8] * x[l7 + i - 1] +
      a[h + 9] * x[l7 + i] +
      a[h + 10] * x[l7 + i + 1] +
      a[h + 11] * x[l8 + i - 1] +
      a[h + 12] * x[l8 + i] +
      a[h + 13] * x[l8 + i + 1] +
      a[p0 + q - 1] * x[l0 + i - 1] +
      a[p0 + q + 12] * x[l0 + i] +
      a[p0 + q + 25] * x[l0 + i + 1] +
      a[p1 + q - 4] * x[l1 + i - 1] +
      a[p1 + q + 9] * x[l1 + i] +
      a[p1 + q + 22] * x[l1 + i + 1] +
      a[p2 + q - 7] * x[l2 + i - 1] +
      a[p2 + q + 6] * x[l2 + i] +
      a[p2 + q + 19] * x[l2 + i + 1] +
      a[p3 + q - 10] * x[l3 + i - 1] +
      a[p3 + q + 3] * x[l3 + i] +
      a[p3 + q + 16] * x[l3 + i + 1] +
      a[h - 13] * x[n - 1];
    y[n] = a[h] * x[n] + sum;
  }
}

/**
 * Gauss-Seidel on the interior columns of the line starting at lines[4]: i = 1 ... nx - 2, or
 * nx - 2 ... 1 when `backward` (the direction is fixed before the loop, so the loop has no branch).
 */
function interiorSweep(
  a: Float64Array,
  x: Float64Array,
  b: Float64Array,
  lines: Int32Array,
  nx: number,
  backward: boolean,
): void {
  const l0 = lines[0];
  const l1 = lines[1];
  const l2 = lines[2];
  const l3 = lines[3];
  const l4 = lines[4];
  const l5 = lines[5];
  const l6 = lines[6];
  const l7 = lines[7];
  const l8 = lines[8];
  // Coefficient rows of the lower neighbour lines, relative to column i (q = 14 i).
  const p0 = 14 * l0;
  const p1 = 14 * l1;
  const p2 = 14 * l2;
  const p3 = 14 * l3;
  const step = backward ? -1 : 1;
  for (let k = 0, i = backward ? nx - 2 : 1; k < nx - 2; k++, i += step) {
    const n = l4 + i;
    const h = 14 * n;
    const q = 14 * i;
    const sum =
      a[h + 1] * x[n + 1] +
      a[h + 2] * x[l5 + i - 1] +
      a[h + 3] * x[l5 + i] +
      a[h + 4] * x[l5 + i + 1] +
      a[h + 5] * x[l6 + i - 1] +
      a[h + 6] * x[l6 + i] +
      a[h + 7] * x[l6 + i + 1] +
      a[h + 8] * x[l7 + i - 1] +
      a[h + 9] * x[l7 + i] +
      a[h + 10] * x[l7 + i + 1] +
      a[h + 11] * x[l8 + i - 1] +
      a[h + 12] * x[l8 + i] +
      a[h + 13] * x[l8 + i + 1] +
      a[p0 + q - 1] * x[l0 + i - 1] +
      a[p0 + q + 12] * x[l0 + i] +
      a[p0 + q + 25] * x[l0 + i + 1] +
      a[p1 + q - 4] * x[l1 + i - 1] +
      a[p1 + q + 9] * x[l1 + i] +
      a[p1 + q + 22] * x[l1 + i + 1] +
      a[p2 + q - 7] * x[l2 + i - 1] +
      a[p2 + q + 6] * x[l2 + i] +
      a[p2 + q + 19] * x[l2 + i + 1] +
      a[p3 + q - 10] * x[l3 + i - 1] +
      a[p3 + q + 3] * x[l3 + i] +
      a[p3 + q + 16] * x[l3 + i + 1] +
      a[h - 13] * x[n - 1];
    x[n] = (b[n] - sum) / a[h];
  }
}

/**
 * Off-diagonal part of row (i, l4) of a complete line whose left and right neighbours exist (the end
 * columns of a periodic line, which wrap): the interior kernel's sum with explicit columns.
 */
function wrappedRowOffDiagonal(
  a: Float64Array,
  x: Float64Array,
  lines: Int32Array,
  i: number,
  left: number,
  right: number,
): number {
  const l0 = lines[0];
  const l1 = lines[1];
  const l2 = lines[2];
  const l3 = lines[3];
  const l4 = lines[4];
  const l5 = lines[5];
  const l6 = lines[6];
  const l7 = lines[7];
  const l8 = lines[8];
  const h = 14 * (l4 + i);
  return (
    a[h + 1] * x[l4 + right] +
    a[h + 2] * x[l5 + left] +
    a[h + 3] * x[l5 + i] +
    a[h + 4] * x[l5 + right] +
    a[h + 5] * x[l6 + left] +
    a[h + 6] * x[l6 + i] +
    a[h + 7] * x[l6 + right] +
    a[h + 8] * x[l7 + left] +
    a[h + 9] * x[l7 + i] +
    a[h + 10] * x[l7 + right] +
    a[h + 11] * x[l8 + left] +
    a[h + 12] * x[l8 + i] +
    a[h + 13] * x[l8 + right] +
    a[14 * (l0 + left) + 13] * x[l0 + left] +
    a[14 * (l0 + i) + 12] * x[l0 + i] +
    a[14 * (l0 + right) + 11] * x[l0 + right] +
    a[14 * (l1 + left) + 10] * x[l1 + left] +
    a[14 * (l1 + i) + 9] * x[l1 + i] +
    a[14 * (l1 + right) + 8] * x[l1 + right] +
    a[14 * (l2 + left) + 7] * x[l2 + left] +
    a[14 * (l2 + i) + 6] * x[l2 + i] +
    a[14 * (l2 + right) + 5] * x[l2 + right] +
    a[14 * (l3 + left) + 4] * x[l3 + left] +
    a[14 * (l3 + i) + 3] * x[l3 + i] +
    a[14 * (l3 + right) + 2] * x[l3 + right] +
    a[14 * (l4 + left) + 1] * x[l4 + left]
  );
}
