import { NumericalError } from "../../errors.js";
import { BandedCholesky, BandedMatrix } from "../../numerics/index.js";
import type { PowerLawCreep } from "./powerLaw.js";

/**
 * M2 (Zhang2024, "momentum balance that includes the creep power law"): the excess pressure that
 * plating builds on a contoured Li/electrolyte interface.
 *
 * Assumptions (ours; Zhang2024 gives the calculation only in its ESI):
 * - The electrolyte is rigid and fixed; Li is plated at the interface with normal velocity
 *   v_n = i_n V_Li / F, so Li at the interface moves into the Li at v_n (mass balance) and sticks to
 *   the electrolyte (no tangential velocity).
 * - Li is an incompressible power-law fluid (steady creep, elasticity neglected): von Mises
 *   eps_dot_e = A' sigma_e^n, i.e. sigma = 2 eta eps_dot with eta = sigma_e / (3 eps_dot_e).
 * - Plane strain in the vertical section through the highest Li protrusion (x, z), mirror-symmetric
 *   about x = 0 and x = S/2, which holds for egg-box, pyramid and frustum sections. The 3D creep
 *   field is replaced by this section's (how much the out-of-plane flow changes the pressure is not
 *   quantified here).
 * - Pure creep has no threshold: the pressure grows as (velocity contrast)^(1/n), so even a
 *   nanometre-high contour builds a finite pressure (elasticity, neglected, would remove this).
 * - Far below (depth D) the Li is free of traction beyond the stack pressure; the excess pressure
 *   is the interfacial normal pressure minus the stack pressure, which incompressible creep leaves
 *   unchanged, so the stack pressure drops out.
 *
 * Numerics: bilinear velocity elements on a terrain-following grid, incompressibility by a penalty
 * with one-point (reduced) integration, Newton iterations with the consistent tangent of the
 * power law and a backtracking line search on the convex dissipation potential
 * Phi = A'^(-1/n) s^(1+1/n) / (1 + 1/n), s^2 = eps_dot_e^2 + eps_dot_0^2 (tiny regularisation);
 * the interfacial traction is the consistent reaction of the converged residual.
 */
export interface CreepSectionProblem {
  period_m: number;
  /** Li surface height z = f(x) at x_k = k S / N, k = 0..N/2 (half a period, mirror-symmetric). */
  surfaceHeight_m: Float64Array;
  /** Plating velocity v_n = i_n V_Li / F at the same points. */
  platingVelocity_m_s: Float64Array;
  creep: PowerLawCreep;
  /** Depth of Li below the mean plane that is modelled (default: one period). */
  depth_m?: number;
  relativeTolerance?: number;
}

export interface CreepSectionSolution {
  x_m: Float64Array;
  z_m: Float64Array;
  /** Interfacial normal pressure minus the stack pressure at the surface nodes. */
  excessPressure_Pa: Float64Array;
  newtonIterations: number;
  /** Relative size of the last Newton update. */
  residual: number;
  /** |mean outflow at the bottom - mean plating velocity| / mean plating velocity. */
  massBalanceError: number;
}

const GAUSS = 1 / Math.sqrt(3);
const GAUSS_POINTS = [
  [-GAUSS, -GAUSS],
  [GAUSS, -GAUSS],
  [GAUSS, GAUSS],
  [-GAUSS, GAUSS],
];
/** Penalty = this factor times the viscosity at the characteristic strain rate. */
const PENALTY_FACTOR = 1e5;
/** Regularising strain rate relative to the characteristic one. */
const RATE_FLOOR = 1e-4;

