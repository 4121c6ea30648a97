import { lawOf, seriesCurrent } from "../kinetics/index.js";
import {
  assembleTerrainFollowing,
  conjugateGradients,
  type GridExecutor,
  gridExecutorFor,
  layerAreaWeights,
  Multigrid3D,
  type StructuredMesh3D,
  stencilArenaExecutor,
  type TerrainFollowingMesh3D,
  terrainFollowingNodes,
} from "../numerics/index.js";
import { overpotential, platingCurrent } from "./kinetics.js";
import { newtonRobin } from "./newton.js";
import type { Kinetics } from "./problem.js";

/**
 * M1 in 3D (Zhang2024): a periodic unit cell (period S in x and y) of solid electrolyte above a
 * contoured Li surface z = g(x, y); uniform current density entering at the top (geometric current
 * density, per projected area), any law of the kinetics layer at the Li surface (phi_s = 0), trilinear
 * finite elements on a terrain-following mesh and multigrid-preconditioned CG.
 */
export type Contour =
  | { shape: "flat" }
  | { shape: "egg-box"; height_m: number }
  | { shape: "pyramid"; height_m: number }
  | { shape: "frustum"; height_m: number; topWidth_m: number }
  /** Heights on a regular grid over one period (x, y ascending), interpolated bilinearly and periodically. */
  | { shape: "height-map"; x_m: number[]; y_m: number[]; height_m: number[][] };

export interface Interface3DProblem {
  period_m: number;
  /** Electrolyte thickness above the plane z = 0 (Zhang2024: at least 3 S). */
  thickness_m: number;
  conductivity_S_m: number;
  contour: Contour;
  kinetics: Kinetics;
  currentDensity_A_m2: number;
  /**
   * If given, the top is an equipotential at this electrode potential against it (potentiostatic,
   * phi_top = -E as in interface-2d) and currentDensity is not applied.
   */
  electrodePotential_V?: number;
  cellsPerPeriod: number;
  relativeTolerance: number;
  /**
   * Threads to split the grid over; default: what gridExecutorFor gives for this size (one thread
   * unless the CLI installed a pool), on one thread stencilArenaExecutor's where WebAssembly runs.
   */
  executor?: GridExecutor;
}

/** The surface height: egg-box z = (H/2) cos(2 pi x/S) cos(2 pi y/S); pyramids/frustums over one period. */
export function contourHeight(contour: Contour, period: number): (x: number, y: number) => number {
  switch (contour.shape) {
    case "flat":
      return () => 0;
    case "egg-box":
      return (x, y) =>
        (contour.height_m / 2) * Math.cos((2 * Math.PI * x) / period) * Math.cos((2 * Math.PI * y) / period);
    case "height-map": {
      const { x_m: xs, y_m: ys, height_m: table } = contour;
      const locate = (values: number[], t: number) => {
        // Cell [values[k], values[k + 1]) containing t, wrapping around the period.
        const u = ((t % period) + period) % period;
        const last = values.length - 1;
        if (u < values[0] || u >= values[last]) {
          const from = u >= values[last] ? values[last] : values[last] - period;
          return { k: last, next: 0, w: (u - from) / (values[0] + period - values[last]) };
        }
        let k = 0;
        while (values[k + 1] <= u) k++;
        return { k, next: k + 1, w: (u - values[k]) / (values[k + 1] - values[k]) };
      };
      return (x, y) => {
        const a = locate(xs, x);
        const b = locate(ys, y);
        return (
          (1 - a.w) * (1 - b.w) * table[b.k][a.k] +
          a.w * (1 - b.w) * table[b.k][a.next] +
          (1 - a.w) * b.w * table[b.next][a.k] +
          a.w * b.w * table[b.next][a.next]
        );
      };
    }
    case "pyramid":
    case "frustum": {
      const flatTop = contour.shape === "frustum" ? contour.topWidth_m / period : 0;
      return (x, y) => {
        // Distance from the cell centre in the max-norm, 0 at the apex, 1 at the base edge.
        const m = 2 * Math.max(Math.abs(x / period - 0.5), Math.abs(y / period - 0.5));
        return contour.height_m * Math.min(1, (1 - m) / (1 - flatTop));
      };
    }
  }
}

