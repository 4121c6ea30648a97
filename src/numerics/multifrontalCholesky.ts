import { NumericalError } from "../errors.js";

/**
 * One supernode of a multifrontal factorisation: the unknowns eliminated together (`pivots`) and
 * the not yet eliminated unknowns they couple to (`boundary`), all eliminated by ancestors.
 */
export interface FrontalNode {
  pivots: Int32Array;
  boundary: Int32Array;
  /** Indices of the child supernodes, which come before this one. */
  children: number[];
}

/** Supernodes in postorder (children before parents); together their pivots are every unknown once. */
export interface EliminationTree {
  size: number;
  nodes: FrontalNode[];
}

/** Column access to a symmetric matrix: both triangles of column j (= row j) are listed. */
export interface SymmetricColumns {
  /** Writes the row indices and values of column j's nonzeros into rows/values; returns how many. */
  column(j: number, rows: Int32Array, values: Float64Array): number;
}

/**
 * Multifrontal Cholesky A = L L^T (Duff & Reid 1983; Liu, SIAM Review 34 (1992) 82) over a
 * supernodal elimination tree such as a nested dissection: each supernode assembles its columns
 * of A and its children's update matrices into a dense front, factors its pivots with dense row
 * dot products and passes the Schur complement on its boundary to its parent. With nested
 * dissection of a 3D grid of n nodes the work grows like n^2 and the memory like n^(4/3), against
 * n^(7/3) and n^(5/3) for a band. The symbolic part (fronts, storage) is set up once per tree;
 * `factor` may be called again for new values with the same pattern.
 */
export class MultifrontalCholesky {
  /** Per supernode: pivots then boundary (global indices). */
  private readonly fronts: Int32Array[];
  /** Per supernode: offset of its f x s block of L (row-major, rows in front order) in `storage`. */
  private readonly offsets: Int32Array;
  private readonly storage: Float64Array;
  private readonly front: Float64Array;
  private readonly stack: Float64Array;
  private readonly position: Int32Array;
  /** Scratch for the extend-add: a child's boundary unknowns' rows in the parent's front. */
  private readonly relative: Int32Array;
  /** Scratch for the solve: the front's values of x. */
  private readonly local: Float64Array;
  /** Entries of L and dense floating-point operations of one factorisation. */
  readonly nonzeros: number;
  readonly flops: number;

  constructor(
    private readonly tree: EliminationTree,
    private readonly maxColumnEntries: number,
  ) {
    this.fronts = [];
    this.offsets = new Int32Array(tree.nodes.length + 1);
    let largestFront = 0;
    let stackTop = 0;
    let stackPeak = 0;
    const updateSizes: number[] = [];
    let nonzeros = 0;
    let flops = 0;
    tree.nodes.forEach((node, t) => {
      const s = node.pivots.length;
      const f = s + node.boundary.length;
      const indices = new Int32Array(f);
      indices.set(node.pivots);
      indices.set(node.boundary, s);
      this.fronts.push(indices);
      this.offsets[t + 1] = this.offsets[t] + f * s;
      largestFront = Math.max(largestFront, f);
      for (let child = 0; child < node.children.length; child++) stackTop -= updateSizes.pop() ?? 0;
      const u = (f - s) * (f - s);
      updateSizes.push(u);
      stackTop += u;
      stackPeak = Math.max(stackPeak, stackTop);
      nonzeros += f * s - (s * (s - 1)) / 2;
      flops += (s * s * s) / 3 + (f - s) * s * s + (f - s) * (f - s) * s;
    });
    this.storage = new Float64Array(this.offsets[tree.nodes.length]);
    this.front = new Float64Array(largestFront * largestFront);
    this.stack = new Float64Array(stackPeak);
    this.position = new Int32Array(tree.size).fill(-1);
    this.local = new Float64Array(largestFront);
    this.relative = new Int32Array(largestFront);
    this.nonzeros = nonzeros;
    this.flops = flops;
  }