export function solveCreepSection(problem: CreepSectionProblem): CreepSectionSolution {
  const { surfaceHeight_m: surface, platingVelocity_m_s: plating, creep } = problem;
  const cellsAcross = surface.length - 1;
  if (plating.length !== surface.length || cellsAcross < 2)
    throw new Error("solveCreepSection: surface and plating need the same length >= 3");
  const S = problem.period_m;
  const halfWidth = S / 2;
  const depth = problem.depth_m ?? S;
  const h = halfWidth / cellsAcross;
  const cellsDown = Math.max(2, Math.round(depth / h));
  const m = cellsAcross;
  const nodesAcross = m + 1;
  const nodeCount = nodesAcross * (cellsDown + 1);
  const x = new Float64Array(nodeCount);
  const z = new Float64Array(nodeCount);
  for (let k = 0; k <= cellsDown; k++) {
    for (let i = 0; i <= m; i++) {
      const node = k * nodesAcross + i;
      x[node] = i * h;
      z[node] = -depth + (surface[i] + depth) * (k / cellsDown);
    }
  }
  const geometry = elementGeometry(x, z, m, cellsDown);
  const n = creep.stressExponent;
  const exponent = 1 / n;
  const stressScale = creep.rateCoefficient ** -exponent;

  // Characteristic strain rate: the spread of plating velocity over half a period.
  let vMin = Number.POSITIVE_INFINITY;
  let vMax = Number.NEGATIVE_INFINITY;
  let vMean = 0;
  for (let i = 0; i <= m; i++) {
    vMin = Math.min(vMin, plating[i]);
    vMax = Math.max(vMax, plating[i]);
    vMean += plating[i] / (m + 1);
  }
  const rateScale = Math.max(vMax - vMin, 1e-3 * Math.abs(vMean), 1e-300) / halfWidth;
  const rateFloor = RATE_FLOOR * rateScale;
  const penalty = (PENALTY_FACTOR * (stressScale * rateScale ** (exponent - 1))) / 3;

  // Dirichlet data: surface nodes move into the Li at v_n along the inward normal; mirror sides u_x = 0.
  const size = 2 * nodeCount;
  const fixed = new Uint8Array(size);
  const velocity = new Float64Array(size);
  const normals = surfaceNormals(x, z, m, cellsDown);
  const top = cellsDown * nodesAcross;
  for (let i = 0; i <= m; i++) {
    const node = top + i;
    fixed[2 * node] = 1;
    fixed[2 * node + 1] = 1;
    velocity[2 * node] = -plating[i] * normals.nx[i];
    velocity[2 * node + 1] = -plating[i] * normals.nz[i];
  }
  for (let k = 0; k <= cellsDown; k++) {
    fixed[2 * (k * nodesAcross)] = 1;
    fixed[2 * (k * nodesAcross + m)] = 1;
    velocity[2 * (k * nodesAcross)] = 0;
    velocity[2 * (k * nodesAcross + m)] = 0;
  }

  const halfBandwidth = 2 * (nodesAcross + 1) + 1;
  const gradient = new Float64Array(size);
  const step = new Float64Array(size);
  const trial = new Float64Array(size);
  const tolerance = problem.relativeTolerance ?? 1e-9;
  const material = { exponent, stressScale, rateFloor, penalty };
  const newtonStep = (newtonianRate: number) => {
    const hessian = new BandedMatrix(size, halfBandwidth);
    assemble(geometry, velocity, material, gradient, hessian, newtonianRate);
    for (let d = 0; d < size; d++) {
      if (fixed[d]) hessian.fix(d);
      step[d] = fixed[d] ? 0 : -gradient[d];
    }
    new BandedCholesky(hessian).solve(step, step);
  };
  // Start from the Newtonian flow with the viscosity of the characteristic strain rate.
  newtonStep(rateScale);
  for (let d = 0; d < size; d++) velocity[d] += step[d];
  let potential = assemble(geometry, velocity, material, null, null, 0);
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
      trialPotential = assemble(geometry, trial, material, null, null, 0);
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
    throw new NumericalError(`creep section: Newton did not converge in ${iterations} iterations`, update);
  }
  assemble(geometry, velocity, material, gradient, null, 0);

  // Consistent reaction at the surface: the traction the electrolyte exerts on the Li.
  const excess = new Float64Array(m + 1);
  for (let i = 0; i <= m; i++) {
    const node = top + i;
    const traction =
      (gradient[2 * node] * normals.nx[i] + gradient[2 * node + 1] * normals.nz[i]) / normals.weight[i];
    excess[i] = -traction;
  }
  // Mass balance: outflow through the bottom against the plating over the surface.
  let outflow = 0;
  let inflow = 0;
  for (let i = 0; i < m; i++) {
    outflow -= ((velocity[2 * i + 1] + velocity[2 * (i + 1) + 1]) / 2) * h;
    inflow += ((plating[i] + plating[i + 1]) / 2) * normals.edgeLength[i];
  }
  return {
    x_m: x.slice(top, top + m + 1),
    z_m: z.slice(top, top + m + 1),
    excessPressure_Pa: excess,
    newtonIterations: iterations,
    residual: update,
    massBalanceError: Math.abs(outflow - inflow) / Math.max(Math.abs(inflow), 1e-300),
  };
}

