import { NumericalError } from "../../errors.js";
import { EisenstatWalkerForcing } from "../../numerics/forcingTerm.js";
import { gridNestedDissection } from "../../numerics/gridDissection.js";
import { assemble, type CellMesh, elementGeometry, type Material } from "./assembly.js";
import { NodeBlockMatrix } from "./nodeBlockMatrix.js";
import type { PowerLawCreep } from "./powerLaw.js";
import { BandedTangentSolver, ReusedFactorSolver, type TangentSolver } from "./tangentSolver.js";

/**
 * M2 (Zhang2024, "momentum balance that includes the creep power law"): the excess pressure that
 * plating builds on a contoured Li/electrolyte interface, solved in 3D over the periodic unit cell.
 *
 * Assumptions (ours; Zhang2024 gives the calculation only in its ESI):
 * - The electrolyte is rigid and fixed; Li is plated at the interface with normal velocity
 *   v_n = i_n V_Li / F, so Li at the interface moves into the Li at v_n (mass balance) and sticks to
 *   the electrolyte (no tangential velocity).
 * - Li is an incompressible power-law fluid (steady creep, elasticity neglected): von Mises
 *   eps_dot_e = A' sigma_e^n, i.e. sigma = 2 eta eps_dot with eta = sigma_e / (3 eps_dot_e).
 * - The contour is mirror-symmetric about x = 0, x = S/2, y = 0 and y = S/2 (egg-box, pyramids,
 *   frustums), so a quarter of the unit cell with symmetry planes is solved.
 * - Pure creep has no threshold: the pressure grows as (velocity contrast)^(1/n), so even a
 *   nanometre-high contour builds a finite pressure (elasticity, neglected, would remove this).
 * - Far below (depth D) the Li is free of traction beyond the stack pressure; the excess pressure
 *   is the interfacial normal pressure minus the stack pressure, which incompressible creep leaves
 *   unchanged, so the stack pressure drops out.
 *
 * Numerics: trilinear velocity elements on a terrain-following grid whose layers thicken
 * geometrically with depth, incompressibility by a penalty with one-point (reduced) integration,
 * Newton iterations with the consistent tangent of the power law and a backtracking line search on
 * the convex dissipation potential Phi = A'^(-1/n) s^(1+1/n) / (1 + 1/n),
 * s^2 = eps_dot_e^2 + eps_dot_0^2 (tiny regularisation); the interfacial traction is the consistent
 * reaction of the converged residual. Each Newton system is solved by conjugate gradients
 * preconditioned with a nested-dissection Cholesky factor of an earlier tangent, refactored when
 * they slow down (see tangentSolver.ts); `linearSolver: "banded"` keeps the former band Cholesky
 * of every tangent, the reference for tests and the bench.
 */
export interface CreepCellProblem {
  period_m: number;
  /** Cells across the quarter cell in x and in y (the node spacing is S / (2 cellsAcross)). */
  cellsAcross: number;
  /**
   * Li surface height at the quarter-cell nodes x_i = i S/(2m), y_j = j S/(2m), i, j = 0..m,
   * index j (m + 1) + i.
   */
  surfaceHeight_m: Float64Array;
  /** Plating velocity v_n = i_n V_Li / F at the same nodes. */
  platingVelocity_m_s: Float64Array;
  creep: PowerLawCreep;
  /** Depth of Li below the mean plane that is modelled (default: one period). */
  depth_m?: number;
  relativeTolerance?: number;
  /**
   * "sparse" (default): reused nested-dissection factor + conjugate gradients, stiffened tangent
   * far from the solution; "banded": the former path (band Cholesky of every consistent tangent,
   * line search by halving), the reference for tests and the bench.
   */
  linearSolver?: "sparse" | "banded";
}

export interface CreepCellSolution {
  /** Interfacial normal pressure minus the stack pressure at the surface nodes (same indexing). */
  excessPressure_Pa: Float64Array;
  newtonIterations: number;
  /** Relative size of the last Newton update. */
  residual: number;
  /** |outflow at the bottom - plating over the surface| / plating over the surface. */
  massBalanceError: number;
  /** Cholesky factorisations and conjugate-gradient iterations spent on the Newton systems. */
  factorisations: number;
  linearIterations: number;
}

