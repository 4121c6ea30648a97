import { allShared, splitPlanes } from "../parallel/slabs.js";
import type { SlabTask } from "../parallel/slabTasks.js";
import { denseCoarseSolve, VCycle } from "../vCycle.js";
import { coarsenRow } from "./coarsenRow.js";
import { StencilMatrix2D } from "./stencil2d.js";

/**
 * Geometric multigrid for StencilMatrix2D: bilinear prolongation P between nested structured grids,
 * Galerkin coarse operators A_c = P^T A P (robust for the variable coefficients and distorted cells
 * of boundary-fitted meshes, and SPD whenever A is), the shared symmetric V-cycle (../vCycle.ts) and
 * a dense Cholesky solve on the coarsest grid.
 */

const MAX_COARSE_UNKNOWNS = 4000;

/**
 * Bilinear interpolation along one direction: fine index f takes weight `weight0[f]` from coarse
 * `parent0[f]` and `weight1[f]` from `parent1[f]` (weight 0 when f sits on a coarse node).
 */
export interface Transfer1D {
  parent0: Int32Array;
  weight0: Float64Array;
  parent1: Int32Array;
  weight1: Float64Array;
}

export function transfer1D(fineCount: number, coarse: number, periodic: boolean): Transfer1D {
  const t: Transfer1D = {
    parent0: new Int32Array(fineCount),
    weight0: new Float64Array(fineCount),
    parent1: new Int32Array(fineCount),
    weight1: new Float64Array(fineCount),
  };
  for (let f = 0; f < fineCount; f++) {
    if ((f & 1) === 0) {
      t.parent0[f] = f >> 1;
      t.weight0[f] = 1;
    } else {
      const right = (f >> 1) + 1;
      t.parent0[f] = f >> 1;
      t.weight0[f] = 0.5;
      t.parent1[f] = periodic && right === coarse ? 0 : right;
      t.weight1[f] = 0.5;
    }
  }
  return t;
}

export function coarsenable(n: number, periodic: boolean): boolean {
  return periodic ? n % 2 === 0 && n / 2 >= 4 : n % 2 === 1 && (n + 1) / 2 >= 3;
}

export function coarseCount(n: number, periodic: boolean): number {
  return periodic ? n / 2 : (n + 1) / 2;
}

/** Offset between two coarse columns in {-1, 0, 1}, accounting for periodic wrap. */
export function offset(from: number, to: number, n: number, periodic: boolean): number {
  let d = to - from;
  if (periodic) {
    if (d > 1) d -= n;
    else if (d < -1) d += n;
  }
  return d;
}

/**
 * Galerkin coarse operator A_c = P^T A P. P = Py (x) Px is a tensor product of 1D linear
 * interpolations, so the triple product is two one-axis coarsenings (9 x 4 products per row each
 * instead of 9 x 16). The x coarsening of fine line j depends on that line alone, and the y
 * coarsening of the result only on it, so both run one line at a time through a one-line buffer:
 * the half-coarsened matrix (half the fine operator's size) is never stored. Split over threads, by
 * bands of fine lines whose coarse lines differ; fine line 2 J - 1 between two bands adds to coarse
 * lines J - 1 and J of both, so it comes after them.
 */
export function galerkinCoarsen(fine: StencilMatrix2D): StencilMatrix2D {
  const { nx, ny, periodicX } = fine;
  const coarse = StencilMatrix2D.on(
    fine.executor,
    coarseCount(nx, periodicX),
    coarseCount(ny, false),
    periodicX,
  );
  const bands = fine.bands();
  if (!bands || !fine.executor || !allShared(coarse.coefficients)) {
    galerkinCoarsenLines(fine, coarse, 0, ny);
    return coarse;
  }
  const starts = splitPlanes(0, coarse.ny, bands.length).map(([J0]) => 2 * J0);
  const [fineShape, coarseShape] = [fine.shape(), coarse.shape()];
  fine.executor.run(
    starts.map(
      (j0, t): SlabTask => ({
        op: "galerkin2d",
        fine: fineShape,
        coarse: coarseShape,
        j0,
        j1: t === starts.length - 1 ? ny : starts[t + 1] - 1,
      }),
    ),
  );
  for (const j0 of starts.slice(1)) galerkinCoarsenLines(fine, coarse, j0 - 1, j0);
  return coarse;
}