  /** Factors the matrix (its pattern within the tree's fronts); returns this. */
  factor(matrix: SymmetricColumns): this {
    const { tree, fronts, offsets, storage, front, stack, position, relative } = this;
    const rows = new Int32Array(this.maxColumnEntries);
    const values = new Float64Array(this.maxColumnEntries);
    let stackTop = 0;
    const updateStarts: number[] = [];
    tree.nodes.forEach((node, t) => {
      const indices = fronts[t];
      const s = node.pivots.length;
      const f = indices.length;
      for (let r = 0; r < f; r++) position[indices[r]] = r;
      // Only the lower triangle is used. Copies below are plain loops: a subarray per row allocates.
      for (let r = 0; r < f; r++) {
        for (let k = r * f; k <= r * f + r; k++) front[k] = 0;
      }
      for (let c = 0; c < s; c++) {
        const count = matrix.column(indices[c], rows, values);
        for (let e = 0; e < count; e++) {
          const r = position[rows[e]];
          // Rows eliminated below (position -1) were taken by a descendant; the upper triangle is skipped.
          if (r >= c) front[r * f + c] += values[e];
        }
      }
      // Extend-add the children's updates: the last ones on the stack.
      for (let child = 0; child < node.children.length; child++) {
        const start = updateStarts.pop();
        if (start === undefined) throw new Error("MultifrontalCholesky: the tree is not in postorder");
        const childIndices = tree.nodes[node.children[node.children.length - 1 - child]].boundary;
        const u = childIndices.length;
        for (let a = 0; a < u; a++) relative[a] = position[childIndices[a]];
        for (let a = 0; a < u; a++) {
          const pa = relative[a];
          const row = start + a * u;
          for (let b = 0; b <= a; b++) {
            const pb = relative[b];
            if (pa >= pb) front[pa * f + pb] += stack[row + b];
            else front[pb * f + pa] += stack[row + b];
          }
        }
        stackTop = start;
      }
      factorFront(front, f, s);
      const offset = offsets[t];
      for (let r = 0; r < f; r++) {
        const from = r * f;
        const to = offset + r * s;
        const width = r < s ? r + 1 : s;
        let k = 0;
        for (; k < width; k++) storage[to + k] = front[from + k];
        for (; k < s; k++) storage[to + k] = 0;
      }
      // Every supernode but the root passes an update (possibly empty) to its parent.
      if (t < tree.nodes.length - 1) {
        const u = f - s;
        updateStarts.push(stackTop);
        for (let a = 0; a < u; a++) {
          const from = (s + a) * f + s;
          const to = stackTop + a * u;
          for (let b = 0; b <= a; b++) stack[to + b] = front[from + b];
        }
        stackTop += u * u;
      }
      for (let r = 0; r < f; r++) position[indices[r]] = -1;
    });
    if (updateStarts.length > 0) throw new Error("MultifrontalCholesky: the tree has more than one root");
    return this;
  }

  /** Solves A x = rhs into x (x may be rhs). */
  solve(rhs: Float64Array, x: Float64Array): void {
    if (x !== rhs) x.set(rhs);
    const { fronts, offsets, storage, local } = this;
    const nodes = this.tree.nodes;
    for (let t = 0; t < nodes.length; t++) {
      const indices = fronts[t];
      const s = nodes[t].pivots.length;
      for (let i = 0; i < s; i++) local[i] = x[indices[i]];
      forwardFront(storage, offsets[t], s, indices.length, indices, local, x);
    }
    for (let t = nodes.length - 1; t >= 0; t--) {
      const indices = fronts[t];
      const s = nodes[t].pivots.length;
      for (let i = 0; i < s; i++) local[i] = x[indices[i]];
      backwardFront(storage, offsets[t], s, indices.length, indices, local, x);
    }
  }
}

