import { NumericalError } from "../../errors.js";
import {
  BandedCholesky,
  BandedMatrix,
  HEX_CORNER_OFFSETS,
  hexGaussDerivatives,
  hexReferenceDerivatives,
  hexShapeGradients,
} from "../../numerics/index.js";
import type { PowerLawCreep } from "./powerLaw.js";

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
 * reaction of the converged residual.
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
}

export interface CreepCellSolution {
  /** Interfacial normal pressure minus the stack pressure at the surface nodes (same indexing). */
  excessPressure_Pa: Float64Array;
  newtonIterations: number;
  /** Relative size of the last Newton update. */
  residual: number;
  /** |outflow at the bottom - plating over the surface| / plating over the surface. */
  massBalanceError: number;
}

/** Penalty = this factor times the viscosity at the characteristic strain rate. */
const PENALTY_FACTOR = 1e5;
/** Regularising strain rate relative to the characteristic one. */
const RATE_FLOOR = 1e-4;
/** Bottom layer thickness / top layer thickness = e^GRADING. */
const GRADING = 2;
/** Layers per cell across, per period of depth. */
const LAYERS_PER_CELL = 1;
/** Per element and integration point: grad N (dN_a/dx_c at 3 a + c, 24 values), weight * det J. */
const STRIDE = 25;

interface CellMesh {
  m: number;
  layers: number;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  /** Node index of (i, j, k): k (vertical, 0 at the bottom) runs fastest to keep the band narrow. */
  node: (i: number, j: number, k: number) => number;
}

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

  const halfBandwidth = 3 * (node(1, 1, 1) - node(0, 0, 0)) + 2;
  const gradient = new Float64Array(size);
  const step = new Float64Array(size);
  const trial = new Float64Array(size);
  const tolerance = problem.relativeTolerance ?? 1e-9;
  // One tangent matrix (size x band, tens of MB at 16 cells per period), refilled every Newton step.
  const hessian = new BandedMatrix(size, halfBandwidth);
  const newtonStep = (newtonianRate: number) => {
    hessian.values.fill(0);
    assemble(geometry, mesh, velocity, material, gradient, hessian, newtonianRate);
    for (let d = 0; d < size; d++) {
      if (fixed[d]) hessian.fix(d);
      step[d] = fixed[d] ? 0 : -gradient[d];
    }
    new BandedCholesky(hessian).solve(step, step);
  };
  // Start from the Newtonian flow with the viscosity of the characteristic strain rate.
  newtonStep(rateScale);
  for (let d = 0; d < size; d++) velocity[d] += step[d];
  let potential = assemble(geometry, mesh, velocity, material, null, null, 0);
  let iterations = 0;
  let update = Number.POSITIVE_INFINITY;
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
    // Backtracking on the convex potential (Armijo).
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
      alpha /= 2;
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

/** Corner nodes of element (i, j, k) in the order of the numerics' trilinear shape functions. */
function cornerNodes(mesh: CellMesh, i: number, j: number, k: number, out: Int32Array): void {
  const { node } = mesh;
  for (let a = 0; a < 8; a++) {
    const [di, dj, dk] = HEX_CORNER_OFFSETS[a];
    out[a] = node(i + di, j + dj, k + dk);
  }
}

interface ElementGeometry {
  /** Per element, 8 Gauss points of STRIDE values. */
  gauss: Float64Array;
  /** Per element at the centre: STRIDE values, the last one the element volume. */
  centre: Float64Array;
}

function elementGeometry(mesh: CellMesh): ElementGeometry {
  const { m, layers } = mesh;
  const elements = m * m * layers;
  const gauss = new Float64Array(elements * 8 * STRIDE);
  const centre = new Float64Array(elements * STRIDE);
  const gaussDerivatives = hexGaussDerivatives();
  const centreDerivatives = new Float64Array(24);
  hexReferenceDerivatives(0.5, 0.5, 0.5, centreDerivatives);
  const corners = new Int32Array(8);
  const p = new Float64Array(24);
  let e = 0;
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < layers; k++, e++) {
        cornerNodes(mesh, i, j, k, corners);
        for (let a = 0; a < 8; a++) {
          p[3 * a] = mesh.x[corners[a]];
          p[3 * a + 1] = mesh.y[corners[a]];
          p[3 * a + 2] = mesh.z[corners[a]];
        }
        for (let g = 0; g < 8; g++) {
          const offset = (e * 8 + g) * STRIDE;
          const det = hexShapeGradients(p, gaussDerivatives[g], gauss.subarray(offset, offset + 24));
          gauss[offset + 24] = det / 8;
        }
        const offset = e * STRIDE;
        centre[offset + 24] = hexShapeGradients(p, centreDerivatives, centre.subarray(offset, offset + 24));
      }
    }
  }
  return { gauss, centre };
}

interface Material {
  exponent: number;
  stressScale: number;
  rateFloor: number;
  penalty: number;
}

/**
 * Potential Phi(u) = viscous dissipation potential + penalty; optionally its gradient (internal
 * force) and Hessian (consistent tangent). With `newtonianRate` > 0 the viscosity is frozen at that
 * strain rate (a Newtonian problem, for the first step).
 */