/** Adds fine lines j0 ... j1 - 1's share of P^T A P to `coarse` (coarse lines floor(j0/2) ... ceil(j1/2)). */
export function galerkinCoarsenLines(
  fine: StencilMatrix2D,
  coarse: StencilMatrix2D,
  j0: number,
  j1: number,
): void {
  const { nx, ny, periodicX } = fine;
  // Lines of the half-coarsened operator; only line 0 is used (the class needs two).
  const line = new StencilMatrix2D(coarse.nx, 2, periodicX);
  const lineCoefficients = line.coefficients.subarray(0, 9 * coarse.nx);
  const alongX = axisTables(nx, coarse.nx, periodicX);
  const alongY = axisTables(ny, coarse.ny, false);
  for (let j = j0; j < j1; j++) {
    lineCoefficients.fill(0);
    coarsenAxis(fine, ny, 0, alongX, line.coefficients, coarse.nx, j, 0, j);
    coarsenAxis(line, ny, 1, alongY, coarse.coefficients, coarse.nx, j, j, 0);
  }
}

/**
 * For fine index f, neighbour d and that neighbour's parent u: the weight (0 outside the grid) and
 * the coarse offset from each of f's own parents.
 */
interface AxisTables {
  transfer: Transfer1D;
  weight: Float64Array;
  offset0: Int32Array;
  offset1: Int32Array;
}

function axisTables(fineCount: number, coarseCountAxis: number, periodic: boolean): AxisTables {
  const t = transfer1D(fineCount, coarseCountAxis, periodic);
  const weight = new Float64Array(6 * fineCount);
  const offset0 = new Int32Array(6 * fineCount);
  const offset1 = new Int32Array(6 * fineCount);
  for (let f = 0; f < fineCount; f++) {
    for (let d = -1; d <= 1; d++) {
      let g = f + d;
      if (g < 0 || g >= fineCount) g = periodic ? (g + fineCount) % fineCount : -1;
      if (g < 0) continue;
      for (let u = 0; u < 2; u++) {
        const e = 6 * f + 2 * (d + 1) + u;
        const parent = u === 0 ? t.parent0[g] : t.parent1[g];
        weight[e] = u === 0 ? t.weight0[g] : t.weight1[g];
        offset0[e] = offset(t.parent0[f], parent, coarseCountAxis, periodic);
        offset1[e] = offset(t.parent1[f], parent, coarseCountAxis, periodic);
      }
    }
  }
  return { transfer: t, weight, offset0, offset1 };
}

/**
 * c += P_a^T A P_a for the linear interpolation along x (axis 0) or y (axis 1), for fine line j
 * (of a grid with `fineNy` lines) stored as line j - readShift of `fine`, into rows of line
 * (coarse line) - writeShift of `c`, a grid `cnx` wide.
 */
function coarsenAxis(
  fine: StencilMatrix2D,
  fineNy: number,
  axis: 0 | 1,
  { transfer: t, weight, offset0, offset1 }: AxisTables,
  c: Float64Array,
  cnx: number,
  j: number,
  readShift: number,
  writeShift: number,
): void {
  const { nx } = fine;
  const periodic = axis === 0 && fine.periodicX;
  const fineCount = axis === 0 ? nx : fineNy;
  const a = fine.coefficients;
  const stride = axis === 0 ? 1 : 3;
  // Rows with both neighbours across the other axis take coarsenRow; the others the path below.
  const bases = axis === 0 ? X_BASES : Y_BASES;
  // Neighbour rows across the other axis exist unless at a bounded edge (bit d + 1).
  const rowsY = axis === 1 ? 7 : (j > 0 ? 1 : 0) | 2 | (j < fineNy - 1 ? 4 : 0);
  for (let i = 0; i < nx; i++) {
    const columnsX =
      axis === 0 ? 7 : (fine.column(i, -1) >= 0 ? 1 : 0) | 2 | (fine.column(i, 1) >= 0 ? 4 : 0);
    const along = axis === 0 ? i : j;
    const rowWeight0 = t.weight0[along];
    const rowWeight1 = t.weight1[along];
    const p0 = t.parent0[along];
    const p1 = t.parent1[along];
    const coarseRow0 = 9 * (axis === 0 ? (j - writeShift) * cnx + p0 : (p0 - writeShift) * cnx + i);
    const coarseRow1 = 9 * (axis === 0 ? (j - writeShift) * cnx + p1 : (p1 - writeShift) * cnx + i);
    const row = 9 * ((j - readShift) * nx + i);
    if ((axis === 0 ? rowsY : columnsX) === 7) {
      const edge = !periodic && (along === 0 ? 1 : along === fineCount - 1 ? 2 : 0);
      coarsenRow(a, row, c, bases, stride, rowWeight1 === 0, coarseRow0, coarseRow1, edge === 1, edge === 2);
      continue;
    }
    for (let s = 0; s < 9; s++) {
      const value = a[row + s];
      if (value === 0) continue;
      const dx = s % 3;
      const dy = (s - dx) / 3;
      if (((columnsX >> dx) & (rowsY >> dy) & 1) === 0) continue;
      const d = axis === 0 ? dx : dy; // d + 1 along the axis
      const centred = s - (d - 1) * stride;
      const e = 6 * along + 2 * d;
      for (let u = 0; u < 2; u++) {
        const w = weight[e + u];
        if (w === 0) continue;
        const v = w * value;
        c[coarseRow0 + centred + offset0[e + u] * stride] += rowWeight0 * v;
        if (rowWeight1 !== 0) c[coarseRow1 + centred + offset1[e + u] * stride] += rowWeight1 * v;
      }
    }
  }
}

