import { coarsenRow } from "../structured/coarsenRow.js";
import { coarseCount, coarsenable, offset, transfer1D } from "../structured/multigrid2d.js";
import { denseCoarseSolve, VCycle } from "../vCycle.js";
import { StencilMatrix3D } from "./stencil3d.js";
import { GridTransfer3D } from "./transfer3d.js";

/**
 * Geometric multigrid for StencilMatrix3D, the 3D counterpart of Multigrid2D: trilinear transfer,
 * Galerkin coarse operators A_c = P^T A P, the shared symmetric V-cycle (../vCycle.ts), dense
 * Cholesky on the coarsest grid.
 */
const MAX_COARSE_UNKNOWNS = 6000;

/**
 * Galerkin coarse operator A_c = P^T A P. P is the tensor product Pz (x) Py (x) Px of the 1D linear
 * interpolations, so the triple product factorises into three one-axis coarsenings; each touches
 * 27 x 4 products per row instead of 27 x 64. The x and y coarsenings never mix z-planes, so they
 * run one plane at a time, with all 27 entries per row (the plane's lower entries read from the
 * neighbour rows of the half-stored matrix), in small reused buffers; the z coarsening accumulates
 * each plane into two rolling coarse planes, and a coarse plane whose fine planes are all done keeps
 * its upper half. No grid-sized temporaries: their first touch of fresh memory costs more than the
 * arithmetic on a virtual machine.
 */
export function galerkinCoarsen3D(fine: StencilMatrix3D): StencilMatrix3D {
  const { nx, ny, nz, periodicX, periodicY } = fine;
  const cnx = coarseCount(nx, periodicX);
  const cny = coarseCount(ny, periodicY);
  const cnz = coarseCount(nz, false);
  const storage = fine.executor?.allocate(14 * cnx * cny * cnz);
  const coarse = new StencilMatrix3D(cnx, cny, cnz, periodicX, periodicY, storage);
  coarse.executor = fine.executor;
  const plane = fullPlane(nx, ny, periodicX, periodicY);
  const halfX = fullPlane(cnx, ny, periodicX, periodicY);
  const halfXY = fullPlane(cnx, cny, periodicX, periodicY);
  const tz = transfer1D(nz, cnz, false);
  const coarsePlane = cnx * cny;
  // Coarse plane K accumulates in rolling[K % 2] (fine planes 2K - 1, 2K, 2K + 1 feed it).
  const rolling = new Float64Array(2 * 27 * coarsePlane);
  const h = halfXY.coefficients;
  let completed = 0;
  for (let k = 0; k < nz; k++) {
    expandPlane(fine, k, plane.coefficients);
    halfX.coefficients.fill(0);
    coarsenAxis(plane, 0, halfX);
    halfXY.coefficients.fill(0);
    coarsenAxis(halfX, 1, halfXY);
    // P_z^T (.) P_z of this plane's rows: the first and last planes have no neighbour below or above.
    const even = tz.weight1[k] === 0;
    const target0 = 27 * (tz.parent0[k] % 2) * coarsePlane;
    const target1 = 27 * (tz.parent1[k] % 2) * coarsePlane;
    for (let r = 0; r < coarsePlane; r++) {
      coarsenRow(
        h,
        27 * r,
        rolling,
        BASES_Z,
        9,
        even,
        target0 + 27 * r,
        target1 + 27 * r,
        k === 0,
        k === nz - 1,
      );
    }
    // Coarse planes below the next fine plane's first parent receive nothing more.
    const pending = k + 1 < nz ? tz.parent0[k + 1] : cnz;
    for (; completed < pending; completed++) {
      const source = rolling.subarray(
        27 * (completed % 2) * coarsePlane,
        27 * ((completed % 2) + 1) * coarsePlane,
      );
      const c = coarse.coefficients;
      for (let r = 0, n = completed * coarsePlane; r < coarsePlane; r++, n++) {
        for (let e = 0; e < 14; e++) c[14 * n + e] = source[27 * r + 13 + e];
      }
      source.fill(0);
    }
  }
  return coarse;
}