/** Penalty = this factor times the viscosity at the characteristic strain rate. */
const PENALTY_FACTOR = 1e5;
/** Regularising strain rate relative to the characteristic one. */
const RATE_FLOOR = 1e-4;
/** Newton update below which the consistent tangent is used; above it, the stiffer one below. */
const FULL_NEWTON_BELOW = 3e-3;
/** Tangent exponent floor while far from the solution (tried 0.3-0.4 and 1 at 8-24 cells per period). */
const TANGENT_EXPONENT_FLOOR = 0.35;
/** Tightest and loosest relative residual asked of an iterative Newton-step solve. */
const MIN_FORCING = 1e-10;
const MAX_FORCING = 0.1;
/** Bottom layer thickness / top layer thickness = e^GRADING. */
const GRADING = 2;
/** Layers per cell across, per period of depth. */
const LAYERS_PER_CELL = 1;
/**
 * The linear solver of problems that name none. Only the bench changes it, to time whole studies
 * (which do not pass one) on the former band solve beside the default.
 */
export const creepSolverDefault: { linearSolver: "sparse" | "banded" } = { linearSolver: "sparse" };

export function solveCreepUnitCell(problem: CreepCellProblem): CreepCellSolution {
  const { surfaceHeight_m: surface, platingVelocity_m_s: plating, creep, cellsAcross: m } = problem;
  const surfaceCount = (m + 1) * (m + 1);
  if (m < 2 || surface.length !== surfaceCount || plating.length !== surfaceCount) {
    throw new Error(`solveCreepUnitCell: expected (cellsAcross + 1)^2 = ${surfaceCount} surface values`);
  }
  const S = problem.period_m;
  const mesh = buildMesh(S, m, surface, problem.depth_m ?? S);
  const { layers, node } = mesh;
  const nodeCount = surfaceCount * (layers + 1);
  const geometry = elementGeometry(mesh);
  const exponent = 1 / creep.stressExponent;
  const stressScale = creep.rateCoefficient ** -exponent;

  // Characteristic strain rate: the spread of plating velocity over half a period.
  let vMin = Number.POSITIVE_INFINITY;
  let vMax = Number.NEGATIVE_INFINITY;
  let vMean = 0;
  for (let s = 0; s < surfaceCount; s++) {
    vMin = Math.min(vMin, plating[s]);
    vMax = Math.max(vMax, plating[s]);
    vMean += plating[s] / surfaceCount;
  }
  const rateScale = Math.max(vMax - vMin, 1e-3 * Math.abs(vMean), 1e-300) / (S / 2);
  const material: Material = {
    exponent,
    stressScale,
    rateFloor: RATE_FLOOR * rateScale,
    penalty: (PENALTY_FACTOR * (stressScale * rateScale ** (exponent - 1))) / 3,
  };

  // Dirichlet data: surface nodes move into the Li at v_n along the inward normal; on the
  // symmetry planes the normal velocity component vanishes.
  const size = 3 * nodeCount;
  const fixed = new Uint8Array(size);
  const velocity = new Float64Array(size);
  const normals = surfaceNormals(mesh);
  for (let j = 0; j <= m; j++) {
    for (let i = 0; i <= m; i++) {
      for (let k = 0; k <= layers; k++) {
        const d = 3 * node(i, j, k);
        if (i === 0 || i === m) fixed[d] = 1;
        if (j === 0 || j === m) fixed[d + 1] = 1;
      }
      const s = j * (m + 1) + i;
      const d = 3 * node(i, j, layers);
      for (let c = 0; c < 3; c++) {
        fixed[d + c] = 1;
        velocity[d + c] = -plating[s] * normals.normal[3 * s + c];
      }
    }
  }

  const gradient = new Float64Array(size);
  const rhs = new Float64Array(size);
  const step = new Float64Array(size);
  const trial = new Float64Array(size);
  const tolerance = problem.relativeTolerance ?? 1e-9;
  // One tangent (27 node blocks per node), refilled every Newton step.
  const tangent = new NodeBlockMatrix(m + 1, m + 1, layers + 1, node, fixed);
  // The former path, kept as the reference: band Cholesky of every consistent tangent, halving.
  const former = (problem.linearSolver ?? creepSolverDefault.linearSolver) === "banded";
  const solver: TangentSolver = former
    ? new BandedTangentSolver(3 * (node(1, 1, 1) - node(0, 0, 0)) + 2)
    : new ReusedFactorSolver(
        gridNestedDissection({
          nx: m + 1,
          ny: m + 1,
          nz: layers + 1,
          node,
          unknownsPerNode: 3,
          unknown: (p, c) => tangent.freeIndex[3 * p + c],
        }),
        tangent.values.length,
      );
  // Inexact Newton (Dembo, Eisenstat & Steihaug, SIAM J. Numer. Anal. 19 (1982) 400): a linear
  // residual reduced by a forcing term converges to the same solution; Eisenstat & Walker's choice
  // 2 keeps it loose while the residual falls slowly and tightens it as Newton turns quadratic
  // (27% fewer factorisation-equivalents than forcing = last update on the critical-current cells).
  const forcingTerm = new EisenstatWalkerForcing(1e-2, MAX_FORCING, MIN_FORCING);
  let update = Number.POSITIVE_INFINITY;
  const newtonStep = (newtonianRate: number) => {
    // Far from the solution the consistent tangent, soft along the current strain rate (by m =
    // 1/n), overshoots several-fold; a stiffer one there takes fewer, longer steps.
    const tangentExponent =
      !former && update > FULL_NEWTON_BELOW ? Math.max(exponent, TANGENT_EXPONENT_FLOOR) : exponent;
    assemble(geometry, mesh, velocity, material, gradient, tangent, newtonianRate, tangentExponent);
    let residual = 0;
    for (let d = 0; d < size; d++) {
      rhs[d] = fixed[d] ? 0 : -gradient[d];
      residual += rhs[d] * rhs[d];
    }
    // The first (Newtonian) step is solved directly with a fresh factor, whatever it is asked.
    solver.solve(tangent, rhs, step, newtonianRate > 0 ? 1 : forcingTerm.next(Math.sqrt(residual)));
  };
  // Start from the Newtonian flow with the viscosity of the characteristic strain rate.
  newtonStep(rateScale);
  for (let d = 0; d < size; d++) velocity[d] += step[d];
  let potential = assemble(geometry, mesh, velocity, material, null, null, 0);
  let iterations = 0;
  while (iterations < 80) {
    newtonStep(0);
    let slope = 0;
    let stepNorm = 0;
    let velocityNorm = 0;
    for (let d = 0; d < size; d++) {
      slope += gradient[d] * step[d];
      stepNorm = Math.max(stepNorm, Math.abs(step[d]));
      velocityNorm = Math.max(velocityNorm, Math.abs(velocity[d]));
    }
    // Backtracking on the convex potential (Armijo), each trial at the minimum of the quadratic
    // through Phi(0), Phi'(0) and the rejected Phi(alpha), kept within [alpha/10, alpha/2].
    let alpha = 1;
    let trialPotential = Number.POSITIVE_INFINITY;
    for (let halving = 0; halving < 30; halving++) {
      for (let d = 0; d < size; d++) trial[d] = velocity[d] + alpha * step[d];
      trialPotential = assemble(geometry, mesh, trial, material, null, null, 0);
      const roundOff = 1e-13 * Math.abs(potential);
      if (
        trialPotential <= potential + 1e-4 * alpha * slope ||
        Math.abs(trialPotential - potential) <= roundOff
      )
        break;
      const curvature = (trialPotential - potential - slope * alpha) / (alpha * alpha);
      const minimum = curvature > 0 ? -slope / (2 * curvature) : alpha / 2;
      alpha = former ? alpha / 2 : Math.min(alpha / 2, Math.max(alpha / 10, minimum));
    }
    velocity.set(trial);
    potential = trialPotential;
    iterations++;
    update = (alpha * stepNorm) / Math.max(velocityNorm, 1e-300);
    if (update < tolerance && alpha === 1) break;
  }
  if (!(update < tolerance)) {
    throw new NumericalError(`creep unit cell: Newton did not converge in ${iterations} iterations`, update);
  }
  assemble(geometry, mesh, velocity, material, gradient, null, 0);

  // Consistent reaction at the surface: the traction the electrolyte exerts on the Li.
  const excess = new Float64Array(surfaceCount);
  let inflow = 0;
  let outflow = 0;
  const h = S / (2 * m);
  for (let j = 0; j <= m; j++) {
    for (let i = 0; i <= m; i++) {
      const s = j * (m + 1) + i;
      const d = 3 * node(i, j, layers);
      let traction = 0;
      for (let c = 0; c < 3; c++) traction += gradient[d + c] * normals.normal[3 * s + c];
      excess[s] = -traction / normals.area[s];
      inflow += plating[s] * normals.area[s];
      // Trapezoid weights on the flat bottom.
      const bottomWeight = h * h * (i === 0 || i === m ? 0.5 : 1) * (j === 0 || j === m ? 0.5 : 1);
      outflow -= velocity[3 * node(i, j, 0) + 2] * bottomWeight;
    }
  }
  return {
    excessPressure_Pa: excess,
    newtonIterations: iterations,
    residual: update,
    massBalanceError: Math.abs(outflow - inflow) / Math.max(Math.abs(inflow), 1e-300),
    factorisations: solver.factorisations,
    linearIterations: solver.iterations,
  };
}