const X_BASES = Int32Array.from([0, 3, 6]);
const Y_BASES = Int32Array.from([0, 1, 2]);

export class Multigrid2D extends VCycle {
  constructor(matrix: StencilMatrix2D) {
    const matrices = [matrix];
    for (;;) {
      const current = matrices[matrices.length - 1];
      if (
        current.size <= 64 ||
        !coarsenable(current.nx, current.periodicX) ||
        !coarsenable(current.ny, false)
      )
        break;
      matrices.push(galerkinCoarsen(current));
    }
    // One fine line of scratch per level for the line-by-line transfers, three for residual lines.
    const lines = matrices.map((m) => new Float64Array(m.nx));
    const rings = matrices.map((m) => new Float64Array(3 * m.nx));
    const coarsest = matrices[matrices.length - 1];
    super({
      operators: matrices,
      restrict: (depth, fine, coarse) =>
        restrict(matrices[depth], matrices[depth + 1], lines[depth], fine, coarse),
      restrictResidual: (depth, x, b, coarse) => {
        const [fine, coarser] = [matrices[depth], matrices[depth + 1]];
        const split = splitTransfer(fine, coarser.ny, x, b, coarse);
        if (!split) restrictResidual(fine, coarser, lines[depth], rings[depth], x, b, coarse);
        else
          split.run(({ J0, J1 }) => ({
            op: "restrictResidual2d",
            fine: fine.shape(),
            coarse: coarser.shape(),
            x,
            b,
            coarseValues: coarse,
            J0,
            J1,
          }));
      },
      prolongAdd: (depth, coarse, fineValues) => {
        const [fine, coarser] = [matrices[depth], matrices[depth + 1]];
        const split = splitTransfer(fine, fine.ny, coarse, fineValues);
        if (!split) prolongAdd(fine, coarser, lines[depth], coarse, fineValues);
        else
          split.run(({ J0, J1 }) => ({
            op: "prolongAdd2d",
            fine: fine.shape(),
            coarse: coarser.shape(),
            coarseValues: coarse,
            fineValues,
            j0: J0,
            j1: J1,
          }));
      },
      solveCoarsest: denseCoarseSolve(coarsest, () => densify(coarsest), MAX_COARSE_UNKNOWNS),
      allocate: matrix.executor?.allocate,
    });
  }
}

/**
 * A transfer split over the fine matrix's threads by bands of `lines` output lines (each band's
 * lines written by its thread alone), when the fine level is big and the vectors shared; else null.
 */
function splitTransfer(fine: StencilMatrix2D, lines: number, ...vectors: Float64Array[]) {
  const bands = fine.bands(...vectors);
  const executor = fine.executor;
  if (!bands || !executor) return null;
  return {
    run: (task: (band: { J0: number; J1: number }) => SlabTask) =>
      executor.run(splitPlanes(0, lines, bands.length).map(([J0, J1]) => task({ J0, J1 }))),
  };
}

function densify(matrix: StencilMatrix2D): Float64Array {
  const n = matrix.size;
  const dense = new Float64Array(n * n);
  const { indptr, indices, data } = matrix.toCsr();
  for (let row = 0; row < n; row++) {
    for (let k = indptr[row]; k < indptr[row + 1]; k++) dense[row * n + indices[k]] += data[k];
  }
  return dense;
}

// The transfers below are P = Py (x) Px of transfer1D written out for its fixed pattern (fine 2I on
// coarse I with weight 1, fine 2I + 1 between I and I + 1 with 1/2 each, wrapping when periodic),
// one line at a time through a scratch line: a gather without per-node branches or index tables
// (the scatter over transfer1D's tables cost about one matrix product per restriction).