/** A stencil with all 27 entries per row, the Galerkin product's working format for one z-plane. */
interface FullStencil {
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly periodicX: boolean;
  readonly periodicY: boolean;
  readonly coefficients: Float64Array;
  columnX(i: number, d: number): number;
  columnY(j: number, d: number): number;
}

function fullPlane(nx: number, ny: number, periodicX: boolean, periodicY: boolean): FullStencil {
  const column = (n: number, periodic: boolean) => (index: number, d: number) => {
    const c = index + d;
    if (c >= 0 && c < n) return c;
    return periodic ? (c + n) % n : -1;
  };
  return {
    nx,
    ny,
    nz: 1,
    periodicX,
    periodicY,
    coefficients: new Float64Array(27 * nx * ny),
    columnX: column(nx, periodicX),
    columnY: column(ny, periodicY),
  };
}

/**
 * All 27 entries of each row of plane k into `out` (27 per row of the plane): the upper half as
 * stored, each lower entry c from the neighbour's row (entry 26 - c, by symmetry), 0 where the
 * neighbour is outside the grid.
 */
function expandPlane(fine: StencilMatrix3D, k: number, out: Float64Array): void {
  const { nx, ny, nz, coefficients: a } = fine;
  for (let j = 0; j < ny; j++) {
    const row = j * nx;
    const first = 14 * ((k * ny + j) * nx);
    for (let i = 0; i < nx; i++) {
      for (let e = 0; e < 14; e++) out[27 * (row + i) + 13 + e] = a[first + 14 * i + e];
    }
    for (let c = 0; c < 13; c++) {
      const kk = k + Math.floor(c / 9) - 1;
      const jj = fine.columnY(j, (Math.floor(c / 3) % 3) - 1);
      const di = (c % 3) - 1;
      const line = kk >= 0 && kk < nz && jj >= 0 ? (kk * ny + jj) * nx : -1;
      for (let i = 0; i < nx; i++) {
        const ii = line < 0 ? -1 : fine.columnX(i, di);
        out[27 * (row + i) + c] = ii < 0 ? 0 : a[14 * (line + ii) + 13 - c];
      }
    }
  }
}

/**
 * coarse += P_a^T A P_a for the linear interpolation P_a along x (axis 0) or y (axis 1), into a
 * zeroed matrix of the coarsened shape. Entries pointing to other z-planes pass through unchanged
 * (the z coarsening decides whether they exist).
 */
// Stencil position of the -1 neighbour of each group of three entries along x, y and z.
const BASES_X = Int32Array.from([0, 3, 6, 9, 12, 15, 18, 21, 24]);
const BASES_Y = Int32Array.from([0, 1, 2, 9, 10, 11, 18, 19, 20]);
const BASES_Z = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]);

