import { DenseCholesky } from "../denseCholesky.js";
import { StencilMatrix2D } from "./stencil2d.js";

/**
 * Geometric multigrid for StencilMatrix2D: bilinear prolongation P between nested structured grids,
 * Galerkin coarse operators A_c = P^T A P (robust for the variable coefficients and distorted cells
 * of boundary-fitted meshes, and SPD whenever A is), symmetric Gauss-Seidel smoothing and a dense
 * Cholesky solve on the coarsest grid. One V-cycle is a symmetric operator, hence a valid
 * preconditioner for conjugate gradients (Trottenberg, Oosterlee & Schueller, Multigrid, 2001, ch. 2, 7).
 */

interface Level {
  matrix: StencilMatrix2D;
  solution: Float64Array;
  rhs: Float64Array;
  residual: Float64Array;
}

const SMOOTHING_SWEEPS = 2;
const MAX_COARSE_UNKNOWNS = 4000;

/** Fine index -> coarse parents and weights of bilinear interpolation along one direction. */
function parents(fine: number, coarseCount: number, periodic: boolean): [number, number, number, number] {
  if ((fine & 1) === 0) return [fine >> 1, 1, -1, 0];
  const left = fine >> 1;
  let right = left + 1;
  if (periodic && right === coarseCount) right = 0;
  return [left, 0.5, right, 0.5];
}

function coarsenable(n: number, periodic: boolean): boolean {
  return periodic ? n % 2 === 0 && n / 2 >= 4 : n % 2 === 1 && (n + 1) / 2 >= 3;
}

function coarseCount(n: number, periodic: boolean): number {
  return periodic ? n / 2 : (n + 1) / 2;
}

