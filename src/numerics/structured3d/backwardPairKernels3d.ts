/**
 * Line kernels of two backward Gauss-Seidel sweeps in a row (StencilMatrix3D.backwardSweeps): the
 * first sweep leaves, per row, the sum of its lower part with the values it leaves behind, so that
 * the second reads each row's own 14 coefficients only instead of 13 more from five neighbour rows.
 *
 * In a backward sweep a row's lower neighbours are updated after it, so the second sweep sees them
 * at the first sweep's values: row n's lower sum is sum_{m < n} A_nm x_m after the first sweep.
 * Each row m of the first sweep, once updated, adds its upper entries times its new x to the sums of
 * its upper neighbours (A_nm = A_mn, stored in row m), which were updated before it.
 */

/**
 * The first sweep over the interior columns i = nx - 2 ... 1 of the line starting at lines[4]: the
 * same update, term for term, as interiorBackwardSweep (stencilKernels3d.ts; written out again, as
 * V8 does not inline a shared helper of 26 terms and the loads per row are the cost), then the new
 * x times the row's upper entries added to `lower` at its upper neighbours: column i + 1 of this
 * line and columns i - 1, i, i + 1 of lines 5-8 (lines 6-8, the plane above, at m + shift: `lower`
 * itself or a discarded plane when that plane is outside the sweep). A column of lines 5-8 takes
 * its shares from rows i + 1, i, i - 1 in turn, so they are carried until the last one.
 */
export function interiorBackwardLeaving(
  a: Float64Array,
  x: Float64Array,
  b: Float64Array,
  lower: Float64Array,
  lines: Int32Array,
  nx: number,
  shift: number,
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
  const u6 = l6 + shift;
  const u7 = l7 + shift;
  const u8 = l8 + shift;
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
  // Shares of rows i + 1 ... for columns i + 1 (R) and i (M) of lines 5-8, not yet in `lower`.
  let y5R = 0;
  let y5M = 0;
  let y6R = 0;
  let y6M = 0;
  let y7R = 0;
  let y7M = 0;
  let y8R = 0;
  let y8M = 0;
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
    const left = a[h - 13];
    const sum =
      a1 * x4R +
      a2 * x5L +
      a3 * x5M +
      a4 * x5R +
      a5 * x6L +
      a6 * x6M +
      a7 * x6R +
      a8 * x7L +
      a9 * x7M +
      a10 * x7R +
      a11 * x8L +
      a12 * x8M +
      a13 * x8R +
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
    lower[n + 1] = a1 * xn;
    lower[l5 + i + 1] += y5R + a4 * xn;
    lower[u6 + i + 1] += y6R + a7 * xn;
    lower[u7 + i + 1] += y7R + a10 * xn;
    lower[u8 + i + 1] += y8R + a13 * xn;
    y5R = y5M + a3 * xn;
    y6R = y6M + a6 * xn;
    y7R = y7M + a9 * xn;
    y8R = y8M + a12 * xn;
    y5M = a2 * xn;
    y6M = a5 * xn;
    y7M = a8 * xn;
    y8M = a11 * xn;
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
  // Columns 1 and 0 of lines 5-8 take the interior rows' last shares (row 0 adds its own).
  lower[l5 + 1] += y5R;
  lower[u6 + 1] += y6R;
  lower[u7 + 1] += y7R;
  lower[u8 + 1] += y8R;
  lower[l5] += y5M;
  lower[u6] += y6M;
  lower[u7] += y7M;
  lower[u8] += y8M;
}

/**
 * The second sweep over the interior columns i = nx - 2 ... 1 of the line starting at lines[4]: the
 * lower part of each row from `lower` (left by the first sweep), the upper part from its own 13
 * upper entries and the current x of lines 5-8 and column i + 1, carried from row to row.
 */
export function interiorBackwardUsing(
  a: Float64Array,
  x: Float64Array,
  b: Float64Array,
  lower: Float64Array,
  lines: Int32Array,
  nx: number,
): void {
  const l4 = lines[4];
  const l5 = lines[5];
  const l6 = lines[6];
  const l7 = lines[7];
  const l8 = lines[8];
  const e = nx - 2;
  let x4R = x[l4 + e + 1];
  let x5M = x[l5 + e];
  let x5R = x[l5 + e + 1];
  let x6M = x[l6 + e];
  let x6R = x[l6 + e + 1];
  let x7M = x[l7 + e];
  let x7R = x[l7 + e + 1];
  let x8M = x[l8 + e];
  let x8R = x[l8 + e + 1];
  for (let i = e; i >= 1; i--) {
    const n = l4 + i;
    const h = 14 * n;
    const x5L = x[l5 + i - 1];
    const x6L = x[l6 + i - 1];
    const x7L = x[l7 + i - 1];
    const x8L = x[l8 + i - 1];
    const near = a[h + 1] * x4R + a[h + 2] * x5L + a[h + 3] * x5M + a[h + 4] * x5R + a[h + 5] * x6L;
    const middle = a[h + 6] * x6M + a[h + 7] * x6R + a[h + 8] * x7L + a[h + 9] * x7M;
    const far = a[h + 10] * x7R + a[h + 11] * x8L + a[h + 12] * x8M + a[h + 13] * x8R;
    const xn = (b[n] - (lower[n] + (near + (middle + far)))) / a[h];
    x[n] = xn;
    x4R = xn;
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