function assemble(
  geometry: ElementGeometry,
  mesh: CellMesh,
  velocity: Float64Array,
  material: Material,
  gradient: Float64Array | null,
  hessian: BandedMatrix | null,
  newtonianRate: number,
): number {
  const { m, layers } = mesh;
  const { gauss, centre } = geometry;
  const { exponent, stressScale, rateFloor, penalty } = material;
  gradient?.fill(0);
  const corners = new Int32Array(8);
  const ue = new Float64Array(24);
  const force = new Float64Array(24);
  const rate = new Float64Array(6);
  const stressPerRate = new Float64Array(6);
  const bt = new Float64Array(6 * 24);
  const projection = new Float64Array(24);
  const elementMatrix = hessian ? new Float64Array(24 * 24) : null;
  let potential = 0;
  let e = 0;
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < layers; k++, e++) {
        cornerNodes(mesh, i, j, k, corners);
        for (let a = 0; a < 8; a++) {
          for (let c = 0; c < 3; c++) ue[3 * a + c] = velocity[3 * corners[a] + c];
        }
        force.fill(0);
        elementMatrix?.fill(0);
        for (let g = 0; g < 8; g++) {
          const offset = (e * 8 + g) * STRIDE;
          // Strain rates (exx, eyy, ezz, gxy, gyz, gxz) = B u_e.
          fillStrainOperatorTransposed(gauss, offset, bt);
          rate.fill(0);
          for (let c = 0; c < 24; c++) {
            for (let p = 0; p < 6; p++) rate[p] += bt[6 * c + p] * ue[c];
          }
          const weight = gauss[offset + 24];
          // M v with M = diag(1, 1, 1, 1/2, 1/2, 1/2); eps_dot_e^2 = (2/3) v^T M v.
          for (let p = 0; p < 6; p++) stressPerRate[p] = p < 3 ? rate[p] : rate[p] / 2;
          let rate2 = 0;
          for (let p = 0; p < 6; p++) rate2 += rate[p] * stressPerRate[p];
          rate2 *= 2 / 3;
          let twoEta: number;
          let rankOne = 0;
          if (newtonianRate > 0) {
            twoEta = (2 / 3) * stressScale * newtonianRate ** (exponent - 1);
            potential += (weight * twoEta * (3 / 2) * rate2) / 2;
          } else {
            const s2 = rate2 + rateFloor * rateFloor;
            const s = Math.sqrt(s2);
            twoEta = (2 / 3) * stressScale * s ** (exponent - 1);
            potential += (weight * stressScale * s ** (1 + exponent)) / (1 + exponent);
            rankOne = ((exponent - 1) * (2 / 3)) / s2;
          }
          for (let c = 0; c < 24; c++) {
            let sum = 0;
            for (let p = 0; p < 6; p++) sum += bt[6 * c + p] * stressPerRate[p];
            force[c] += weight * twoEta * sum;
          }
          if (elementMatrix) {
            // D_T = 2 eta [M + (m - 1)(2/3) (M v)(M v)^T / s^2]; K += B^T D_T B.
            for (let r = 0; r < 24; r++) {
              let sum = 0;
              for (let p = 0; p < 6; p++) sum += bt[6 * r + p] * stressPerRate[p];
              projection[r] = sum;
            }
            const scale = weight * twoEta;
            for (let r = 0; r < 24; r++) {
              const rankOneRow = scale * rankOne * projection[r];
              for (let c = 0; c <= r; c++) {
                let diagonal = 0;
                for (let p = 0; p < 6; p++) diagonal += bt[6 * r + p] * bt[6 * c + p] * (p < 3 ? 1 : 0.5);
                elementMatrix[24 * r + c] += scale * diagonal + rankOneRow * projection[c];
              }
            }
          }
        }
        // Penalty on the divergence at the element centre (reduced integration).
        const offset = e * STRIDE;
        let divergence = 0;
        for (let a = 0; a < 8; a++) {
          for (let c = 0; c < 3; c++) divergence += centre[offset + 3 * a + c] * ue[3 * a + c];
        }
        const volume = centre[offset + 24];
        potential += (penalty * volume * divergence * divergence) / 2;
        for (let a = 0; a < 8; a++) {
          for (let c = 0; c < 3; c++)
            force[3 * a + c] += penalty * volume * divergence * centre[offset + 3 * a + c];
        }
        if (gradient) {
          for (let a = 0; a < 8; a++) {
            for (let c = 0; c < 3; c++) gradient[3 * corners[a] + c] += force[3 * a + c];
          }
        }
        if (hessian && elementMatrix) {
          for (let r = 0; r < 24; r++) {
            const dofR = 3 * corners[Math.floor(r / 3)] + (r % 3);
            const dr = centre[offset + r];
            for (let c = 0; c <= r; c++) {
              const dofC = 3 * corners[Math.floor(c / 3)] + (c % 3);
              const dc = centre[offset + c];
              const value = elementMatrix[24 * r + c] + penalty * volume * dr * dc;
              if (dofR >= dofC) hessian.add(dofR, dofC, value);
              else hessian.add(dofC, dofR, value);
            }
          }
        }
      }
    }
  }
  return potential;
}

/** B^T (24 x 6, row c = element unknown 3a + component) of the strain-rate operator. */
function fillStrainOperatorTransposed(gauss: Float64Array, offset: number, bt: Float64Array): void {
  bt.fill(0);
  for (let a = 0; a < 8; a++) {
    const dx = gauss[offset + 3 * a];
    const dy = gauss[offset + 3 * a + 1];
    const dz = gauss[offset + 3 * a + 2];
    const rx = 6 * (3 * a);
    const ry = 6 * (3 * a + 1);
    const rz = 6 * (3 * a + 2);
    bt[rx] = dx;
    bt[rx + 3] = dy;
    bt[rx + 5] = dz;
    bt[ry + 1] = dy;
    bt[ry + 3] = dx;
    bt[ry + 4] = dz;
    bt[rz + 2] = dz;
    bt[rz + 4] = dy;
    bt[rz + 5] = dx;
  }
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