interface ElementGeometry {
  cellsAcross: number;
  cellsDown: number;
  /** Per element and Gauss point: dN/dx (4), dN/dz (4), weight * det J. */
  gauss: Float64Array;
  /** Per element at the centre: dN/dx (4), dN/dz (4), area. */
  centre: Float64Array;
}

const GAUSS_STRIDE = 9;

function elementGeometry(x: Float64Array, z: Float64Array, m: number, cellsDown: number): ElementGeometry {
  const elements = m * cellsDown;
  const gauss = new Float64Array(elements * 4 * GAUSS_STRIDE);
  const centre = new Float64Array(elements * GAUSS_STRIDE);
  const xe = new Float64Array(4);
  const ze = new Float64Array(4);
  for (let k = 0; k < cellsDown; k++) {
    for (let i = 0; i < m; i++) {
      const e = k * m + i;
      const corners = cornerNodes(i, k, m);
      for (let a = 0; a < 4; a++) {
        xe[a] = x[corners[a]];
        ze[a] = z[corners[a]];
      }
      for (let g = 0; g < 4; g++) {
        const offset = (e * 4 + g) * GAUSS_STRIDE;
        shapeDerivatives(GAUSS_POINTS[g][0], GAUSS_POINTS[g][1], xe, ze, gauss, offset);
      }
      shapeDerivatives(0, 0, xe, ze, centre, e * GAUSS_STRIDE);
      centre[e * GAUSS_STRIDE + 8] *= 4;
    }
  }
  return { cellsAcross: m, cellsDown, gauss, centre };
}

/** Counter-clockwise corners of element (i, k): (i,k), (i+1,k), (i+1,k+1), (i,k+1). */
function cornerNodes(i: number, k: number, m: number): [number, number, number, number] {
  const row = k * (m + 1);
  const above = (k + 1) * (m + 1);
  return [row + i, row + i + 1, above + i + 1, above + i];
}

const XI = [-1, 1, 1, -1];
const ETA = [-1, -1, 1, 1];

/** Writes dN/dx, dN/dz of the bilinear map at (xi, eta) and the Gauss weight times det J. */
function shapeDerivatives(
  xi: number,
  eta: number,
  xe: Float64Array,
  ze: Float64Array,
  out: Float64Array,
  offset: number,
): void {
  let xXi = 0;
  let xEta = 0;
  let zXi = 0;
  let zEta = 0;
  for (let a = 0; a < 4; a++) {
    const dXi = (XI[a] * (1 + ETA[a] * eta)) / 4;
    const dEta = (ETA[a] * (1 + XI[a] * xi)) / 4;
    xXi += dXi * xe[a];
    xEta += dEta * xe[a];
    zXi += dXi * ze[a];
    zEta += dEta * ze[a];
  }
  const det = xXi * zEta - xEta * zXi;
  for (let a = 0; a < 4; a++) {
    const dXi = (XI[a] * (1 + ETA[a] * eta)) / 4;
    const dEta = (ETA[a] * (1 + XI[a] * xi)) / 4;
    out[offset + a] = (zEta * dXi - zXi * dEta) / det;
    out[offset + 4 + a] = (-xEta * dXi + xXi * dEta) / det;
  }
  out[offset + 8] = det;
}

