/** Line kernels of StencilMatrix3D (see there for the storage): the interior columns of complete lines. */

/**
 * The product's share of the interior columns i = 1 ... nx - 2 of the line starting at lines[4],
 * added to y: each row's diagonal and upper entries times x, and each upper entry applied to its
 * neighbour row too (y[m] += a x[n], A = A^T), so that every stored coefficient is read once. The
 * x of the lines ahead (5-8) is carried from column to column (one load per line and row), and so
 * are the shares of their columns i and i + 1 until column i - 1 has received its last one. The
 * shares of the plane above (lines 6-8) go to `up` at m + shift: y itself, or a discarded buffer
 * when that plane belongs to another slab.
 */
export function interiorScatterProducts(
  a: Float64Array,
  x: Float64Array,
  y: Float64Array,
  lines: Int32Array,
  nx: number,
  up: Float64Array,
  shift: number,
): void {
  const l4 = lines[4];
  const l5 = lines[5];
  const l6 = lines[6];
  const l7 = lines[7];
  const l8 = lines[8];
  const u6 = l6 + shift;
  const u7 = l7 + shift;
  const u8 = l8 + shift;
  // x of columns i - 1 (L) and i (M) of lines 5-8; column i + 1 is read per row.
  let x5L = x[l5];
  let x5M = x[l5 + 1];
  let x6L = x[l6];
  let x6M = x[l6 + 1];
  let x7L = x[l7];
  let x7M = x[l7 + 1];
  let x8L = x[l8];
  let x8M = x[l8 + 1];
  let xn = x[l4 + 1];
  // Shares of rows up to i - 1 for columns i - 1 (L) and i (M) of lines 5-8, not yet in y.
  let y5L = 0;
  let y5M = 0;
  let y6L = 0;
  let y6M = 0;
  let y7L = 0;
  let y7M = 0;
  let y8L = 0;
  let y8M = 0;
  // Row i - 1's share of row i (its entry 1).
  let carry = 0;
  for (let i = 1; i < nx - 1; i++) {
    const n = l4 + i;
    const h = 14 * n;
    const x4R = x[n + 1];
    const x5R = x[l5 + i + 1];
    const x6R = x[l6 + i + 1];
    const x7R = x[l7 + i + 1];
    const x8R = x[l8 + i + 1];
    const a1 = a[h + 1];
    const a2 = a[h + 2];
    const a3 = a[h + 3];
    const a4 = a[h + 4];
    const a5 = a[h + 5];
    const a6 = a[h + 6];
    const a7 = a[h + 7];
    const a8 = a[h + 8];
    const a9 = a[h + 9];
    const a10 = a[h + 10];
    const a11 = a[h + 11];
    const a12 = a[h + 12];
    const a13 = a[h + 13];
    const near = a1 * x4R + a2 * x5L + a3 * x5M + a4 * x5R + a5 * x6L + a6 * x6M + a7 * x6R;
    const far = a8 * x7L + a9 * x7M + a10 * x7R + a11 * x8L + a12 * x8M + a13 * x8R;
    y[n] += a[h] * xn + carry + (near + far);
    carry = a1 * xn;
    y[l5 + i - 1] += y5L + a2 * xn;
    up[u6 + i - 1] += y6L + a5 * xn;
    up[u7 + i - 1] += y7L + a8 * xn;
    up[u8 + i - 1] += y8L + a11 * xn;
    y5L = y5M + a3 * xn;
    y6L = y6M + a6 * xn;
    y7L = y7M + a9 * xn;
    y8L = y8M + a12 * xn;
    y5M = a4 * xn;
    y6M = a7 * xn;
    y7M = a10 * xn;
    y8M = a13 * xn;
    x5L = x5M;
    x5M = x5R;
    x6L = x6M;
    x6M = x6R;
    x7L = x7M;
    x7M = x7R;
    x8L = x8M;
    x8M = x8R;
    xn = x4R;
  }
  // Columns nx - 2 and nx - 1 of lines 5-8 and row nx - 1 of this line take the last shares.
  const e = l4 + nx - 1;
  y[l5 + nx - 2] += y5L;
  up[u6 + nx - 2] += y6L;
  up[u7 + nx - 2] += y7L;
  up[u8 + nx - 2] += y8L;
  y[l5 + nx - 1] += y5M;
  up[u6 + nx - 1] += y6M;
  up[u7 + nx - 1] += y7M;
  up[u8 + nx - 1] += y8M;
  y[e] += carry;
}