/**
 * Terrain-following nodes over depth D below the mean plane. Layers follow a fixed exponential
 * stretching of a uniform coordinate (thin at the surface, GRADING e-folds thicker at the bottom),
 * so refining m refines every layer in proportion and the scheme keeps its order.
 */
function buildMesh(S: number, m: number, surface: Float64Array, depth: number): CellMesh {
  const h = S / (2 * m);
  const layers = Math.max(2, Math.ceil(LAYERS_PER_CELL * m * (depth / S)));
  // Fraction of the column below each layer interface, from the bottom (0) to the surface (1).
  const fraction = new Float64Array(layers + 1);
  for (let k = 0; k <= layers; k++) {
    fraction[k] = 1 - Math.expm1(GRADING * (1 - k / layers)) / Math.expm1(GRADING);
  }
  const node = (i: number, j: number, k: number) => (j * (m + 1) + i) * (layers + 1) + k;
  const count = (m + 1) * (m + 1) * (layers + 1);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const z = new Float64Array(count);
  for (let j = 0; j <= m; j++) {
    for (let i = 0; i <= m; i++) {
      const top = surface[j * (m + 1) + i];
      for (let k = 0; k <= layers; k++) {
        const p = node(i, j, k);
        x[p] = i * h;
        y[p] = j * h;
        z[p] = -depth + (top + depth) * fraction[k];
      }
    }
  }
  return { m, layers, x, y, z, node };
}

