import { denseCoarseSolve, VCycle } from "../vCycle.js";
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

export function galerkinCoarsen(fine: StencilMatrix2D): StencilMatrix2D {
  const cnx = coarseCount(fine.nx, fine.periodicX);
  const cny = coarseCount(fine.ny, false);
  const coarse = new StencilMatrix2D(cnx, cny, fine.periodicX);
  const tx = transfer1D(fine.nx, cnx, fine.periodicX);
  const ty = transfer1D(fine.ny, cny, false);
  const a = fine.coefficients;
  const parentX = [tx.parent0, tx.parent1];
  const weightX = [tx.weight0, tx.weight1];
  const parentY = [ty.parent0, ty.parent1];
  const weightY = [ty.weight0, ty.weight1];
  for (let j = 0; j < fine.ny; j++) {
    for (let i = 0; i < fine.nx; i++) {
      const row = j * fine.nx + i;
      for (let dj = -1; dj <= 1; dj++) {
        const jj = j + dj;
        if (jj < 0 || jj >= fine.ny) continue;
        for (let di = -1; di <= 1; di++) {
          const ii = fine.column(i, di);
          if (ii < 0) continue;
          const value = a[9 * row + (dj + 1) * 3 + (di + 1)];
          if (value === 0) continue;
          // Scatter w_I * a_fg * w_J over the (up to 2 x 2) parents I of f and J of g.
          for (let sy = 0; sy < 2; sy++) {
            const wy = weightY[sy][j];
            if (wy === 0) continue;
            const rowY = parentY[sy][j];
            for (let sx = 0; sx < 2; sx++) {
              const wx = weightX[sx][i];
              if (wx === 0) continue;
              const rowX = parentX[sx][i];
              for (let ty2 = 0; ty2 < 2; ty2++) {
                const vy = weightY[ty2][jj];
                if (vy === 0) continue;
                const colY = parentY[ty2][jj];
                for (let tx2 = 0; tx2 < 2; tx2++) {
                  const vx = weightX[tx2][ii];
                  if (vx === 0) continue;
                  const dI = offset(rowX, parentX[tx2][ii], cnx, fine.periodicX);
                  coarse.add(rowX, rowY, dI, colY - rowY, wx * wy * value * vx * vy);
                }
              }
            }
          }
        }
      }
    }
  }
  return coarse;
}

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
    const transfers = matrices.slice(0, -1).map((m, depth) => ({
      tx: transfer1D(m.nx, matrices[depth + 1].nx, m.periodicX),
      ty: transfer1D(m.ny, matrices[depth + 1].ny, false),
    }));
    const coarsest = matrices[matrices.length - 1];
    super({
      operators: matrices,
      restrict: (depth, fine, coarse) =>
        restrict(matrices[depth], matrices[depth + 1].nx, transfers[depth], fine, coarse),
      prolongAdd: (depth, coarse, fine) =>
        prolongAdd(matrices[depth], matrices[depth + 1].nx, transfers[depth], coarse, fine),
      solveCoarsest: denseCoarseSolve(coarsest, () => densify(coarsest), MAX_COARSE_UNKNOWNS),
    });
  }
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

interface Transfers2D {
  tx: Transfer1D;
  ty: Transfer1D;
}

/** r_c = P^T r_f */
function restrict(
  fine: StencilMatrix2D,
  cnx: number,
  { tx, ty }: Transfers2D,
  fineValues: Float64Array,
  coarseValues: Float64Array,
): void {
  coarseValues.fill(0);
  for (let j = 0; j < fine.ny; j++) {
    for (let i = 0; i < fine.nx; i++) {
      const v = fineValues[j * fine.nx + i];
      const y0 = ty.parent0[j] * cnx;
      const wy0 = ty.weight0[j];
      const wy1 = ty.weight1[j];
      const x0 = tx.parent0[i];
      const x1 = tx.parent1[i];
      const wx0 = tx.weight0[i];
      const wx1 = tx.weight1[i];
      coarseValues[y0 + x0] += wy0 * wx0 * v;
      if (wx1 !== 0) coarseValues[y0 + x1] += wy0 * wx1 * v;
      if (wy1 !== 0) {
        const y1 = ty.parent1[j] * cnx;
        coarseValues[y1 + x0] += wy1 * wx0 * v;
        if (wx1 !== 0) coarseValues[y1 + x1] += wy1 * wx1 * v;
      }
    }
  }
}

/** x_f += P e_c */
function prolongAdd(
  fine: StencilMatrix2D,
  cnx: number,
  { tx, ty }: Transfers2D,
  coarseValues: Float64Array,
  fineValues: Float64Array,
): void {
  for (let j = 0; j < fine.ny; j++) {
    const y0 = ty.parent0[j] * cnx;
    const y1 = ty.parent1[j] * cnx;
    const wy0 = ty.weight0[j];
    const wy1 = ty.weight1[j];
    for (let i = 0; i < fine.nx; i++) {
      const x0 = tx.parent0[i];
      const x1 = tx.parent1[i];
      const wx0 = tx.weight0[i];
      const wx1 = tx.weight1[i];
      let v = wy0 * (wx0 * coarseValues[y0 + x0] + (wx1 !== 0 ? wx1 * coarseValues[y0 + x1] : 0));
      if (wy1 !== 0) v += wy1 * (wx0 * coarseValues[y1 + x0] + (wx1 !== 0 ? wx1 * coarseValues[y1 + x1] : 0));
      fineValues[j * fine.nx + i] += v;
    }
  }
}