interface Material {
  exponent: number;
  stressScale: number;
  rateFloor: number;
  penalty: number;
}

/**
 * Potential Phi(u) = sum of viscous dissipation potential and penalty; optionally its gradient
 * (internal force) and Hessian (consistent tangent). With `newtonianRate` > 0 the viscosity is frozen
 * at that strain rate (a Newtonian problem, for the first step).
 */
function assemble(
  geometry: ElementGeometry,
  velocity: Float64Array,
  material: Material,
  gradient: Float64Array | null,
  hessian: BandedMatrix | null,
  newtonianRate: number,
): number {
  const { cellsAcross: m, cellsDown, gauss, centre } = geometry;
  const { exponent, stressScale, rateFloor, penalty } = material;
  gradient?.fill(0);
  const dofs = new Int32Array(8);
  const ue = new Float64Array(8);
  const force = new Float64Array(8);
  const b = new Float64Array(24);
  const tangent = new Float64Array(9);
  const mv = new Float64Array(3);
  const elementMatrix = hessian ? new Float64Array(64) : null;
  let potential = 0;
  for (let k = 0; k < cellsDown; k++) {
    for (let i = 0; i < m; i++) {
      const e = k * m + i;
      const corners = cornerNodes(i, k, m);
      for (let a = 0; a < 4; a++) {
        dofs[2 * a] = 2 * corners[a];
        dofs[2 * a + 1] = 2 * corners[a] + 1;
        ue[2 * a] = velocity[2 * corners[a]];
        ue[2 * a + 1] = velocity[2 * corners[a] + 1];
      }
      force.fill(0);
      elementMatrix?.fill(0);
      for (let g = 0; g < 4; g++) {
        const offset = (e * 4 + g) * GAUSS_STRIDE;
        fillStrainOperator(gauss, offset, b);
        let exx = 0;
        let ezz = 0;
        let gxz = 0;
        for (let c = 0; c < 8; c++) {
          exx += b[c] * ue[c];
          ezz += b[8 + c] * ue[c];
          gxz += b[16 + c] * ue[c];
        }
        const weight = gauss[offset + 8];
        // M v with M = diag(1, 1, 1/2); eps_dot_e^2 = (2/3) v^T M v.
        const mv0 = exx;
        const mv1 = ezz;
        const mv2 = gxz / 2;
        const rate2 = (2 / 3) * (exx * mv0 + ezz * mv1 + gxz * mv2);
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
        const sigma0 = twoEta * mv0;
        const sigma1 = twoEta * mv1;
        const sigma2 = twoEta * mv2;
        for (let c = 0; c < 8; c++)
          force[c] += weight * (b[c] * sigma0 + b[8 + c] * sigma1 + b[16 + c] * sigma2);
        if (elementMatrix) {
          // D_T = 2 eta [M + (m - 1)(2/3) (M v)(M v)^T / s^2].
          mv[0] = mv0;
          mv[1] = mv1;
          mv[2] = mv2;
          for (let p = 0; p < 3; p++) {
            for (let q = 0; q < 3; q++) {
              tangent[3 * p + q] = twoEta * ((p === q ? (p === 2 ? 0.5 : 1) : 0) + rankOne * mv[p] * mv[q]);
            }
          }
          for (let r = 0; r < 8; r++) {
            const t0 = weight * (tangent[0] * b[r] + tangent[3] * b[8 + r] + tangent[6] * b[16 + r]);
            const t1 = weight * (tangent[1] * b[r] + tangent[4] * b[8 + r] + tangent[7] * b[16 + r]);
            const t2 = weight * (tangent[2] * b[r] + tangent[5] * b[8 + r] + tangent[8] * b[16 + r]);
            for (let c = 0; c <= r; c++)
              elementMatrix[8 * r + c] += t0 * b[c] + t1 * b[8 + c] + t2 * b[16 + c];
          }
        }
      }
      // Penalty on the divergence at the element centre (reduced integration).
      const offset = e * GAUSS_STRIDE;
      let divergence = 0;
      for (let a = 0; a < 4; a++) {
        divergence += centre[offset + a] * ue[2 * a] + centre[offset + 4 + a] * ue[2 * a + 1];
      }
      const area = centre[offset + 8];
      potential += (penalty * area * divergence * divergence) / 2;
      for (let a = 0; a < 4; a++) {
        force[2 * a] += penalty * area * divergence * centre[offset + a];
        force[2 * a + 1] += penalty * area * divergence * centre[offset + 4 + a];
      }
      if (gradient) for (let c = 0; c < 8; c++) gradient[dofs[c]] += force[c];
      if (hessian && elementMatrix) {
        for (let r = 0; r < 8; r++) {
          const dr = r % 2 === 0 ? centre[offset + r / 2] : centre[offset + 4 + (r - 1) / 2];
          for (let c = 0; c <= r; c++) {
            const dc = c % 2 === 0 ? centre[offset + c / 2] : centre[offset + 4 + (c - 1) / 2];
            const value = elementMatrix[8 * r + c] + penalty * area * dr * dc;
            if (dofs[r] >= dofs[c]) hessian.add(dofs[r], dofs[c], value);
            else hessian.add(dofs[c], dofs[r], value);
          }
        }
      }
    }
  }
  return potential;
}