/**
 * The forward Gauss-Seidel sweep over the interior columns i = 1 ... nx - 2 of the line starting at
 * lines[4], reading only each row's own coefficients: the row's lower part comes from `lower` (at
 * n + here; the shares of the rows swept before it), its upper part is its upper entries times x,
 * and its new x times its upper entries goes to the lower sums of its neighbours on lines 5-8
 * (lines 6-8 in the plane above, at m + next) and to the next row. Carried from column to column
 * as in interiorScatterProducts.
 */
export function interiorForwardSweep(
  a: Float64Array,
  x: Float64Array,
  b: Float64Array,
  lower: Float64Array,
  lines: Int32Array,
  nx: number,
  here: number,
  next: number,
): void {
  const l4 = lines[4];
  const l5 = lines[5];
  const l6 = lines[6];
  const l7 = lines[7];
  const l8 = lines[8];
  const r4 = l4 + here;
  const r5 = l5 + here;
  const r6 = l6 + next;
  const r7 = l7 + next;
  const r8 = l8 + next;
  let x5L = x[l5];
  let x5M = x[l5 + 1];
  let x6L = x[l6];
  let x6M = x[l6 + 1];
  let x7L = x[l7];
  let x7M = x[l7 + 1];
  let x8L = x[l8];
  let x8M = x[l8 + 1];
  let y5L = 0;
  let y5M = 0;
  let y6L = 0;
  let y6M = 0;
  let y7L = 0;
  let y7M = 0;
  let y8L = 0;
  let y8M = 0;
  let carry = 0;
  for (let i = 1; i < nx - 1; i++) {
    const n = l4 + i;
    const h = 14 * n;
    const x4R = x[n + 1];
    const x5R = x[l5 + i + 1];
    const x6R = x[l6 + i + 1];
    const x7R = x[l7 + i + 1];
    const x8R = x[l8 + i + 1];
    const a1 = a[h + 1];
    const a2 = a[h + 2];
    const a3 = a[h + 3];
    const a4 = a[h + 4];
    const a5 = a[h + 5];
    const a6 = a[h + 6];
    const a7 = a[h + 7];
    const a8 = a[h + 8];
    const a9 = a[h + 9];
    const a10 = a[h + 10];
    const a11 = a[h + 11];
    const a12 = a[h + 12];
    const a13 = a[h + 13];
    const near = a1 * x4R + a2 * x5L + a3 * x5M + a4 * x5R + a5 * x6L + a6 * x6M + a7 * x6R;
    const far = a8 * x7L + a9 * x7M + a10 * x7R + a11 * x8L + a12 * x8M + a13 * x8R;
    const xn = (b[n] - (lower[r4 + i] + carry + (near + far))) / a[h];
    x[n] = xn;
    carry = a1 * xn;
    lower[r5 + i - 1] += y5L + a2 * xn;
    lower[r6 + i - 1] += y6L + a5 * xn;
    lower[r7 + i - 1] += y7L + a8 * xn;
    lower[r8 + i - 1] += y8L + a11 * xn;
    y5L = y5M + a3 * xn;
    y6L = y6M + a6 * xn;
    y7L = y7M + a9 * xn;
    y8L = y8M + a12 * xn;
    y5M = a4 * xn;
    y6M = a7 * xn;
    y7M = a10 * xn;
    y8M = a13 * xn;
    x5L = x5M;
    x5M = x5R;
    x6L = x6M;
    x6M = x6R;
    x7L = x7M;
    x7M = x7R;
    x8L = x8M;
    x8M = x8R;
  }
  lower[r5 + nx - 2] += y5L;
  lower[r6 + nx - 2] += y6L;
  lower[r7 + nx - 2] += y7L;
  lower[r8 + nx - 2] += y8L;
  lower[r5 + nx - 1] += y5M;
  lower[r6 + nx - 1] += y6M;
  lower[r7 + nx - 1] += y7M;
  lower[r8 + nx - 1] += y8M;
  lower[r4 + nx - 1] += carry;
}