/**
 * Outward (into the electrolyte) unit normals at the surface nodes and their areas (a quarter of
 * each adjacent surface facet); on the symmetry planes the component across the plane is zero.
 */
function surfaceNormals(mesh: CellMesh) {
  const { m, layers, node, x, y, z } = mesh;
  const count = (m + 1) * (m + 1);
  const sum = new Float64Array(3 * count);
  const area = new Float64Array(count);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      const p00 = node(i, j, layers);
      const p11 = node(i + 1, j + 1, layers);
      const p10 = node(i + 1, j, layers);
      const p01 = node(i, j + 1, layers);
      // Half the cross product of the diagonals: area times normal of the (near-planar) facet.
      const ax = x[p11] - x[p00];
      const ay = y[p11] - y[p00];
      const az = z[p11] - z[p00];
      const bx = x[p01] - x[p10];
      const by = y[p01] - y[p10];
      const bz = z[p01] - z[p10];
      const nx = (ay * bz - az * by) / 2;
      const ny = (az * bx - ax * bz) / 2;
      const nz = (ax * by - ay * bx) / 2;
      const facetArea = Math.hypot(nx, ny, nz);
      for (const s of [
        j * (m + 1) + i,
        j * (m + 1) + i + 1,
        (j + 1) * (m + 1) + i,
        (j + 1) * (m + 1) + i + 1,
      ]) {
        sum[3 * s] += nx;
        sum[3 * s + 1] += ny;
        sum[3 * s + 2] += nz;
        area[s] += facetArea / 4;
      }
    }
  }
  const normal = new Float64Array(3 * count);
  for (let j = 0; j <= m; j++) {
    for (let i = 0; i <= m; i++) {
      const s = j * (m + 1) + i;
      const nx = i === 0 || i === m ? 0 : sum[3 * s];
      const ny = j === 0 || j === m ? 0 : sum[3 * s + 1];
      const nz = sum[3 * s + 2];
      const norm = Math.hypot(nx, ny, nz);
      normal[3 * s] = nx / norm;
      normal[3 * s + 1] = ny / norm;
      normal[3 * s + 2] = nz / norm;
    }
  }
  return { normal, area };
}