export interface Interface3DSolution {
  mesh: StructuredMesh3D;
  /** Plating current density normal to the surface at each surface node (nx * ny). */
  currentDensity_A_m2: Float64Array;
  areaWeights_m2: Float64Array;
  totalCurrent_A: number;
  /** CG iterations, summed over the Newton steps of a nonlinear law. */
  iterations: number;
  /** Newton steps (0 for primary and linear kinetics). */
  newtonIterations: number;
  residual: number;
}

/**
 * The terrain-following mesh of a unit cell: n x n columns per period, near-cubic cells in z,
 * rounded to 2^L m + 1 layers so that multigrid can coarsen L times.
 */
export function interfaceMesh3D(problem: Interface3DProblem): TerrainFollowingMesh3D {
  const n = problem.cellsPerPeriod;
  const h = problem.period_m / n;
  let nzCells = Math.ceil(problem.thickness_m / h);
  const levels = Math.max(0, Math.floor(Math.log2(Math.min(n, nzCells) / 4)));
  nzCells = Math.ceil(nzCells / 2 ** levels) * 2 ** levels;
  const g = contourHeight(problem.contour, problem.period_m);
  return {
    x: Float64Array.from({ length: n }, (_, i) => i * h),
    y: Float64Array.from({ length: n }, (_, j) => j * h),
    periodX: problem.period_m,
    periodY: problem.period_m,
    surface: Float64Array.from({ length: n * n }, (_, s) => g((s % n) * h, Math.floor(s / n) * h)),
    top: problem.thickness_m,
    zeta: Float64Array.from({ length: nzCells + 1 }, (_, k) => k / nzCells),
  };
}

