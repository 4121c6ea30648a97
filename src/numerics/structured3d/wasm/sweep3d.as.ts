// @ts-nocheck — AssemblyScript, not TypeScript: compiled by scripts/buildWasm.mjs into
// sweep3d.wasm.ts (tsc only parses this file; usize, f64, load and store are AssemblyScript's).
/**
 * The backward Gauss-Seidel sweep of one grid line of StencilMatrix3D in WebAssembly: the same
 * storage (14 coefficients per row, a lower entry c read as entry 13 - c of the neighbour row), the
 * same update as the JavaScript line kernels (interiorBackwardSweep and the wrapped end columns), the
 * sum taken in four partial sums, so equal to them to round-off.
 *
 * Arguments are byte addresses in this module's memory: `c0` ... `c4` the coefficient row of column 0
 * of the neighbour lines (dk, dj) = 0 ... 4 in StencilMatrix3D.findLines's order (line 4 is the
 * swept one), `x0` ... `x8` x at column 0 of all nine lines, `bl` b at column 0 of line 4. A missing
 * neighbour line (a plane or a y line beyond a bounded grid) points at zeros.
 */

/** Bytes per row of coefficients (14 x 8). */
const ROW: usize = 112;

/**
 * Bytes at the start of memory the kernel writes partial sums to, never read: a store keeps the
 * loads before it ahead of those after it, which stops V8's optimising compiler from hoisting all 52
 * loads of a row ahead of the arithmetic and spilling them (measured: 25 % slower without).
 */
const ANCHOR: usize = 0;

/**
 * The new x of column i of line 4 whose left and right neighbours are columns l and r (byte offsets
 * of the columns: 8 l, 8 i, 8 r; ROW-scaled for coefficients).
 */
function updateRow(
  c0: usize,
  c1: usize,
  c2: usize,
  c3: usize,
  c4: usize,
  x0: usize,
  x1: usize,
  x2: usize,
  x3: usize,
  x4: usize,
  x5: usize,
  x6: usize,
  x7: usize,
  x8: usize,
  bl: usize,
  l: usize,
  i: usize,
  r: usize,
): f64 {
  const own = c4 + ROW * i;
  const L = 8 * l;
  const M = 8 * i;
  const R = 8 * r;
  const upperNear =
    load<f64>(own, 16) * load<f64>(x5 + L) +
    load<f64>(own, 24) * load<f64>(x5 + M) +
    load<f64>(own, 32) * load<f64>(x5 + R) +
    load<f64>(own, 40) * load<f64>(x6 + L) +
    load<f64>(own, 48) * load<f64>(x6 + M) +
    load<f64>(own, 56) * load<f64>(x6 + R);
  store<f64>(ANCHOR, upperNear, 0);
  const upperFar =
    load<f64>(own, 64) * load<f64>(x7 + L) +
    load<f64>(own, 72) * load<f64>(x7 + M) +
    load<f64>(own, 80) * load<f64>(x7 + R) +
    load<f64>(own, 88) * load<f64>(x8 + L) +
    load<f64>(own, 96) * load<f64>(x8 + M) +
    load<f64>(own, 104) * load<f64>(x8 + R);
  store<f64>(ANCHOR, upperFar, 8);
  const lowerFar =
    load<f64>(c0 + ROW * l, 104) * load<f64>(x0 + L) +
    load<f64>(c0 + ROW * i, 96) * load<f64>(x0 + M) +
    load<f64>(c0 + ROW * r, 88) * load<f64>(x0 + R) +
    load<f64>(c1 + ROW * l, 80) * load<f64>(x1 + L) +
    load<f64>(c1 + ROW * i, 72) * load<f64>(x1 + M) +
    load<f64>(c1 + ROW * r, 64) * load<f64>(x1 + R);
  store<f64>(ANCHOR, lowerFar, 16);
  const lowerNear =
    load<f64>(c2 + ROW * l, 56) * load<f64>(x2 + L) +
    load<f64>(c2 + ROW * i, 48) * load<f64>(x2 + M) +
    load<f64>(c2 + ROW * r, 40) * load<f64>(x2 + R) +
    load<f64>(c3 + ROW * l, 32) * load<f64>(x3 + L) +
    load<f64>(c3 + ROW * i, 24) * load<f64>(x3 + M) +
    load<f64>(c3 + ROW * r, 16) * load<f64>(x3 + R) +
    load<f64>(c4 + ROW * l, 8) * load<f64>(x4 + L);
  const sum = load<f64>(own, 8) * load<f64>(x4 + R) + (upperNear + upperFar + (lowerFar + lowerNear));
  return (load<f64>(bl + M) - sum) / load<f64>(own);
}

/**
 * Columns nx - 2 ... 1 of line 4, backward; with `wrap` (x periodic) also column nx - 1 first and
 * column 0 last, their neighbours across the wrap.
 */