/** r_c = P^T r_f: fine lines 2J - 1, 2J, 2J + 1 summed with weights 1/2, 1, 1/2, then along x alike. */
export function restrict(
  fine: StencilMatrix2D,
  coarse: StencilMatrix2D,
  line: Float64Array,
  fineValues: Float64Array,
  coarseValues: Float64Array,
): void {
  const { nx } = fine;
  const cny = coarse.ny;
  for (let J = 0; J < cny; J++) {
    const here = 2 * J * nx;
    const below = J > 0 ? here - nx : here;
    const above = J < cny - 1 ? here + nx : here;
    combineLines(fineValues, here, below, above, J > 0, J < cny - 1, line, nx);
    restrictLine(line, fine, coarse, coarseValues, J * coarse.nx);
  }
}

/**
 * P^T (b - A x) without the fine residual vector: its lines are computed as the restriction needs
 * them into a ring of three (fine line j at (j mod 3) nx), each once. Coarse lines J0 ... J1 - 1
 * only, when given (a band: it computes the fine line below its first, 2 J0 - 1, itself).
 */
export function restrictResidual(
  fine: StencilMatrix2D,
  coarse: StencilMatrix2D,
  line: Float64Array,
  ring: Float64Array,
  x: Float64Array,
  b: Float64Array,
  coarseValues: Float64Array,
  J0 = 0,
  J1 = coarse.ny,
): void {
  const { nx, ny } = fine;
  const cny = coarse.ny;
  const slot = (j: number) => (j % 3) * nx;
  if (J0 > 0) fine.residualLine(x, b, 2 * J0 - 1, ring, slot(2 * J0 - 1));
  for (let J = J0; J < J1; J++) {
    const j = 2 * J;
    fine.residualLine(x, b, j, ring, slot(j));
    if (j + 1 < ny) fine.residualLine(x, b, j + 1, ring, slot(j + 1));
    const here = slot(j);
    combineLines(
      ring,
      here,
      J > 0 ? slot(j - 1) : here,
      J < cny - 1 ? slot(j + 1) : here,
      J > 0,
      J < cny - 1,
      line,
      nx,
    );
    restrictLine(line, fine, coarse, coarseValues, J * coarse.nx);
  }
}

/** line = v[here + i] + (v[below + i] + v[above + i]) / 2, a missing neighbour line left out. */
function combineLines(
  v: Float64Array,
  here: number,
  below: number,
  above: number,
  hasBelow: boolean,
  hasAbove: boolean,
  line: Float64Array,
  nx: number,
): void {
  const wBelow = hasBelow ? 0.5 : 0;
  const wAbove = hasAbove ? 0.5 : 0;
  for (let i = 0; i < nx; i++) line[i] = v[here + i] + wBelow * v[below + i] + wAbove * v[above + i];
}

/** Coarse line values from offset `out`: fine 2I plus half of 2I - 1 and 2I + 1 (wrapping if periodic). */
function restrictLine(
  line: Float64Array,
  fine: StencilMatrix2D,
  coarse: StencilMatrix2D,
  coarseValues: Float64Array,
  out: number,
): void {
  const nx = fine.nx;
  const cnx = coarse.nx;
  const wrap = fine.periodicX ? 0.5 : 0;
  coarseValues[out] = line[0] + 0.5 * line[1] + wrap * line[nx - 1];
  for (let I = 1; I < cnx - 1; I++) {
    coarseValues[out + I] = line[2 * I] + 0.5 * (line[2 * I - 1] + line[2 * I + 1]);
  }
  const last = cnx - 1;
  coarseValues[out + last] = line[2 * last] + 0.5 * line[2 * last - 1] + wrap * line[nx - 1];
}

/**
 * x_f += P e_c: per fine line, the coarse line (or the mean of the two around it), then along x
 * alike. Fine lines j0 ... j1 - 1 only, when given (a band).
 */
export function prolongAdd(
  fine: StencilMatrix2D,
  coarse: StencilMatrix2D,
  line: Float64Array,
  coarseValues: Float64Array,
  fineValues: Float64Array,
  j0 = 0,
  j1 = fine.ny,
): void {
  const { nx } = fine;
  const cnx = coarse.nx;
  for (let j = j0; j < j1; j++) {
    const c0 = (j >> 1) * cnx;
    if ((j & 1) === 0) for (let I = 0; I < cnx; I++) line[I] = coarseValues[c0 + I];
    else for (let I = 0; I < cnx; I++) line[I] = 0.5 * (coarseValues[c0 + I] + coarseValues[c0 + cnx + I]);
    const out = j * nx;
    for (let I = 0; I < cnx - 1; I++) {
      fineValues[out + 2 * I] += line[I];
      fineValues[out + 2 * I + 1] += 0.5 * (line[I] + line[I + 1]);
    }
    fineValues[out + 2 * (cnx - 1)] += line[cnx - 1];
    if (fine.periodicX) fineValues[out + nx - 1] += 0.5 * (line[cnx - 1] + line[0]);
  }
}