export function solveInterface3D(problem: Interface3DProblem): Interface3DSolution {
  const n = problem.cellsPerPeriod;
  const terrain = interfaceMesh3D(problem);
  const nz = terrain.zeta.length;
  const mesh = terrainFollowingNodes(terrain);
  const size = n * n * nz;
  // On one thread the matrices and vectors live in WebAssembly memory, where the backward sweeps
  // run about twice as fast (docs/interface-3d.md); split over threads, they stay shared arrays.
  const pool = gridExecutorFor(size);
  const executor = problem.executor ?? (pool.threads === 1 ? (stencilArenaExecutor(size, n) ?? pool) : pool);
  const matrix = assembleTerrainFollowing(terrain, problem.conductivity_S_m, executor);
  const bottom = layerAreaWeights(mesh, 0);
  const top = layerAreaWeights(mesh, nz - 1);
  const rhs = new Float64Array(size);
  const topOffset = (nz - 1) * n * n;
  const potentiostatic = problem.electrodePotential_V !== undefined;
  if (!potentiostatic)
    for (let s = 0; s < n * n; s++) rhs[topOffset + s] = problem.currentDensity_A_m2 * top[s];
  const kinetics = problem.kinetics;
  const law = lawOf(kinetics);
  const primary = law.treatment === "potential";
  // Half-stored symmetric stencil (StencilMatrix3D): row s keeps its diagonal [0] and upper entries
  // [c - 13], c = (dk + 1) 9 + (dj + 1) 3 + (di + 1) >= 13.
  const a = matrix.coefficients;
  // Surface rows, kept for the primary reaction: their entries towards the layer above (dk = +1)
  // are K_sc.
  const surfaceRows = primary ? a.slice(0, 14 * n * n) : null;
  switch (law.treatment) {
    case "potential":
      // phi = 0 on the surface (eta = 0): rows become identity, columns move to the right-hand side
      // (values 0). The surface rows hold every coupling of a surface node (its lower neighbours
      // are surface nodes too), so clearing them clears the columns as well.
      for (let s = 0; s < n * n; s++) {
        for (let e = 0; e < 14; e++) a[14 * s + e] = 0;
        a[14 * s] = 1;
        rhs[s] = 0;
      }
      break;
    case "linear": {
      // i_n = G (phi + V dP/F): the stress shift of a linear law moves to the right-hand side.
      const conductance = law.slope(0, kinetics);
      const offset = -overpotential(kinetics, 0, 0);
      for (let s = 0; s < n * n; s++) {
        matrix.addToDiagonal(s, bottom[s] * conductance);
        rhs[s] -= bottom[s] * conductance * offset;
      }
      break;
    }
    case "nonlinear":
      // Newton below linearises the law at every step.
      break;
    default: {
      const _exhaustive: never = law.treatment;
      throw new Error(`unknown kinetics treatment ${_exhaustive}`);
    }
  }
  if (problem.electrodePotential_V !== undefined)
    imposeTopPotential(a, rhs, n, nz, -problem.electrodePotential_V);
  const phi = new Float64Array(size);
  let iterations: number;
  let residual: number;
  let newtonIterations = 0;
  if (law.treatment === "nonlinear") {
    const surface = Array.from({ length: n * n }, (_, s) => s);
    const result = newtonRobin(
      matrix,
      (m) => new Multigrid3D(m),
      rhs,
      phi,
      {
        nodes: surface,
        kinetics: surface.map(() => kinetics),
        shift: new Float64Array(n * n),
        weights: bottom,
        expectedCurrent_A_m2: potentiostatic
          ? -seriesCurrent(
              kinetics,
              (problem.electrodePotential_V as number) - law.stressShift_V(kinetics),
              problem.thickness_m / problem.conductivity_S_m,
            )
          : problem.currentDensity_A_m2,
      },
      problem.relativeTolerance,
    );
    iterations = result.linearIterations;
    newtonIterations = result.newtonIterations;
    residual = result.residual;
  } else {
    const report = conjugateGradients(matrix, new Multigrid3D(matrix), rhs, phi, {
      relativeTolerance: problem.relativeTolerance,
      allocate: executor.allocate,
    });
    iterations = report.iterations;
    residual = report.relativeResidual;
  }
  const current = new Float64Array(n * n);
  if (surfaceRows) {
    // Consistent reaction of the unconstrained stiffness rows: i_n = -(K phi)_s / w_s, where only the
    // layer above contributes (phi_s = 0): entries c = 18 + (dj + 1) 3 + (di + 1) of row s.
    for (let s = 0; s < n * n; s++) {
      const i = s % n;
      const j = Math.floor(s / n);
      let reaction = 0;
      for (let dj = -1; dj <= 1; dj++) {
        for (let di = -1; di <= 1; di++) {
          const c = surfaceNeighbour(n, i, j, di, dj);
          reaction += surfaceRows[14 * s + 5 + (dj + 1) * 3 + (di + 1)] * phi[n * n + c];
        }
      }
      current[s] = -reaction / bottom[s];
    }
  } else {
    for (let s = 0; s < n * n; s++)
      current[s] = platingCurrent(kinetics, overpotential(kinetics, phi[s], 0)).current;
  }
  let total = 0;
  for (let s = 0; s < n * n; s++) total += current[s] * bottom[s];
  return {
    mesh,
    currentDensity_A_m2: current,
    areaWeights_m2: bottom,
    totalCurrent_A: total,
    iterations,
    newtonIterations,
    residual,
  };
}

/** Index within one n x n layer of the periodic neighbour (i + di, j + dj). */
function surfaceNeighbour(n: number, i: number, j: number, di: number, dj: number): number {
  return ((j + dj + n) % n) * n + ((i + di + n) % n);
}

/**
 * phi = value on the top layer: its rows become diagonal and its columns in the layer below move to
 * the right-hand side. Half-stored stencil: the top rows' upper entries are their couplings within
 * the top layer, the layer below's entries c = 18 ... 26 (stored at 5 ... 13) those to the top.
 */
function imposeTopPotential(a: Float64Array, rhs: Float64Array, n: number, nz: number, value: number): void {
  const layer = n * n;
  for (let s = 0; s < layer; s++) {
    const row = (nz - 1) * layer + s;
    // Scaled by the row's own diagonal, so its residual is measured like the flux rows' (Newton's
    // residual norm is relative to the right-hand side).
    const diagonal = a[14 * row];
    for (let e = 1; e < 14; e++) a[14 * row + e] = 0;
    rhs[row] = diagonal * value;
    const below = (nz - 2) * layer + s;
    for (let e = 5; e < 14; e++) {
      rhs[below] -= a[14 * below + e] * value;
      a[14 * below + e] = 0;
    }
  }
}
