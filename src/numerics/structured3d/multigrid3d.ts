import { DenseCholesky } from "../denseCholesky.js";
import { coarseCount, coarsenable, offset, type Transfer1D, transfer1D } from "../structured/multigrid2d.js";
import { StencilMatrix3D } from "./stencil3d.js";

/**
 * Geometric multigrid for StencilMatrix3D, the 3D counterpart of Multigrid2D: trilinear transfer,
 * Galerkin coarse operators A_c = P^T A P, symmetric Gauss-Seidel, dense Cholesky on the coarsest
 * grid; one V-cycle is a symmetric preconditioner for conjugate gradients.
 */
interface Level {
  matrix: StencilMatrix3D;
  solution: Float64Array;
  rhs: Float64Array;
  residual: Float64Array;
  t: [Transfer1D, Transfer1D, Transfer1D];
}

const SWEEPS = 2;

function transfers(m: StencilMatrix3D): [Transfer1D, Transfer1D, Transfer1D] {
  return [
    transfer1D(m.nx, coarseCount(m.nx, m.periodicX), m.periodicX),
    transfer1D(m.ny, coarseCount(m.ny, m.periodicY), m.periodicY),
    transfer1D(m.nz, coarseCount(m.nz, false), false),
  ];
}

export function galerkinCoarsen3D(fine: StencilMatrix3D): StencilMatrix3D {
  const cnx = coarseCount(fine.nx, fine.periodicX);
  const cny = coarseCount(fine.ny, fine.periodicY);
  const cnz = coarseCount(fine.nz, false);
  const coarse = new StencilMatrix3D(cnx, cny, cnz, fine.periodicX, fine.periodicY);
  const [tx, ty, tz] = transfers(fine);
  const px = [tx.parent0, tx.parent1];
  const wx = [tx.weight0, tx.weight1];
  const py = [ty.parent0, ty.parent1];
  const wy = [ty.weight0, ty.weight1];
  const pz = [tz.parent0, tz.parent1];
  const wz = [tz.weight0, tz.weight1];
  const a = fine.coefficients;
  for (let k = 0; k < fine.nz; k++) {
    for (let j = 0; j < fine.ny; j++) {
      for (let i = 0; i < fine.nx; i++) {
        const row = (k * fine.ny + j) * fine.nx + i;
        for (let dk = -1; dk <= 1; dk++) {
          const kk = k + dk;
          if (kk < 0 || kk >= fine.nz) continue;
          for (let dj = -1; dj <= 1; dj++) {
            const jj = fine.columnY(j, dj);
            if (jj < 0) continue;
            for (let di = -1; di <= 1; di++) {
              const ii = fine.columnX(i, di);
              if (ii < 0) continue;
              const value = a[27 * row + (dk + 1) * 9 + (dj + 1) * 3 + (di + 1)];
              if (value === 0) continue;
              for (let sz = 0; sz < 2; sz++) {
                const vz = wz[sz][k];
                if (vz === 0) continue;
                for (let sy = 0; sy < 2; sy++) {
                  const vy = wy[sy][j];
                  if (vy === 0) continue;
                  for (let sx = 0; sx < 2; sx++) {
                    const vx = wx[sx][i];
                    if (vx === 0) continue;
                    const I = px[sx][i];
                    const J = py[sy][j];
                    const K = pz[sz][k];
                    const left = vx * vy * vz * value;
                    for (let tz2 = 0; tz2 < 2; tz2++) {
                      const uz = wz[tz2][kk];
                      if (uz === 0) continue;
                      for (let ty2 = 0; ty2 < 2; ty2++) {
                        const uy = wy[ty2][jj];
                        if (uy === 0) continue;
                        for (let tx2 = 0; tx2 < 2; tx2++) {
                          const ux = wx[tx2][ii];
                          if (ux === 0) continue;
                          coarse.add(
                            I,
                            J,
                            K,
                            offset(I, px[tx2][ii], cnx, fine.periodicX),
                            offset(J, py[ty2][jj], cny, fine.periodicY),
                            pz[tz2][kk] - K,
                            left * ux * uy * uz,
                          );
                        }
                      }
                    }
                  }
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

export class Multigrid3D {
  private readonly levels: Level[] = [];
  private readonly coarseSolver: DenseCholesky;

  constructor(matrix: StencilMatrix3D) {
    let current = matrix;
    for (;;) {
      const n = current.size;
      this.levels.push({
        matrix: current,
        solution: new Float64Array(n),
        rhs: new Float64Array(n),
        residual: new Float64Array(n),
        t: transfers(current),
      });
      if (
        current.size <= 512 ||
        !coarsenable(current.nx, current.periodicX) ||
        !coarsenable(current.ny, current.periodicY) ||
        !coarsenable(current.nz, false)
      ) {
        break;
      }
      current = galerkinCoarsen3D(current);
    }
    const coarsest = this.levels[this.levels.length - 1].matrix;
    if (coarsest.size > 6000)
      throw new Error(
        `Multigrid3D: coarsest grid of ${coarsest.size} unknowns is too large; use sizes divisible by powers of two`,
      );
    const n = coarsest.size;
    const dense = new Float64Array(n * n);
    const unit = new Float64Array(n);
    const column = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      unit.fill(0);
      unit[c] = 1;
      coarsest.multiply(unit, column);
      for (let r = 0; r < n; r++) dense[r * n + c] = column[r];
    }
    this.coarseSolver = new DenseCholesky(dense, n);
  }

  get levelCount(): number {
    return this.levels.length;
  }

  apply(r: Float64Array, z: Float64Array): void {
    this.levels[0].rhs.set(r);
    this.cycle(0);
    z.set(this.levels[0].solution);
  }

  private cycle(depth: number): void {
    const level = this.levels[depth];
    const { matrix, solution, rhs, residual } = level;
    if (depth === this.levels.length - 1) {
      this.coarseSolver.solve(rhs, solution);
      return;
    }
    solution.fill(0);
    for (let s = 0; s < SWEEPS; s++) matrix.gaussSeidel(solution, rhs, false);
    matrix.multiply(solution, residual);
    for (let n = 0; n < residual.length; n++) residual[n] = rhs[n] - residual[n];
    const coarse = this.levels[depth + 1];
    this.transfer(level, coarse, residual, coarse.rhs, true);
    this.cycle(depth + 1);
    this.transfer(level, coarse, coarse.solution, solution, false);
    for (let s = 0; s < SWEEPS; s++) matrix.gaussSeidel(solution, rhs, true);
  }

  /** restrict: coarse = P^T fine; otherwise fine += P coarse. */
  private transfer(
    level: Level,
    coarse: Level,
    from: Float64Array,
    to: Float64Array,
    restrict: boolean,
  ): void {
    const { nx, ny, nz } = level.matrix;
    const cnx = coarse.matrix.nx;
    const cny = coarse.matrix.ny;
    const [tx, ty, tz] = level.t;
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
}