/**
 * The backward Gauss-Seidel sweep over the interior columns i = nx - 2 ... 1 of the line starting
 * at lines[4]. Upper entries come from the row itself (h = 14 n), lower ones from the neighbour rows
 * on lines l0..l3 and column i - 1 of l4 (p_m + q = 14 (l_m + i), entry 13 - c). The x of columns i
 * and i + 1 of the other lines and the new x of column i + 1 are carried from row to row, so each
 * row reads one x per line. Columns i +- 1 never wrap because the end columns take the generic path.
 */
export function interiorBackwardSweep(
  a: Float64Array,
  x: Float64Array,
  b: Float64Array,
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
  const p0 = 14 * l0;
  const p1 = 14 * l1;
  const p2 = 14 * l2;
  const p3 = 14 * l3;
  const e = nx - 2;
  let x0M = x[l0 + e];
  let x0R = x[l0 + e + 1];
  let x1M = x[l1 + e];
  let x1R = x[l1 + e + 1];
  let x2M = x[l2 + e];
  let x2R = x[l2 + e + 1];
  let x3M = x[l3 + e];
  let x3R = x[l3 + e + 1];
  let x4R = x[l4 + e + 1];
  let x5M = x[l5 + e];
  let x5R = x[l5 + e + 1];
  let x6M = x[l6 + e];
  let x6R = x[l6 + e + 1];
  let x7M = x[l7 + e];
  let x7R = x[l7 + e + 1];
  let x8M = x[l8 + e];
  let x8R = x[l8 + e + 1];
  // Entry 1 of row i, which row i + 1 read as its entry to the left: loaded once.
  let a1 = a[14 * (l4 + e) + 1];
  for (let i = e; i >= 1; i--) {
    const n = l4 + i;
    const h = 14 * n;
    const q = 14 * i;
    const x0L = x[l0 + i - 1];
    const x1L = x[l1 + i - 1];
    const x2L = x[l2 + i - 1];
    const x3L = x[l3 + i - 1];
    const x4L = x[n - 1];
    const x5L = x[l5 + i - 1];
    const x6L = x[l6 + i - 1];
    const x7L = x[l7 + i - 1];
    const x8L = x[l8 + i - 1];
    const left = a[h - 13];
    // The 26 terms written out: V8 does not inline a shared helper of this size.
    const sum =
      a1 * x4R +
      a[h + 2] * x5L +
      a[h + 3] * x5M +
      a[h + 4] * x5R +
      a[h + 5] * x6L +
      a[h + 6] * x6M +
      a[h + 7] * x6R +
      a[h + 8] * x7L +
      a[h + 9] * x7M +
      a[h + 10] * x7R +
      a[h + 11] * x8L +
      a[h + 12] * x8M +
      a[h + 13] * x8R +
      a[p0 + q - 1] * x0L +
      a[p0 + q + 12] * x0M +
      a[p0 + q + 25] * x0R +
      a[p1 + q - 4] * x1L +
      a[p1 + q + 9] * x1M +
      a[p1 + q + 22] * x1R +
      a[p2 + q - 7] * x2L +
      a[p2 + q + 6] * x2M +
      a[p2 + q + 19] * x2R +
      a[p3 + q - 10] * x3L +
      a[p3 + q + 3] * x3M +
      a[p3 + q + 16] * x3R +
      left * x4L;
    const xn = (b[n] - sum) / a[h];
    x[n] = xn;
    a1 = left;
    x4R = xn;
    x0R = x0M;
    x0M = x0L;
    x1R = x1M;
    x1M = x1L;
    x2R = x2M;
    x2M = x2L;
    x3R = x3M;
    x3M = x3L;
    x5R = x5M;
    x5M = x5L;
    x6R = x6M;
    x6M = x6L;
    x7R = x7M;
    x7M = x7L;
    x8R = x8M;
    x8M = x8L;
  }
}

/**
 * Off-diagonal part of row (i, l4) of a complete line whose left and right neighbours exist (the end
 * columns of a periodic line, which wrap): the interior kernel's sum with explicit columns.
 */
export function wrappedRowOffDiagonal(
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