export function backwardLine(
  c0: usize,
  c1: usize,
  c2: usize,
  c3: usize,
  c4: usize,
  x0: usize,
  x1: usize,
  x2: usize,
  x3: usize,
  x4: usize,
  x5: usize,
  x6: usize,
  x7: usize,
  x8: usize,
  bl: usize,
  nx: i32,
  wrap: bool,
): void {
  const e = <usize>(nx - 1);
  if (wrap) {
    store<f64>(
      x4 + 8 * e,
      updateRow(c0, c1, c2, c3, c4, x0, x1, x2, x3, x4, x5, x6, x7, x8, bl, e - 1, e, 0),
    );
  }
  // Interior columns: each line's column i - 1 at base + 8 i (x) or base + ROW i (coefficients), so
  // that every load takes a constant offset; x is reloaded per row, not carried: values carried from
  // row to row outnumber the registers and spill.
  const d0 = c0 - ROW;
  const d1 = c1 - ROW;
  const d2 = c2 - ROW;
  const d3 = c3 - ROW;
  const d4 = c4 - ROW;
  const y0 = x0 - 8;
  const y1 = x1 - 8;
  const y2 = x2 - 8;
  const y3 = x3 - 8;
  const y4 = x4 - 8;
  const y5 = x5 - 8;
  const y6 = x6 - 8;
  const y7 = x7 - 8;
  const y8 = x8 - 8;
  let x4R = load<f64>(x4 + 8 * e);
  let a1 = load<f64>(c4 + ROW * (e - 1), 8);
  for (let i = e - 1; i >= 1; i--) {
    const q = ROW * i;
    const o = 8 * i;
    const r4 = d4 + q;
    const z5 = y5 + o;
    const z6 = y6 + o;
    const upperNear =
      load<f64>(r4, ROW + 16) * load<f64>(z5) +
      load<f64>(r4, ROW + 24) * load<f64>(z5, 8) +
      load<f64>(r4, ROW + 32) * load<f64>(z5, 16) +
      load<f64>(r4, ROW + 40) * load<f64>(z6) +
      load<f64>(r4, ROW + 48) * load<f64>(z6, 8) +
      load<f64>(r4, ROW + 56) * load<f64>(z6, 16);
    store<f64>(ANCHOR, upperNear, 0);
    const z7 = y7 + o;
    const z8 = y8 + o;
    const upperFar =
      load<f64>(r4, ROW + 64) * load<f64>(z7) +
      load<f64>(r4, ROW + 72) * load<f64>(z7, 8) +
      load<f64>(r4, ROW + 80) * load<f64>(z7, 16) +
      load<f64>(r4, ROW + 88) * load<f64>(z8) +
      load<f64>(r4, ROW + 96) * load<f64>(z8, 8) +
      load<f64>(r4, ROW + 104) * load<f64>(z8, 16);
    store<f64>(ANCHOR, upperFar, 8);
    const r0 = d0 + q;
    const r1 = d1 + q;
    const z0 = y0 + o;
    const z1 = y1 + o;
    const lowerFar =
      load<f64>(r0, 104) * load<f64>(z0) +
      load<f64>(r0, ROW + 96) * load<f64>(z0, 8) +
      load<f64>(r0, 2 * ROW + 88) * load<f64>(z0, 16) +
      load<f64>(r1, 80) * load<f64>(z1) +
      load<f64>(r1, ROW + 72) * load<f64>(z1, 8) +
      load<f64>(r1, 2 * ROW + 64) * load<f64>(z1, 16);
    store<f64>(ANCHOR, lowerFar, 16);
    const r2 = d2 + q;
    const r3 = d3 + q;
    const z2 = y2 + o;
    const z3 = y3 + o;
    const z4 = y4 + o;
    const left = load<f64>(r4, 8);
    const lowerNear =
      load<f64>(r2, 56) * load<f64>(z2) +
      load<f64>(r2, ROW + 48) * load<f64>(z2, 8) +
      load<f64>(r2, 2 * ROW + 40) * load<f64>(z2, 16) +
      load<f64>(r3, 32) * load<f64>(z3) +
      load<f64>(r3, ROW + 24) * load<f64>(z3, 8) +
      load<f64>(r3, 2 * ROW + 16) * load<f64>(z3, 16) +
      left * load<f64>(z4);
    const sum = a1 * x4R + (upperNear + upperFar + (lowerFar + lowerNear));
    const xn = (load<f64>(bl + o) - sum) / load<f64>(r4, ROW);
    store<f64>(z4, xn, 8);
    a1 = left;
    x4R = xn;
  }
  if (wrap) {
    store<f64>(x4, updateRow(c0, c1, c2, c3, c4, x0, x1, x2, x3, x4, x5, x6, x7, x8, bl, e, 0, 1));
  }
}