function coarsenAxis(fine: FullStencil, axis: 0 | 1, coarse: FullStencil): void {
  const { nx, ny, nz } = fine;
  const periodic = axis === 0 ? fine.periodicX : fine.periodicY;
  const fineCount = axis === 0 ? nx : ny;
  const coarseCountAxis = axis === 0 ? coarse.nx : coarse.ny;
  const t = transfer1D(fineCount, coarseCountAxis, periodic);
  // For fine index f along the axis, neighbour d and parent u of that neighbour: its weight (0 when
  // the neighbour is outside the grid) and its coarse offset from each of f's own two parents, so
  // that the loop below does no wrapping or searching.
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
  const a = fine.coefficients;
  const c = coarse.coefficients;
  // one step along the axis: di -> 1, dj -> 3, dk -> 9 in the 27-entry stencil
  const stride = axis === 0 ? 1 : 3;
  const cnx = coarse.nx;
  const cny = coarse.ny;
  // Which of the three neighbour directions exist on each axis (bit d + 1), the coarsened axis
  // counting as complete since its outside neighbours have weight 0 above; an entry pointing outside
  // the grid is ignored like in multiply, whatever its value.
  const directions = (n: number, has: (index: number, d: number) => boolean, all: boolean) =>
    Uint8Array.from({ length: n }, (_, index) =>
      all ? 7 : (has(index, -1) ? 1 : 0) | (has(index, 0) ? 2 : 0) | (has(index, 1) ? 4 : 0),
    );
  const directionsX = directions(nx, (i, d) => fine.columnX(i, d) >= 0, axis === 0);
  const directionsY = directions(ny, (j, d) => fine.columnY(j, d) >= 0, axis === 1);
  const digitX = Uint8Array.from({ length: 27 }, (_, e) => e % 3);
  const digitY = Uint8Array.from({ length: 27 }, (_, e) => Math.floor(e / 3) % 3);
  const digitAlong = axis === 0 ? digitX : digitY;
  // Rows with all their neighbours across the other axis take coarsenRow; the others the path below.
  const bases = axis === 0 ? BASES_X : BASES_Y;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const mx = directionsX[i];
        const my = directionsY[j];
        const complete = (mx & my) === 7;
        const along = axis === 0 ? i : j;
        const rowWeight0 = t.weight0[along];
        const rowWeight1 = t.weight1[along];
        const p0 = t.parent0[along];
        const p1 = t.parent1[along];
        const coarseRow0 = 27 * (axis === 0 ? (k * cny + j) * cnx + p0 : (k * cny + p0) * cnx + i);
        const coarseRow1 = 27 * (axis === 0 ? (k * cny + j) * cnx + p1 : (k * cny + p1) * cnx + i);
        const row = 27 * ((k * ny + j) * nx + i);
        if (complete) {
          const edge = !periodic && (along === 0 ? 1 : along === fineCount - 1 ? 2 : 0);
          coarsenRow(
            a,
            row,
            c,
            bases,
            stride,
            rowWeight1 === 0,
            coarseRow0,
            coarseRow1,
            edge === 1,
            edge === 2,
          );
          continue;
        }
        for (let s = 0; s < 27; s++) {
          const value = a[row + s];
          if (value === 0) continue;
          if (!complete && ((mx >> digitX[s]) & (my >> digitY[s]) & 1) === 0) continue;
          const d = digitAlong[s]; // d + 1 along the axis
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
  }
}

export class Multigrid3D extends VCycle {
  constructor(matrix: StencilMatrix3D) {
    const matrices = [matrix];
    for (;;) {
      const current = matrices[matrices.length - 1];
      if (
        current.size <= 512 ||
        !coarsenable(current.nx, current.periodicX) ||
        !coarsenable(current.ny, current.periodicY) ||
        !coarsenable(current.nz, false)
      ) {
        break;
      }
      matrices.push(galerkinCoarsen3D(current));
    }
    const levelTransfers = matrices.slice(0, -1).map((m) => new GridTransfer3D(m));
    const coarsest = matrices[matrices.length - 1];
    super({
      operators: matrices,
      restrict: (depth, fine, coarse) => levelTransfers[depth].restrict(fine, coarse),
      prolongAdd: (depth, coarse, fine) => levelTransfers[depth].prolongAdd(coarse, fine),
      solveCoarsest: denseCoarseSolve(coarsest, () => densify(coarsest), MAX_COARSE_UNKNOWNS),
      // Level vectors the threads of a split grid can see.
      allocate: matrix.executor?.allocate,
    });
  }
}

/** The coarsest operator as a dense row-major matrix, column by column from unit vectors. */
function densify(matrix: StencilMatrix3D): Float64Array {
  const n = matrix.size;
  const dense = new Float64Array(n * n);
  const unit = new Float64Array(n);
  const column = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    unit.fill(0);
    unit[c] = 1;
    matrix.multiply(unit, column);
    for (let r = 0; r < n; r++) dense[r * n + c] = column[r];
  }
  return dense;
}
