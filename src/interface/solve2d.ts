import { lawOf, seriesCurrent } from "../kinetics/index.js";
import {
  assembleTerrainFollowing2D,
  cellsInX,
  conjugateGradients,
  type GridExecutor,
  gridExecutorFor,
  imposeDirichlet,
  Multigrid2D,
  rowBoundaryWeights,
  type StencilMatrix2D,
  type StructuredMesh2D,
  terrainFollowingNodes2D,
} from "../numerics/index.js";
import { collectorHeight, multigridCellCounts, terrainFollowingMesh } from "./geometry.js";
import { overpotential, platingCurrent } from "./kinetics.js";
import { newtonRobin } from "./newton.js";
import type { Interface2DProblem, Kinetics } from "./problem.js";

export interface CollectorSolution {
  /** Per collector node, left to right. */
  x_m: Float64Array;
  y_m: Float64Array;
  arcLength_m: Float64Array;
  /** Plating current density normal to the surface (A/m^2, positive = plating). */
  currentDensity_A_m2: Float64Array;
  overpotential_V: Float64Array;
}

export interface Interface2DSolution {
  mesh: StructuredMesh2D;
  potential_V: Float64Array;
  collector: CollectorSolution;
  /** Total plating current per unit depth (A/m) and the current entering at the top. */
  totalCurrent_A_m: number;
  topCurrent_A_m: number;
  /** Electrode potential relative to the mean potential of the top surface. */
  cellPotential_V: number;
  linearIterations: number;
  newtonIterations: number;
  residual: number;
}

/**
 * Which kinetics and equilibrium shift apply at each collector node: a site's or tip's own
 * kinetics over its interval |x - x_c| <= width/2, else the collector's.
 */
function nodeKinetics(problem: Interface2DProblem, mesh: StructuredMesh2D) {
  const kinetics: Kinetics[] = [];
  const shift = new Float64Array(mesh.nx);
  const covers = (region: { x_m: number; width_m: number }, x: number) =>
    Math.abs(x - region.x_m) <= region.width_m / 2 + 1e-12 * region.width_m;
  for (let i = 0; i < mesh.nx; i++) {
    const x = mesh.x[i];
    const site = problem.collector.sites.find((s) => covers(s, x));
    const tip = problem.collector.tips.find((t) => t.kinetics && covers(t, x));
    kinetics.push(site?.kinetics ?? tip?.kinetics ?? problem.collector.kinetics);
    shift[i] = site ? site.drivingForce_V : 0;
  }
  return { kinetics, shift };
}

function cellConductivities(problem: Interface2DProblem, mesh: StructuredMesh2D): Float64Array | number {
  const { inclusions, conductivity_S_m } = problem.layer;
  if (inclusions.length === 0) return conductivity_S_m;
  const ncx = cellsInX(mesh);
  const sigma = new Float64Array(ncx * (mesh.ny - 1)).fill(conductivity_S_m);
  for (let cj = 0; cj < mesh.ny - 1; cj++) {
    for (let ci = 0; ci < ncx; ci++) {
      const a = cj * mesh.nx + ci;
      const b = cj * mesh.nx + ((ci + 1) % mesh.nx);
      const cx = 0.5 * (mesh.x[a] + (ci + 1 === mesh.nx ? mesh.x[b] + mesh.period : mesh.x[b]));
      const cy = 0.25 * (mesh.y[a] + mesh.y[b] + mesh.y[a + mesh.nx] + mesh.y[b + mesh.nx]);
      for (const inclusion of inclusions) {
        if (Math.hypot(cx - inclusion.x_m, cy - inclusion.y_m) <= inclusion.radius_m) {
          sigma[cj * ncx + ci] = inclusion.conductivity_S_m;
        }
      }
    }
  }
  return sigma;
}

/**
 * Solves div(sigma grad phi) = 0 in the layer with the collector kinetics (Xie2024 eqs 8-9), by Q1
 * finite elements on a boundary-fitted mesh and multigrid-preconditioned CG; Butler-Volmer by
 * Newton's method with backtracking line search. In galvanostatic mode the top flux fixes the
 * total current, and phi_s = 0 fixes the potential gauge, so no extra unknown is needed.
 * `executor`: the threads a big grid is split over (default: the installed provider's, see
 * numerics/parallel; the serial one in a browser or a library call).
 */