/** Rows of B (strain rate = B u_e): eps_xx, eps_zz, gamma_xz for the 8 element unknowns. */
function fillStrainOperator(gauss: Float64Array, offset: number, b: Float64Array): void {
  b.fill(0);
  for (let a = 0; a < 4; a++) {
    const dx = gauss[offset + a];
    const dz = gauss[offset + 4 + a];
    b[2 * a] = dx;
    b[8 + 2 * a + 1] = dz;
    b[16 + 2 * a] = dz;
    b[16 + 2 * a + 1] = dx;
  }
}

/** Outward (into the electrolyte) unit normals at the surface nodes and their boundary weights. */
function surfaceNormals(x: Float64Array, z: Float64Array, m: number, cellsDown: number) {
  const top = cellsDown * (m + 1);
  const edgeLength = new Float64Array(m);
  const edgeNx = new Float64Array(m);
  const edgeNz = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const dx = x[top + i + 1] - x[top + i];
    const dz = z[top + i + 1] - z[top + i];
    const length = Math.hypot(dx, dz);
    edgeLength[i] = length;
    edgeNx[i] = -dz / length;
    edgeNz[i] = dx / length;
  }
  const nx = new Float64Array(m + 1);
  const nz = new Float64Array(m + 1);
  const weight = new Float64Array(m + 1);
  for (let i = 0; i <= m; i++) {
    let sx = 0;
    let sz = 0;
    if (i > 0) {
      sx += edgeNx[i - 1] * edgeLength[i - 1];
      sz += edgeNz[i - 1] * edgeLength[i - 1];
      weight[i] += edgeLength[i - 1] / 2;
    }
    if (i < m) {
      sx += edgeNx[i] * edgeLength[i];
      sz += edgeNz[i] * edgeLength[i];
      weight[i] += edgeLength[i] / 2;
    }
    // On the mirror planes the normal has no x component.
    if (i === 0 || i === m) sx = 0;
    const norm = Math.hypot(sx, sz);
    nx[i] = sx / norm;
    nz[i] = sz / norm;
  }
  return { nx, nz, weight, edgeLength };
}