/*
 * The triangular solves stream the factor once each and are most of a preconditioned CG
 * iteration: the loops below work on several rows of L per pass over `local`, so each value of
 * `local` loaded (or stored) serves several entries of L and independent sums overlap.
 */

/**
 * Forward solve with one front's block of L (f x s, row-major at `o`): L11 y = local (in place),
 * then x_boundary -= L21 y; the pivots' y is written back to x.
 */
function forwardFront(
  l: Float64Array,
  o: number,
  s: number,
  f: number,
  indices: Int32Array,
  local: Float64Array,
  x: Float64Array,
): void {
  // Rows of L11 in pairs: both dot products share the loads of y.
  let i = 0;
  for (; i + 1 < s; i += 2) {
    const r0 = o + i * s;
    const r1 = r0 + s;
    let s0 = 0;
    let s1 = 0;
    for (let k = 0; k < i; k++) {
      const y = local[k];
      s0 += l[r0 + k] * y;
      s1 += l[r1 + k] * y;
    }
    const y0 = (local[i] - s0) / l[r0 + i];
    local[i] = y0;
    local[i + 1] = (local[i + 1] - s1 - l[r1 + i] * y0) / l[r1 + i + 1];
  }
  if (i < s) {
    const r0 = o + i * s;
    let s0 = 0;
    for (let k = 0; k < i; k++) s0 += l[r0 + k] * local[k];
    local[i] = (local[i] - s0) / l[r0 + i];
  }
  for (let p = 0; p < s; p++) x[indices[p]] = local[p];
  let r = s;
  for (; r + 7 < f; r += 8) {
    const r0 = o + r * s;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let k = 0; k < s; k++) {
      const y = local[k];
      s0 += l[r0 + k] * y;
      s1 += l[r0 + s + k] * y;
      s2 += l[r0 + 2 * s + k] * y;
      s3 += l[r0 + 3 * s + k] * y;
      s4 += l[r0 + 4 * s + k] * y;
      s5 += l[r0 + 5 * s + k] * y;
      s6 += l[r0 + 6 * s + k] * y;
      s7 += l[r0 + 7 * s + k] * y;
    }
    x[indices[r]] -= s0;
    x[indices[r + 1]] -= s1;
    x[indices[r + 2]] -= s2;
    x[indices[r + 3]] -= s3;
    x[indices[r + 4]] -= s4;
    x[indices[r + 5]] -= s5;
    x[indices[r + 6]] -= s6;
    x[indices[r + 7]] -= s7;
  }
  for (; r < f; r++) {
    const row = o + r * s;
    let sum = 0;
    for (let k = 0; k < s; k++) sum += l[row + k] * local[k];
    x[indices[r]] -= sum;
  }
}

/**
 * Backward solve with one front's block of L: local (the pivots' y) -= L21^T x_boundary, then
 * L11^T x_pivots = local; the pivots' x is written back to x.
 */
function backwardFront(
  l: Float64Array,
  o: number,
  s: number,
  f: number,
  indices: Int32Array,
  local: Float64Array,
  x: Float64Array,
): void {
  let r = s;
  for (; r + 7 < f; r += 8) {
    const r0 = o + r * s;
    const x0 = x[indices[r]];
    const x1 = x[indices[r + 1]];
    const x2 = x[indices[r + 2]];
    const x3 = x[indices[r + 3]];
    const x4 = x[indices[r + 4]];
    const x5 = x[indices[r + 5]];
    const x6 = x[indices[r + 6]];
    const x7 = x[indices[r + 7]];
    for (let k = 0; k < s; k++) {
      local[k] -=
        l[r0 + k] * x0 +
        l[r0 + s + k] * x1 +
        l[r0 + 2 * s + k] * x2 +
        l[r0 + 3 * s + k] * x3 +
        (l[r0 + 4 * s + k] * x4 + l[r0 + 5 * s + k] * x5 + l[r0 + 6 * s + k] * x6 + l[r0 + 7 * s + k] * x7);
    }
  }
  for (; r < f; r++) {
    const xr = x[indices[r]];
    const row = o + r * s;
    for (let k = 0; k < s; k++) local[k] -= l[row + k] * xr;
  }
  // L11^T by rows of L from the last, in pairs: one pass over local[0..i-1) per two rows.
  let i = s - 1;
  for (; i >= 1; i -= 2) {
    const r1 = o + i * s;
    const r0 = r1 - s;
    const x1 = local[i] / l[r1 + i];
    const x0 = (local[i - 1] - l[r1 + i - 1] * x1) / l[r0 + i - 1];
    local[i] = x1;
    local[i - 1] = x0;
    for (let k = 0; k < i - 1; k++) local[k] -= l[r0 + k] * x0 + l[r1 + k] * x1;
  }
  if (i === 0) local[0] /= l[o];
  for (let p = 0; p < s; p++) x[indices[p]] = local[p];
}