export function solveInterface2D(
  problem: Interface2DProblem,
  options: { executor?: GridExecutor } = {},
): Interface2DSolution {
  const height = collectorHeight(problem);
  const terrain = terrainFollowingMesh(
    problem,
    multigridCellCounts(problem.layer.width_m, problem.layer.thickness_m, problem.numerics.cellSize_m),
    height,
  );
  const n = terrain.x.length * terrain.zeta.length;
  const executor = options.executor ?? gridExecutorFor(n);
  const mesh = terrainFollowingNodes2D(terrain, executor);
  const { nx, ny } = mesh;
  const topRow = (ny - 1) * nx;
  const bottomWeights = rowBoundaryWeights(mesh, 0);
  const topWeights = rowBoundaryWeights(mesh, ny - 1);
  const stiffness = assembleTerrainFollowing2D(terrain, cellConductivities(problem, mesh), executor);
  const { kinetics, shift } = nodeKinetics(problem, mesh);

  // Right-hand side without the nonlinear terms and the solution, on the executor's memory so that
  // CG can split its vector updates too.
  const base = executor.allocate(n);
  const linearMatrix = stiffness; // gains the linear kinetics and boundary conditions below
  const dirichletNodes: number[] = [];
  const dirichletValues: number[] = [];
  if (problem.top.kind === "current") {
    for (let i = 0; i < nx; i++) base[topRow + i] += problem.top.currentDensity_A_m2 * topWeights[i];
  } else {
    for (let i = 0; i < nx; i++) {
      dirichletNodes.push(topRow + i);
      dirichletValues.push(-problem.top.electrodePotential_V);
    }
  }
  const nonlinear: number[] = [];
  for (let i = 0; i < nx; i++) {
    const k = kinetics[i];
    const law = lawOf(k);
    switch (law.treatment) {
      case "potential":
        dirichletNodes.push(i);
        dirichletValues.push(overpotentialFreePotential(k, shift[i]));
        break;
      case "linear": {
        // i_n = G (phi + phi_0 + V dP/F) with G = d i / d eta enters the weak form as w i_n.
        const conductance = law.slope(0, k);
        linearMatrix.add(i, 0, 0, 0, bottomWeights[i] * conductance);
        base[i] -= bottomWeights[i] * conductance * -overpotential(k, 0, shift[i]);
        break;
      }
      case "nonlinear":
        nonlinear.push(i);
        break;
      default: {
        const _exhaustive: never = law.treatment;
        throw new Error(`unknown kinetics treatment ${_exhaustive}`);
      }
    }
  }
  // The reactions need the unconstrained rows of the imposed nodes only, all on the collector and top
  // lines: those two lines are kept and put back after the solve instead of a copy of the matrix
  // (85 MB of fresh memory at 1.18 M unknowns).
  const lineStart = (j: number) => 9 * j * nx;
  const unconstrained =
    dirichletNodes.length > 0
      ? [0, ny - 1].map((j) => linearMatrix.coefficients.slice(lineStart(j), lineStart(j + 1)))
      : [];
  imposeDirichlet(linearMatrix, base, Int32Array.from(dirichletNodes), Float64Array.from(dirichletValues));

  const tolerance = problem.numerics.relativeTolerance;
  const phi = executor.allocate(n);
  let linearIterations = 0;
  let newtonIterations = 0;
  let residual = 0;
  if (nonlinear.length === 0) {
    const report = conjugateGradients(linearMatrix, new Multigrid2D(linearMatrix), base, phi, {
      relativeTolerance: tolerance,
      executor,
      consumeRhs: true,
    });
    linearIterations = report.iterations;
    residual = report.relativeResidual;
  } else {
    ({ linearIterations, newtonIterations, residual } = newtonRobin(
      linearMatrix,
      (m) => new Multigrid2D(m),
      base,
      phi,
      {
        nodes: nonlinear,
        kinetics,
        shift,
        weights: bottomWeights,
        expectedCurrent_A_m2: expectedCurrent(problem),
      },
      tolerance,
    ));
  }

  const reactionMatrix = linearMatrix;
  for (const [k, j] of [0, ny - 1].entries())
    if (unconstrained[k]) reactionMatrix.coefficients.set(unconstrained[k], lineStart(j));
  // Collector current: kinetics where it is a flux condition, the consistent reaction
  // i_n = -(A phi)_d / w_d where the potential is imposed (primary kinetics).
  const reaction = (node: number) => rowProduct(reactionMatrix, phi, node);
  const collector: CollectorSolution = {
    x_m: new Float64Array(nx),
    y_m: new Float64Array(nx),
    arcLength_m: new Float64Array(nx),
    currentDensity_A_m2: new Float64Array(nx),
    overpotential_V: new Float64Array(nx),
  };
  let totalCurrent = 0;
  for (let i = 0; i < nx; i++) {
    const k = kinetics[i];
    collector.x_m[i] = mesh.x[i];
    collector.y_m[i] = mesh.y[i];
    if (i > 0) {
      collector.arcLength_m[i] =
        collector.arcLength_m[i - 1] + Math.hypot(mesh.x[i] - mesh.x[i - 1], mesh.y[i] - mesh.y[i - 1]);
    }
    if (lawOf(k).treatment === "potential") {
      collector.currentDensity_A_m2[i] = -reaction(i) / bottomWeights[i];
      collector.overpotential_V[i] = 0;
    } else {
      const eta = overpotential(k, phi[i], shift[i]);
      collector.overpotential_V[i] = eta;
      collector.currentDensity_A_m2[i] = platingCurrent(k, eta).current;
    }
    totalCurrent += collector.currentDensity_A_m2[i] * bottomWeights[i];
  }
  let topPotential = 0;
  let topLength = 0;
  for (let i = 0; i < nx; i++) {
    topPotential += phi[topRow + i] * topWeights[i];
    topLength += topWeights[i];
  }
  const topCurrent =
    problem.top.kind === "current"
      ? problem.top.currentDensity_A_m2 * topLength
      : topFlux(reactionMatrix, phi, topRow, nx);
  return {
    mesh,
    potential_V: phi,
    collector,
    totalCurrent_A_m: totalCurrent,
    topCurrent_A_m: topCurrent,
    cellPotential_V: -topPotential / topLength,
    linearIterations,
    newtonIterations,
    residual,
  };
}

