import type { GridExecutor } from "../parallel/gridExecutor.js";
import { allShared, PARALLEL_MIN_UNKNOWNS, splitPlanes } from "../parallel/slabs.js";
import type { SlabTask } from "../parallel/slabTasks.js";
import { interiorBackwardLeaving, interiorBackwardUsing } from "./backwardPairKernels3d.js";
import {
  interiorBackwardSweep,
  interiorForwardSweep,
  interiorScatterProducts,
  wrappedRowOffDiagonal,
} from "./stencilKernels3d.js";
import type { StencilArena } from "./wasm/stencilArena.js";

/**
 * Working planes of the product and the forward sweep, shared by the matrices of this thread (no
 * kernel runs inside another): a worker thread rebuilds its matrix for every task, and fresh memory
 * costs page faults.
 */
let scratchPlanes = new Float64Array(0);
function scratch(length: number): Float64Array {
  if (scratchPlanes.length < length) scratchPlanes = new Float64Array(length);
  return scratchPlanes;
}

/** Lower sums of backwardSweeps (all rows and a discarded plane), shared the same way. */
let lowerSumPlanes = new Float64Array(0);

/**
 * A symmetric sparse matrix on a structured nx x ny x nz node grid coupling each node to its
 * 3 x 3 x 3 neighbourhood (trilinear finite elements and their Galerkin coarse operators). Node
 * (i, j, k) has index (k ny + j) nx + i; x and y may be periodic, z never is. Stencil entry
 * c = (dk + 1) 9 + (dj + 1) 3 + (di + 1) of a row multiplies the neighbour (i + di, j + dj, k + dk).
 *
 * Only half of the stencil is stored, 14 coefficients per row: [0] the diagonal (c = 13) and
 * [c - 13] the upper entries c = 14 ... 26 (neighbours later in the node order, up to the periodic
 * wrap). A lower entry c < 13 is the upper entry 26 - c of the neighbour's row (A = A^T), read at
 * [14 m + 13 - c]. This halves the memory (and its first touch) and the coefficient stream.
 *
 * The products and sweeps walk grid lines (fixed j, k) whose nine neighbour lines are found once
 * per line (periodic wrap in y included), and run an unrolled kernel over the line's interior
 * columns (stencilKernels3d.ts); only the end columns and the lines of missing neighbour planes take
 * the generic per-row paths. The product and the forward sweep read each row's own coefficients
 * only and apply every upper entry to both of its rows (the neighbour's share is added to its sum
 * ahead), which halves the loads per row; the backward sweep updates a row after its upper
 * neighbours, so it reads its lower entries from the neighbour rows, whose coefficients were
 * streamed one plane earlier (from cache, not memory).
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
   * Bytes that must move between memory and the processor per row of multiply and gaussSeidel (see
   * their comments), for bandwidth figures: each coefficient and vector entry once.
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
  /** The lower sums of backwardSweeps split over threads (shared memory), made on first use. */
  private sharedLowerSums: Float64Array | null = null;
  /**
   * The executor's WebAssembly memory, if any: backward sweeps on coefficients and vectors that all
   * live there run their lines in WebAssembly (wasm/sweep3d.as.ts), equal to the JavaScript line
   * kernels to round-off and about twice as fast (docs/interface-3d.md).
   */
  get arena(): StencilArena | null {
    return this.executor?.arena ?? null;
  }

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

  /**
   * The rows of planes k0 ... k1 - 1 of y = A x (a slab: writes no other row). Each row adds its
   * diagonal and upper entries times x to itself and its upper entries times its own x to the
   * neighbours (planes k and k + 1), so a plane of y is zeroed before the first share reaches it;
   * the first plane gathers the shares of the plane below, which belongs to another slab or none.
   */
  multiplyPlanes(x: Float64Array, y: Float64Array, k0: number, k1: number): void {
    const { nx, ny, coefficients: a, lines } = this;
    const plane = nx * ny;
    y.fill(0, k0 * plane, (k0 + 1) * plane);
    if (k0 > 0) this.addLowerPlane(x, y, k0);
    for (let k = k0; k < k1; k++) {
      const above = k + 1 < k1;
      if (above) y.fill(0, (k + 1) * plane, (k + 2) * plane);
      // The last plane of a slab below another one sends its shares of the plane above to a
      // discarded buffer: that plane's slab gathers them.
      const up = above ? y : scratch(plane);
      const shift = above ? 0 : -(k + 1) * plane;
      for (let j = 0; j < ny; j++) {
        const complete = this.findLines(j, k);
        const step = complete ? nx - 1 : 1;
        for (let i = 0; i < nx; i += step) this.edgeScatter(x, y, i, above);
        if (complete) interiorScatterProducts(a, x, y, lines, nx, up, shift);
      }
    }
  }

  /**
   * Row (i, lines[4]) of the product: its diagonal and upper entries times x added to y at the row,
   * and its upper entries times its x added to y at each neighbour (those in the plane above only
   * when `above`): the path of end columns and incomplete lines, neighbours through the wrap tables.
   */
  private edgeScatter(x: Float64Array, y: Float64Array, i: number, above: boolean): void {
    const { coefficients: a, lines, neighbourX } = this;
    const n = lines[4] + i;
    const own = 14 * n - 13;
    const xn = x[n];
    let sum = a[14 * n] * xn;
    for (let m = 4; m < 9; m++) {
      const line = lines[m];
      if (line < 0) continue;
      // Lines 6-8 lie in the plane above.
      const scatter = above || m < 6;
      for (let d = m === 4 ? 2 : 0; d < 3; d++) {
        const column = neighbourX[i * 3 + d];
        if (column < 0) continue;
        const coefficient = a[own + 3 * m + d];
        sum += coefficient * x[line + column];
        if (scatter) y[line + column] += coefficient * xn;
      }
    }
    y[n] += sum;
  }

  /**
   * Adds to the rows of plane k the shares of their neighbours in plane k - 1 (lower entries), at
   * y[n + offset].
   */
  private addLowerPlane(x: Float64Array, y: Float64Array, k: number, offset = 0): void {
    const { nx, ny, coefficients: a, lines, neighbourX } = this;
    for (let j = 0; j < ny; j++) {
      this.findLines(j, k);
      for (let i = 0; i < nx; i++) {
        let sum = 0;
        for (let m = 0; m < 3; m++) {
          const line = lines[m];
          if (line < 0) continue;
          for (let d = 0; d < 3; d++) {
            const column = neighbourX[i * 3 + d];
            if (column >= 0) sum += a[14 * (line + column) + 13 - 3 * m - d] * x[line + column];
          }
        }
        y[lines[4] + i + offset] += sum;
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

  /**
   * `count` backward sweeps in a row, equal to as many gaussSeidel(x, b, true) to round-off: the
   * second to last leaves each row's lower sum for the last, which then reads each row's own
   * coefficients only (backwardPairKernels3d.ts). Split over threads, each of the two sweeps keeps
   * gaussSeidel's order: the separator planes first, then the slabs side by side.
   */
  backwardSweeps(x: Float64Array, b: Float64Array, count: number): void {
    // One WebAssembly sweep costs less than one sweep of the JavaScript pair below.
    const wasm = this.arena?.holds(this.coefficients, x, b) ?? false;
    for (let s = 0; s < (wasm ? count : count - 2); s++) this.gaussSeidel(x, b, true);
    if (wasm) return;
    if (count < 2) {
      if (count === 1) this.gaussSeidel(x, b, true);
      return;
    }
    const slabs = this.slabs(x, b);
    if (!slabs || !this.executor) {
      const lower = this.lowerSums();
      this.backwardLeavingPlanes(x, b, lower, 0, this.nz);
      this.backwardUsingPlanes(x, b, lower, 0, this.nz);
      return;
    }
    const length = this.size + this.nx * this.ny;
    if (this.sharedLowerSums?.length !== length) this.sharedLowerSums = this.executor.allocate(length);
    const matrix = this.shape();
    const lower = this.sharedLowerSums;
    const separators = slabs.slice(1).map(([k0]) => k0);
    separators.reverse();
    for (const pass of ["leaving", "using"] as const) {
      for (const k of separators) this.gaussSeidelPlanes(x, b, k, k + 1, true);
      this.executor.run(
        slabs.map(
          ([k0, k1], t): SlabTask => ({
            op: "backwardPass",
            matrix,
            x,
            b,
            lower,
            k0: t === 0 ? k0 : k0 + 1,
            k1,
            pass,
          }),
        ),
      );
    }
  }

  /** Lower sums of every row plus a discarded plane for shares beyond a slab, kept per thread. */
  private lowerSums(): Float64Array {
    const length = this.size + this.nx * this.ny;
    if (lowerSumPlanes.length < length) lowerSumPlanes = new Float64Array(length);
    return lowerSumPlanes;
  }

  /**
   * A backward sweep over planes k0 ... k1 - 1 that leaves in `lower`, for every row of these planes,
   * its lower part (neighbours before it in the node order, within these planes) times the new x.
   */
  backwardLeavingPlanes(x: Float64Array, b: Float64Array, lower: Float64Array, k0: number, k1: number): void {
    const { nx, ny, coefficients: a, lines } = this;
    const plane = nx * ny;
    const end = k1 * plane;
    for (let k = k1 - 1; k >= k0; k--) {
      // Shares reach a row from itself's plane and the one below, both swept from now on.
      lower.fill(0, k * plane, (k + 1) * plane);
      const shift = k + 1 < k1 ? 0 : this.size - (k + 1) * plane;
      for (let j = ny - 1; j >= 0; j--) {
        // Lines 0 and ny - 1 of a periodic y grid have neighbour lines across the wrap: generic path.
        const interior = this.findLines(j, k) && j > 0 && j < ny - 1;
        if (!interior) {
          for (let i = nx - 1; i >= 0; i--) this.edgeBackwardLeaving(x, b, lower, i, end);
          continue;
        }
        this.edgeBackwardLeaving(x, b, lower, nx - 1, end);
        interiorBackwardLeaving(a, x, b, lower, lines, nx, shift);
        this.edgeBackwardLeaving(x, b, lower, 0, end);
      }
    }
  }

  /**
   * Row (i, lines[4]) of the leaving sweep on the lines of the last findLines: the plain update, then
   * its new x times each entry added to the lower sum of every neighbour after it in the node order
   * (swept before it) and below `end`.
   */
  private edgeBackwardLeaving(
    x: Float64Array,
    b: Float64Array,
    lower: Float64Array,
    i: number,
    end: number,
  ): void {
    const { coefficients: a, lines, neighbourX } = this;
    const n = lines[4] + i;
    const xn = (b[n] - this.edgeOffDiagonal(x, i)) / a[14 * n];
    x[n] = xn;
    for (let l = 0; l < 9; l++) {
      const line = lines[l];
      if (line < 0) continue;
      for (let d = 0; d < 3; d++) {
        const m = line + neighbourX[i * 3 + d];
        const c = 3 * l + d;
        if (m <= n || m >= end || neighbourX[i * 3 + d] < 0) continue;
        lower[m] += (c > 13 ? a[14 * n + c - 13] : a[14 * m + 13 - c]) * xn;
      }
    }
  }

  /**
   * The backward sweep over planes k0 ... k1 - 1 right after backwardLeavingPlanes over the same
   * planes: each row's lower part from `lower`, the plane below k0 gathered first (its rows are not
   * swept here and keep their current values).
   */
  backwardUsingPlanes(x: Float64Array, b: Float64Array, lower: Float64Array, k0: number, k1: number): void {
    const { nx, ny, coefficients: a, lines } = this;
    if (k0 > 0) this.addLowerPlane(x, lower, k0);
    for (let k = k1 - 1; k >= k0; k--) {
      for (let j = ny - 1; j >= 0; j--) {
        const interior = this.findLines(j, k) && j > 0 && j < ny - 1;
        if (!interior) {
          for (let i = nx - 1; i >= 0; i--) this.edgeBackwardUsing(x, b, lower, i);
          continue;
        }
        this.edgeBackwardUsing(x, b, lower, nx - 1);
        interiorBackwardUsing(a, x, b, lower, lines, nx);
        this.edgeBackwardUsing(x, b, lower, 0);
      }
    }
  }

  /** Row (i, lines[4]) of the using sweep: its lower sum plus every neighbour not before it times x. */
  private edgeBackwardUsing(x: Float64Array, b: Float64Array, lower: Float64Array, i: number): void {
    const { coefficients: a, lines, neighbourX } = this;
    const n = lines[4] + i;
    let sum = lower[n];
    for (let l = 0; l < 9; l++) {
      const line = lines[l];
      if (line < 0) continue;
      for (let d = 0; d < 3; d++) {
        const m = line + neighbourX[i * 3 + d];
        const c = 3 * l + d;
        if (m < n || c === 13 || neighbourX[i * 3 + d] < 0) continue;
        sum += (c > 13 ? a[14 * n + c - 13] : a[14 * m + 13 - c]) * x[m];
      }
    }
    x[n] = (b[n] - sum) / a[14 * n];
  }

  /** The sweep over planes k0 ... k1 - 1 only (in the given direction). */
  gaussSeidelPlanes(x: Float64Array, b: Float64Array, k0: number, k1: number, backward: boolean): void {
    if (backward) this.backwardPlanes(x, b, k0, k1);
    else this.forwardPlanes(x, b, k0, k1);
  }

  /** The backward sweep: rows in reverse node order, lower entries read from the neighbour rows. */
  private backwardPlanes(x: Float64Array, b: Float64Array, k0: number, k1: number): void {
    const { nx, ny, coefficients: a, lines, arena } = this;
    const wasm = arena?.holds(a, x, b) ? arena : null;
    for (let k = k1 - 1; k >= k0; k--) {
      for (let j = ny - 1; j >= 0; j--) {
        const line = (k * ny + j) * nx;
        const complete = this.findLines(j, k);
        if (wasm) {
          this.backwardLineWasm(wasm, x, b);
          continue;
        }
        if (!complete) {
          for (let i = nx - 1; i >= 0; i--) {
            const n = line + i;
            x[n] = (b[n] - this.edgeOffDiagonal(x, i)) / a[14 * n];
          }
          continue;
        }
        const last = line + nx - 1;
        x[last] = (b[last] - this.edgeOffDiagonal(x, nx - 1)) / a[14 * last];
        interiorBackwardSweep(a, x, b, lines, nx);
        x[line] = (b[line] - this.edgeOffDiagonal(x, 0)) / a[14 * line];
      }
    }
  }

  /**
   * The backward sweep of the line of the last findLines in WebAssembly (wasm/sweep3d.as.ts), a
   * missing neighbour line read as the arena's zeros; the end columns of a bounded x line stay here.
   */
  private backwardLineWasm(arena: StencilArena, x: Float64Array, b: Float64Array): void {
    const { nx, lines, periodicX } = this;
    const a = this.coefficients.byteOffset;
    const xs = x.byteOffset;
    const zero = arena.zeros;
    const l4 = lines[4];
    const last = l4 + nx - 1;
    if (!periodicX) x[last] = (b[last] - this.edgeOffDiagonal(x, nx - 1)) / this.coefficients[14 * last];
    arena.kernel.backwardLine(
      lines[0] < 0 ? zero : a + 112 * lines[0],
      lines[1] < 0 ? zero : a + 112 * lines[1],
      lines[2] < 0 ? zero : a + 112 * lines[2],
      lines[3] < 0 ? zero : a + 112 * lines[3],
      a + 112 * l4,
      lines[0] < 0 ? zero : xs + 8 * lines[0],
      lines[1] < 0 ? zero : xs + 8 * lines[1],
      lines[2] < 0 ? zero : xs + 8 * lines[2],
      lines[3] < 0 ? zero : xs + 8 * lines[3],
      xs + 8 * l4,
      lines[5] < 0 ? zero : xs + 8 * lines[5],
      lines[6] < 0 ? zero : xs + 8 * lines[6],
      lines[7] < 0 ? zero : xs + 8 * lines[7],
      lines[8] < 0 ? zero : xs + 8 * lines[8],
      b.byteOffset + 8 * l4,
      nx,
      periodicX,
    );
    if (!periodicX) x[l4] = (b[l4] - this.edgeOffDiagonal(x, 0)) / this.coefficients[14 * l4];
  }

  /**
   * The forward sweep with each coefficient read once, from its own row: a row's lower entries are
   * the upper entries of rows swept before it, so each row, once updated, adds its upper entries
   * times its new x to the sums of its later neighbours (`lower`, two planes in turn), and a row
   * takes its lower part from there. Lower neighbours swept later (the wrapped line and column of
   * periodic grids, the plane below the first) are gathered as before. Same sweep as the backward
   * one in reverse, to round-off of the summation order.
   */
  private forwardPlanes(x: Float64Array, b: Float64Array, k0: number, k1: number): void {
    const { nx, ny, coefficients: a, lines } = this;
    const plane = nx * ny;
    // Two planes in turn and a third, discarded, for the shares of a plane above the slab.
    const lower = scratch(3 * plane);
    // Row n of plane k keeps its lower sum at n + offset(k).
    const offset = (k: number) => (k & 1) * plane - k * plane;
    lower.fill(0, (k0 & 1) * plane, ((k0 & 1) + 1) * plane);
    if (k0 > 0) this.addLowerPlane(x, lower, k0, offset(k0));
    for (let k = k0; k < k1; k++) {
      const above = k + 1 < k1;
      if (above) lower.fill(0, ((k + 1) & 1) * plane, (((k + 1) & 1) + 1) * plane);
      const here = offset(k);
      const next = above ? offset(k + 1) : 2 * plane - (k + 1) * plane;
      for (let j = 0; j < ny; j++) {
        // Line 0 of a periodic y grid has a lower neighbour line swept later: generic path.
        const complete = this.findLines(j, k) && !(j === 0 && this.periodicY);
        if (!complete) {
          for (let i = 0; i < nx; i++) this.edgeForward(x, b, lower, j, i, above, here, next);
          continue;
        }
        this.edgeForward(x, b, lower, j, 0, above, here, next);
        interiorForwardSweep(a, x, b, lower, lines, nx, here, next);
        this.edgeForward(x, b, lower, j, nx - 1, above, here, next);
      }
    }
  }

  /**
   * Row (i, j) of the forward sweep on the lines of the last findLines: its lower sum, its upper
   * entries times x and the lower neighbours swept later (periodic wrap) give its new x, which it
   * adds to the lower sums of its upper neighbours (those in the plane above only when `above`).
   */
  private edgeForward(
    x: Float64Array,
    b: Float64Array,
    lower: Float64Array,
    j: number,
    i: number,
    above: boolean,
    here: number,
    next: number,
  ): void {
    const { coefficients: a, lines, neighbourX } = this;
    const n = lines[4] + i;
    const own = 14 * n - 13;
    let sum = lower[n + here];
    for (let m = 4; m < 9; m++) {
      const line = lines[m];
      if (line < 0) continue;
      for (let d = m === 4 ? 2 : 0; d < 3; d++) {
        const column = neighbourX[i * 3 + d];
        if (column >= 0) sum += a[own + 3 * m + d] * x[line + column];
      }
    }
    // Lower neighbours swept later: line ny - 1 for line 0 (entries 9-11), column nx - 1 for
    // column 0 (entry 12), stored in their rows at 13 - c.
    const wrapped = lines[3];
    if (j === 0 && wrapped >= 0) {
      for (let d = 0; d < 3; d++) {
        const column = neighbourX[i * 3 + d];
        if (column >= 0) sum += a[14 * (wrapped + column) + 4 - d] * x[wrapped + column];
      }
    }
    const left = neighbourX[i * 3];
    if (i === 0 && left >= 0) sum += a[14 * (lines[4] + left) + 1] * x[lines[4] + left];
    const xn = (b[n] - sum) / a[14 * n];
    x[n] = xn;
    for (let m = 4; m < (above ? 9 : 6); m++) {
      const line = lines[m];
      if (line < 0) continue;
      const shift = m < 6 ? here : next;
      for (let d = m === 4 ? 2 : 0; d < 3; d++) {
        const column = neighbourX[i * 3 + d];
        if (column >= 0) lower[line + column + shift] += a[own + 3 * m + d] * xn;
      }
    }
  }
}
