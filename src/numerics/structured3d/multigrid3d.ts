import { coarseCount, coarsenable, offset, type Transfer1D, transfer1D } from "../structured/multigrid2d.js";
import { denseCoarseSolve, VCycle } from "../vCycle.js";
import { StencilMatrix3D } from "./stencil3d.js";

/**
 * Geometric multigrid for StencilMatrix3D, the 3D counterpart of Multigrid2D: trilinear transfer,
 * Galerkin coarse operators A_c = P^T A P, the shared symmetric V-cycle (../vCycle.ts), dense
 * Cholesky on the coarsest grid.
 */
type Transfers3D = [Transfer1D, Transfer1D, Transfer1D];

const MAX_COARSE_UNKNOWNS = 6000;

function transfers(m: StencilMatrix3D): Transfers3D {
  return [
    transfer1D(m.nx, coarseCount(m.nx, m.periodicX), m.periodicX),
    transfer1D(m.ny, coarseCount(m.ny, m.periodicY), m.periodicY),
    transfer1D(m.nz, coarseCount(m.nz, false), false),
  ];
}

/**
 * Galerkin coarse operator A_c = P^T A P. P is the tensor product Pz (x) Py (x) Px of the 1D linear
 * interpolations, so the triple product factorises into three one-axis coarsenings; each touches
 * 27 x 4 products per row instead of 27 x 64, which makes setup cheap next to the V-cycles.
 */
export function galerkinCoarsen3D(fine: StencilMatrix3D): StencilMatrix3D {
  return coarsenAxis(coarsenAxis(coarsenAxis(fine, 0), 1), 2);
}

/** P_a^T A P_a for the linear interpolation P_a along one axis (0 = x, 1 = y, 2 = z). */
function coarsenAxis(fine: StencilMatrix3D, axis: 0 | 1 | 2): StencilMatrix3D {
  const { nx, ny, nz } = fine;
  const periodic = axis === 0 ? fine.periodicX : axis === 1 ? fine.periodicY : false;
  const fineCount = axis === 0 ? nx : axis === 1 ? ny : nz;
  const coarseCountAxis = coarseCount(fineCount, periodic);
  const coarse = new StencilMatrix3D(
    axis === 0 ? coarseCountAxis : nx,
    axis === 1 ? coarseCountAxis : ny,
    axis === 2 ? coarseCountAxis : nz,
    fine.periodicX,
    fine.periodicY,
  );
  const t = transfer1D(fineCount, coarseCountAxis, periodic);
  const a = fine.coefficients;
  const c = coarse.coefficients;
  // one step along the axis: di -> 1, dj -> 3, dk -> 9 in the 27-entry stencil
  const stencilStride = axis === 0 ? 1 : axis === 1 ? 3 : 9;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const row = 27 * ((k * ny + j) * nx + i);
        const along = axis === 0 ? i : axis === 1 ? j : k;
        const rowParent0 = t.parent0[along];
        const rowParent1 = t.parent1[along];
        const rowWeight0 = t.weight0[along];
        const rowWeight1 = t.weight1[along];
        const coarseRow0 = 27 * coarseNode(coarse, axis, i, j, k, rowParent0);
        const coarseRow1 = 27 * coarseNode(coarse, axis, i, j, k, rowParent1);
        for (let dk = -1; dk <= 1; dk++) {
          const kk = k + dk;
          if (kk < 0 || kk >= nz) continue;
          for (let dj = -1; dj <= 1; dj++) {
            const jj = fine.columnY(j, dj);
            if (jj < 0) continue;
            for (let di = -1; di <= 1; di++) {
              const ii = fine.columnX(i, di);
              if (ii < 0) continue;
              const stencil = (dk + 1) * 9 + (dj + 1) * 3 + (di + 1);
              const value = a[row + stencil];
              if (value === 0) continue;
              const column = axis === 0 ? ii : axis === 1 ? jj : kk;
              const d = axis === 0 ? di : axis === 1 ? dj : dk;
              const centred = stencil - (d + 1) * stencilStride + stencilStride;
              for (let u = 0; u < 2; u++) {
                const v = (u === 0 ? t.weight0[column] : t.weight1[column]) * value;
                if (v === 0) continue;
                const columnParent = u === 0 ? t.parent0[column] : t.parent1[column];
                c[
                  coarseRow0 +
                    centred +
                    offset(rowParent0, columnParent, coarseCountAxis, periodic) * stencilStride
                ] += rowWeight0 * v;
                if (rowWeight1 === 0) continue;
                c[
                  coarseRow1 +
                    centred +
                    offset(rowParent1, columnParent, coarseCountAxis, periodic) * stencilStride
                ] += rowWeight1 * v;
              }
            }
          }
        }
      }
    }
  }
  return coarse;
}

/** Node index in `coarse` of fine node (i, j, k) with its coordinate along `axis` replaced by `parent`. */
function coarseNode(
  coarse: StencilMatrix3D,
  axis: 0 | 1 | 2,
  i: number,
  j: number,
  k: number,
  parent: number,
) {
  if (axis === 0) return (k * coarse.ny + j) * coarse.nx + parent;
  if (axis === 1) return (k * coarse.ny + parent) * coarse.nx + i;
  return (parent * coarse.ny + j) * coarse.nx + i;
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
    const levelTransfers = matrices.slice(0, -1).map(transfers);
    const coarsest = matrices[matrices.length - 1];
    super({
      operators: matrices,
      restrict: (depth, fine, coarse) =>
        transfer(matrices[depth], matrices[depth + 1], levelTransfers[depth], fine, coarse, true),
      prolongAdd: (depth, coarse, fine) =>
        transfer(matrices[depth], matrices[depth + 1], levelTransfers[depth], coarse, fine, false),
      solveCoarsest: denseCoarseSolve(coarsest, () => densify(coarsest), MAX_COARSE_UNKNOWNS),
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

/** restrict: to = P^T from (fine -> coarse); otherwise to += P from (coarse -> fine). */
function transfer(
  fineMatrix: StencilMatrix3D,
  coarseMatrix: StencilMatrix3D,
  [tx, ty, tz]: Transfers3D,
  from: Float64Array,
  to: Float64Array,
  restrict: boolean,
): void {
  const { nx, ny, nz } = fineMatrix;
  const cnx = coarseMatrix.nx;
  const cny = coarseMatrix.ny;
  if (restrict) to.fill(0);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const fine = (k * ny + j) * nx + i;
        let sum = 0;
        for (let sz = 0; sz < 2; sz++) {
          const wz = sz === 0 ? tz.weight0[k] : tz.weight1[k];
          if (wz === 0) continue;
          const K = sz === 0 ? tz.parent0[k] : tz.parent1[k];
          for (let sy = 0; sy < 2; sy++) {
            const wy = sy === 0 ? ty.weight0[j] : ty.weight1[j];
            if (wy === 0) continue;
            const J = sy === 0 ? ty.parent0[j] : ty.parent1[j];
            for (let sx = 0; sx < 2; sx++) {
              const wx = sx === 0 ? tx.weight0[i] : tx.weight1[i];
              if (wx === 0) continue;
              const I = sx === 0 ? tx.parent0[i] : tx.parent1[i];
              const c = (K * cny + J) * cnx + I;
              const w = wx * wy * wz;
              if (restrict) to[c] += w * from[fine];
              else sum += w * from[c];
            }
          }
        }
        if (!restrict) to[fine] += sum;
      }
    }
  }
}