/**
 * Partial Cholesky of a dense symmetric front (lower triangle, row-major, f x f): the first s
 * columns become L (L11 and L21), the trailing block becomes the Schur complement
 * A22 - L21 L21^T. Inner loops are dot products of contiguous rows, four rows by two columns at a
 * time (eight independent sums share six loads); rows beyond the front are clamped to its last row
 * (computed twice, stored once or with the same value).
 */
function factorFront(a: Float64Array, f: number, s: number): void {
  // L11 by blocks of four rows: the columns left of the block, then the block's own triangle.
  for (let i = 0; i < s; i += 4) {
    const last = Math.min(i + 3, s - 1);
    eliminateRows(a, f, i, last, i);
    for (let r = i; r <= last; r++) {
      const row = r * f;
      for (let j = i; j <= r; j++) {
        const rowJ = j * f;
        let sum = a[row + j];
        for (let k = 0; k < j; k++) sum -= a[row + k] * a[rowJ + k];
        if (j < r) {
          a[row + j] = sum / a[rowJ + j];
        } else if (sum > 0) {
          a[row + r] = Math.sqrt(sum);
        } else {
          throw new NumericalError(`MultifrontalCholesky: matrix is not positive definite (pivot ${r})`, sum);
        }
      }
    }
  }
  // L21 = A21 L11^-T.
  for (let r = s; r < f; r += 4) eliminateRows(a, f, r, Math.min(r + 3, f - 1), s);
  // Schur complement A22 -= L21 L21^T, lower triangle.
  for (let r = s; r < f; r += 4) {
    const last = Math.min(r + 3, f - 1);
    const r0 = r * f;
    const r1 = Math.min(r + 1, last) * f;
    const r2 = Math.min(r + 2, last) * f;
    const r3 = last * f;
    for (let c = s; c <= last; c += 2) {
      const c0 = c * f;
      const c1 = Math.min(c + 1, last) * f;
      const d = blockDots(a, r0, r1, r2, r3, c0, c1, s);
      // Only entries on or below the diagonal and inside the front.
      if (c <= r) a[r0 + c] -= d[0];
      if (c + 1 <= r) a[r0 + c + 1] -= d[1];
      if (r + 1 <= last) {
        if (c <= r + 1) a[r1 + c] -= d[2];
        if (c + 1 <= r + 1) a[r1 + c + 1] -= d[3];
      }
      if (r + 2 <= last) {
        if (c <= r + 2) a[r2 + c] -= d[4];
        if (c + 1 <= r + 2) a[r2 + c + 1] -= d[5];
      }
      if (r + 3 <= last) {
        if (c <= r + 3) a[r3 + c] -= d[6];
        if (c + 1 <= r + 3) a[r3 + c + 1] -= d[7];
      }
    }
  }
}

/** Scratch of `blockDots`: its eight sums. */
const blockSums = new Float64Array(8);