/** Offset between two coarse columns in {-1, 0, 1}, accounting for periodic wrap. */
function offset(from: number, to: number, n: number, periodic: boolean): number {
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
  const a = fine.coefficients;
  for (let j = 0; j < fine.ny; j++) {
    const py = parents(j, cny, false);
    for (let i = 0; i < fine.nx; i++) {
      const px = parents(i, cnx, fine.periodicX);
      const row = j * fine.nx + i;
      for (let dj = -1; dj <= 1; dj++) {
        const jj = j + dj;
        if (jj < 0 || jj >= fine.ny) continue;
        const qy = parents(jj, cny, false);
        for (let di = -1; di <= 1; di++) {
          const ii = fine.column(i, di);
          if (ii < 0) continue;
          const value = a[9 * row + (dj + 1) * 3 + (di + 1)];
          if (value === 0) continue;
          const qx = parents(ii, cnx, fine.periodicX);
          // Scatter w_I * a_fg * w_J over the (up to 2 x 2) parents I of f and J of g.
          for (let sy = 0; sy < 4; sy += 2) {
            const wy = py[sy + 1];
            if (wy === 0) continue;
            for (let sx = 0; sx < 4; sx += 2) {
              const wx = px[sx + 1];
              if (wx === 0) continue;
              const I = px[sx];
              const Jrow = py[sy];
              for (let ty = 0; ty < 4; ty += 2) {
                const vy = qy[ty + 1];
                if (vy === 0) continue;
                for (let tx = 0; tx < 4; tx += 2) {
                  const vx = qx[tx + 1];
                  if (vx === 0) continue;
                  const dI = offset(I, qx[tx], cnx, fine.periodicX);
                  coarse.add(I, Jrow, dI, qy[ty] - Jrow, wx * wy * value * vx * vy);
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

export class Multigrid2D {
  private readonly levels: Level[];
  private readonly coarseSolver: DenseCholesky | null;

  constructor(matrix: StencilMatrix2D) {
    this.levels = [];
    let current = matrix;
    for (;;) {
      const n = current.size;
      this.levels.push({
        matrix: current,
        solution: new Float64Array(n),
        rhs: new Float64Array(n),
        residual: new Float64Array(n),
      });
      if (
        current.size <= 64 ||
        !coarsenable(current.nx, current.periodicX) ||
        !coarsenable(current.ny, false)
      ) {
        break;
      }
      current = galerkinCoarsen(current);
    }
    const coarsest = this.levels[this.levels.length - 1].matrix;
    this.coarseSolver =
      coarsest.size <= MAX_COARSE_UNKNOWNS ? new DenseCholesky(densify(coarsest), coarsest.size) : null;
  }

  get levelCount(): number {
    return this.levels.length;
  }

  /** z = M^-1 r: one V-cycle from a zero initial guess. */
  apply(r: Float64Array, z: Float64Array): void {
    const top = this.levels[0];
    top.rhs.set(r);
    this.cycle(0);
    z.set(top.solution);
  }

  private cycle(depth: number): void {
    const level = this.levels[depth];
    const { matrix, solution, rhs, residual } = level;
    if (depth === this.levels.length - 1) {
      if (this.coarseSolver) this.coarseSolver.solve(rhs, solution);
      else {
        solution.fill(0);
        // Too large for a dense factorisation: many symmetric sweeps approximate the solve.
        for (let k = 0; k < 50; k++) {
          matrix.gaussSeidel(solution, rhs, false);
          matrix.gaussSeidel(solution, rhs, true);
        }
      }
      return;
    }
    solution.fill(0);
    for (let k = 0; k < SMOOTHING_SWEEPS; k++) matrix.gaussSeidel(solution, rhs, false);
    matrix.multiply(solution, residual);
    for (let n = 0; n < residual.length; n++) residual[n] = rhs[n] - residual[n];
    const coarse = this.levels[depth + 1];
    restrict(matrix, coarse.matrix, residual, coarse.rhs);
    this.cycle(depth + 1);
    prolongAdd(matrix, coarse.matrix, coarse.solution, solution);
    for (let k = 0; k < SMOOTHING_SWEEPS; k++) matrix.gaussSeidel(solution, rhs, true);
  }
}

function densify(matrix: StencilMatrix2D): Float64Array {
  const n = matrix.size;
  const dense = new Float64Array(n * n);
  for (let j = 0; j < matrix.ny; j++) {
    for (let i = 0; i < matrix.nx; i++) {
      const row = j * matrix.nx + i;
      for (let dj = -1; dj <= 1; dj++) {
        const jj = j + dj;
        if (jj < 0 || jj >= matrix.ny) continue;
        for (let di = -1; di <= 1; di++) {
          const ii = matrix.column(i, di);
          if (ii < 0) continue;
          dense[row * n + jj * matrix.nx + ii] += matrix.coefficients[9 * row + (dj + 1) * 3 + (di + 1)];
        }
      }
    }
  }
  return dense;
}

/** r_c = P^T r_f */
function restrict(
  fine: StencilMatrix2D,
  coarse: StencilMatrix2D,
  fineValues: Float64Array,
  coarseValues: Float64Array,
): void {
  coarseValues.fill(0);
  for (let j = 0; j < fine.ny; j++) {
    const py = parents(j, coarse.ny, false);
    for (let i = 0; i < fine.nx; i++) {
      const px = parents(i, coarse.nx, fine.periodicX);
      const v = fineValues[j * fine.nx + i];
      for (let sy = 0; sy < 4; sy += 2) {
        if (py[sy + 1] === 0) continue;
        for (let sx = 0; sx < 4; sx += 2) {
          if (px[sx + 1] === 0) continue;
          coarseValues[py[sy] * coarse.nx + px[sx]] += px[sx + 1] * py[sy + 1] * v;
        }
      }
    }
  }
}

/** x_f += P e_c */
function prolongAdd(
  fine: StencilMatrix2D,
  coarse: StencilMatrix2D,
  coarseValues: Float64Array,
  fineValues: Float64Array,
): void {
  for (let j = 0; j < fine.ny; j++) {
    const py = parents(j, coarse.ny, false);
    for (let i = 0; i < fine.nx; i++) {
      const px = parents(i, coarse.nx, fine.periodicX);
      let v = 0;
      for (let sy = 0; sy < 4; sy += 2) {
        if (py[sy + 1] === 0) continue;
        for (let sx = 0; sx < 4; sx += 2) {
          if (px[sx + 1] === 0) continue;
          v += px[sx + 1] * py[sy + 1] * coarseValues[py[sy] * coarse.nx + px[sx]];
        }
      }
      fineValues[j * fine.nx + i] += v;
    }
  }
}