/**
 * The plating current density a solve will carry: the applied one, or under an imposed electrode
 * potential the one-dimensional estimate (collector kinetics in series with the flat layer).
 */
function expectedCurrent(problem: Interface2DProblem): number {
  if (problem.top.kind === "current") return problem.top.currentDensity_A_m2;
  const k = problem.collector.kinetics;
  const driving = problem.top.electrodePotential_V - lawOf(k).stressShift_V(k);
  return -seriesCurrent(k, driving, problem.layer.thickness_m / problem.layer.conductivity_S_m);
}

/** Layer potential at which eta = 0 (primary kinetics): phi = -phi_0 - V dP / F. */
function overpotentialFreePotential(kinetics: Kinetics, shift: number): number {
  return -overpotential(kinetics, 0, shift);
}

/** Current entering through a Dirichlet top: the sum of reactions of its nodes. */
function topFlux(matrix: StencilMatrix2D, phi: Float64Array, topRow: number, nx: number): number {
  let total = 0;
  for (let i = 0; i < nx; i++) total += rowProduct(matrix, phi, topRow + i);
  return total;
}

/** (A phi)_node: only boundary rows are needed, not the whole product. */
function rowProduct(matrix: StencilMatrix2D, phi: Float64Array, node: number): number {
  const j = Math.floor(node / matrix.nx);
  const i = node - j * matrix.nx;
  return matrix.diagonal(node) * phi[node] + matrix.rowOffDiagonal(phi, i, j);
}