/**
 * Dot products of four rows with two rows, each loaded once per k: the blocked kernel of the
 * Schur complement and of the row elimination. Returns a shared scratch array, read before the
 * next call: [x0.y0, x0.y1, x1.y0, x1.y1, x2.y0, x2.y1, x3.y0, x3.y1].
 */
function blockDots(
  a: Float64Array,
  x0: number,
  x1: number,
  x2: number,
  x3: number,
  y0: number,
  y1: number,
  length: number,
): Float64Array {
  let s00 = 0;
  let s01 = 0;
  let s10 = 0;
  let s11 = 0;
  let s20 = 0;
  let s21 = 0;
  let s30 = 0;
  let s31 = 0;
  for (let k = 0; k < length; k++) {
    const u0 = a[y0 + k];
    const u1 = a[y1 + k];
    const v0 = a[x0 + k];
    const v1 = a[x1 + k];
    const v2 = a[x2 + k];
    const v3 = a[x3 + k];
    s00 += v0 * u0;
    s01 += v0 * u1;
    s10 += v1 * u0;
    s11 += v1 * u1;
    s20 += v2 * u0;
    s21 += v2 * u1;
    s30 += v3 * u0;
    s31 += v3 * u1;
  }
  blockSums[0] = s00;
  blockSums[1] = s01;
  blockSums[2] = s10;
  blockSums[3] = s11;
  blockSums[4] = s20;
  blockSums[5] = s21;
  blockSums[6] = s30;
  blockSums[7] = s31;
  return blockSums;
}

/**
 * Rows first..last (at most four) of L against columns 0..end-1 of L11, which are done: L_rj =
 * (a_rj - sum_{k<j} L_rk L_jk) / L_jj, two columns at a time.
 */
function eliminateRows(a: Float64Array, f: number, first: number, last: number, end: number): void {
  const r0 = first * f;
  const r1 = Math.min(first + 1, last) * f;
  const r2 = Math.min(first + 2, last) * f;
  const r3 = last * f;
  let j = 0;
  for (; j + 1 < end; j += 2) {
    const j0 = j * f;
    const j1 = j0 + f;
    const dots = blockDots(a, r0, r1, r2, r3, j0, j1, j);
    const d0 = a[j0 + j];
    const d1 = a[j1 + j + 1];
    const lower = a[j1 + j];
    // All eight are computed before any is stored: clamped rows repeat the last one.
    const l00 = (a[r0 + j] - dots[0]) / d0;
    const l10 = (a[r1 + j] - dots[2]) / d0;
    const l20 = (a[r2 + j] - dots[4]) / d0;
    const l30 = (a[r3 + j] - dots[6]) / d0;
    const l01 = (a[r0 + j + 1] - dots[1] - l00 * lower) / d1;
    const l11 = (a[r1 + j + 1] - dots[3] - l10 * lower) / d1;
    const l21 = (a[r2 + j + 1] - dots[5] - l20 * lower) / d1;
    const l31 = (a[r3 + j + 1] - dots[7] - l30 * lower) / d1;
    a[r0 + j] = l00;
    a[r0 + j + 1] = l01;
    a[r1 + j] = l10;
    a[r1 + j + 1] = l11;
    a[r2 + j] = l20;
    a[r2 + j + 1] = l21;
    a[r3 + j] = l30;
    a[r3 + j + 1] = l31;
  }
  if (j < end) {
    const j0 = j * f;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < j; k++) {
      const y = a[j0 + k];
      s0 += a[r0 + k] * y;
      s1 += a[r1 + k] * y;
      s2 += a[r2 + k] * y;
      s3 += a[r3 + k] * y;
    }
    const d = a[j0 + j];
    const l0 = (a[r0 + j] - s0) / d;
    const l1 = (a[r1 + j] - s1) / d;
    const l2 = (a[r2 + j] - s2) / d;
    const l3 = (a[r3 + j] - s3) / d;
    a[r0 + j] = l0;
    a[r1 + j] = l1;
    a[r2 + j] = l2;
    a[r3 + j] = l3;
  }
}
