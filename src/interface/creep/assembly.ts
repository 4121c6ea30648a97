import {
  HEX_CORNER_OFFSETS,
  hexGaussDerivatives,
  hexReferenceDerivatives,
  hexShapeGradients,
} from "../../numerics/index.js";
import { type NodeBlockMatrix, neighbourSlot } from "./nodeBlockMatrix.js";

/** Per element and integration point: grad N (dN_a/dx_c at 3 a + c, 24 values), weight * det J. */
const STRIDE = 25;

export interface CellMesh {
  m: number;
  layers: number;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  /** Node index of (i, j, k): k (vertical, 0 at the bottom) runs fastest. */
  node: (i: number, j: number, k: number) => number;
}

export interface Material {
  exponent: number;
  stressScale: number;
  rateFloor: number;
  penalty: number;
}

export interface ElementGeometry {
  /** Per element, 8 Gauss points of STRIDE values. */
  gauss: Float64Array;
  /** Per element at the centre: STRIDE values, the last one the element volume. */
  centre: Float64Array;
  /** Per element, its 8 corner nodes (cornerNodes): looked up once, not at every assembly. */
  corners: Int32Array;
}

/** Slot of corner b among corner a's 27 neighbours, at 8 a + b. */
const CORNER_SLOT = Int32Array.from({ length: 64 }, (_, ab) => {
  const a = HEX_CORNER_OFFSETS[ab >> 3];
  const b = HEX_CORNER_OFFSETS[ab & 7];
  return neighbourSlot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
});

/** Corner nodes of element (i, j, k) in the order of the numerics' trilinear shape functions. */
function cornerNodes(mesh: CellMesh, i: number, j: number, k: number, out: Int32Array): void {
  const { node } = mesh;
  for (let a = 0; a < 8; a++) {
    const [di, dj, dk] = HEX_CORNER_OFFSETS[a];
    out[a] = node(i + di, j + dj, k + dk);
  }
}

export function elementGeometry(mesh: CellMesh): ElementGeometry {
  const { m, layers } = mesh;
  const elements = m * m * layers;
  const gauss = new Float64Array(elements * 8 * STRIDE);
  const centre = new Float64Array(elements * STRIDE);
  const elementCorners = new Int32Array(elements * 8);
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
        elementCorners.set(corners, 8 * e);
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
  return { gauss, centre, corners: elementCorners };
}

/**
 * Potential Phi(u) = viscous dissipation potential + penalty; optionally its gradient (internal
 * force) and Hessian (consistent tangent, written over `tangent`'s values). With `newtonianRate` > 0
 * the viscosity is frozen at that strain rate (a Newtonian problem, for the first step). A
 * `tangentExponent` m' above m stiffens the tangent along the current strain rate (m' = 1: the
 * secant, Picard tangent).
 *
 * Per integration point, with strain rate tensor e, eps_dot_e^2 = (2/3) e:e, 2 eta = (2/3)
 * sigma_scale s^(m - 1): force (a, c) = w 2 eta (e g_a)_c and, by node pair, the tangent block
 * w 2 eta [ (delta_cd g_a.g_b + g_b,c g_a,d) / 2 + (m' - 1)(2/3)/s^2 (e g_a)_c (e g_b)_d ].
 */
export function assemble(
  geometry: ElementGeometry,
  mesh: CellMesh,
  velocity: Float64Array,
  material: Material,
  gradient: Float64Array | null,
  tangent: NodeBlockMatrix | null,
  newtonianRate: number,
  tangentExponent = material.exponent,
): number {
  const { m, layers } = mesh;
  const { gauss, centre } = geometry;
  const { exponent, stressScale, rateFloor, penalty } = material;
  gradient?.fill(0);
  tangent?.values.fill(0);
  const corners = new Int32Array(8);
  const ue = new Float64Array(24);
  const force = new Float64Array(24);
  const projection = new Float64Array(24);
  const elementMatrix = tangent ? new Float64Array(24 * 24) : null;
  let potential = 0;
  let e = 0;
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < layers; k++, e++) {
        for (let a = 0; a < 8; a++) {
          corners[a] = geometry.corners[8 * e + a];
          for (let c = 0; c < 3; c++) ue[3 * a + c] = velocity[3 * corners[a] + c];
        }
        force.fill(0);
        elementMatrix?.fill(0);
        for (let g = 0; g < 8; g++) {
          const offset = (e * 8 + g) * STRIDE;
          // Velocity gradient L_cj = sum_a u_a,c dN_a/dx_j; strain rate e = sym(L).
          let l00 = 0;
          let l01 = 0;
          let l02 = 0;
          let l10 = 0;
          let l11 = 0;
          let l12 = 0;
          let l20 = 0;
          let l21 = 0;
          let l22 = 0;
          for (let a = 0; a < 8; a++) {
            const gx = gauss[offset + 3 * a];
            const gy = gauss[offset + 3 * a + 1];
            const gz = gauss[offset + 3 * a + 2];
            const ux = ue[3 * a];
            const uy = ue[3 * a + 1];
            const uz = ue[3 * a + 2];
            l00 += ux * gx;
            l01 += ux * gy;
            l02 += ux * gz;
            l10 += uy * gx;
            l11 += uy * gy;
            l12 += uy * gz;
            l20 += uz * gx;
            l21 += uz * gy;
            l22 += uz * gz;
          }
          const e01 = (l01 + l10) / 2;
          const e12 = (l12 + l21) / 2;
          const e02 = (l02 + l20) / 2;
          const rate2 =
            (2 / 3) * (l00 * l00 + l11 * l11 + l22 * l22 + 2 * (e01 * e01 + e12 * e12 + e02 * e02));
          const weight = gauss[offset + 24];
          let twoEta: number;
          let rankOne = 0;
          if (newtonianRate > 0) {
            twoEta = (2 / 3) * stressScale * newtonianRate ** (exponent - 1);
            potential += (weight * twoEta * (3 / 2) * rate2) / 2;
          } else {
            const s2 = rate2 + rateFloor * rateFloor;
            // s^(m - 1), and s^(m + 1) from it: one power per integration point.
            const power = Math.sqrt(s2) ** (exponent - 1);
            twoEta = (2 / 3) * stressScale * power;
            potential += (weight * stressScale * power * s2) / (1 + exponent);
            rankOne = ((tangentExponent - 1) * (2 / 3)) / s2;
          }
          if (!gradient && !elementMatrix) continue;
          const scale = weight * twoEta;
          for (let a = 0; a < 8; a++) {
            const gx = gauss[offset + 3 * a];
            const gy = gauss[offset + 3 * a + 1];
            const gz = gauss[offset + 3 * a + 2];
            const px = l00 * gx + e01 * gy + e02 * gz;
            const py = e01 * gx + l11 * gy + e12 * gz;
            const pz = e02 * gx + e12 * gy + l22 * gz;
            projection[3 * a] = px;
            projection[3 * a + 1] = py;
            projection[3 * a + 2] = pz;
            force[3 * a] += scale * px;
            force[3 * a + 1] += scale * py;
            force[3 * a + 2] += scale * pz;
          }
          if (!elementMatrix) continue;
          const half = scale / 2;
          const rankOneScale = scale * rankOne;
          // Block (a, b), entry (c, d): half (delta_cd g_a.g_b + g_b,c g_a,d) + rankOne p_a,c p_b,d,
          // written out (no inner loops or branches: this is most of the assembly's work).
          for (let a = 0; a < 8; a++) {
            const ga = offset + 3 * a;
            const ax = gauss[ga];
            const ay = gauss[ga + 1];
            const az = gauss[ga + 2];
            const rx = rankOneScale * projection[3 * a];
            const ry = rankOneScale * projection[3 * a + 1];
            const rz = rankOneScale * projection[3 * a + 2];
            const row0 = 72 * a;
            for (let b = 0; b <= a; b++) {
              const gb = offset + 3 * b;
              const bx = half * gauss[gb];
              const by = half * gauss[gb + 1];
              const bz = half * gauss[gb + 2];
              const px = projection[3 * b];
              const py = projection[3 * b + 1];
              const pz = projection[3 * b + 2];
              const dot = ax * bx + ay * by + az * bz;
              const e = row0 + 3 * b;
              elementMatrix[e] += dot + bx * ax + rx * px;
              elementMatrix[e + 1] += bx * ay + rx * py;
              elementMatrix[e + 2] += bx * az + rx * pz;
              elementMatrix[e + 24] += by * ax + ry * px;
              elementMatrix[e + 25] += dot + by * ay + ry * py;
              elementMatrix[e + 26] += by * az + ry * pz;
              elementMatrix[e + 48] += bz * ax + rz * px;
              elementMatrix[e + 49] += bz * ay + rz * py;
              elementMatrix[e + 50] += dot + bz * az + rz * pz;
            }
          }
        }
        // Penalty on the divergence at the element centre (reduced integration).
        const offset = e * STRIDE;
        let divergence = 0;
        for (let r = 0; r < 24; r++) divergence += centre[offset + r] * ue[r];
        const volume = centre[offset + 24];
        potential += (penalty * volume * divergence * divergence) / 2;
        // The element forces serve the gradient only (a line search asks for the potential alone).
        if (gradient) {
          for (let r = 0; r < 24; r++) force[r] += penalty * volume * divergence * centre[offset + r];
          for (let a = 0; a < 8; a++) {
            for (let c = 0; c < 3; c++) gradient[3 * corners[a] + c] += force[3 * a + c];
          }
        }
        if (tangent && elementMatrix)
          scatter(tangent, corners, elementMatrix, centre, offset, penalty * volume);
      }
    }
  }
  return potential;
}

/**
 * Adds the element matrix (lower node-block triangle filled) plus the penalty's rank one
 * penaltyVolume D D^T to the node blocks, both triangles.
 */
function scatter(
  tangent: NodeBlockMatrix,
  corners: Int32Array,
  elementMatrix: Float64Array,
  centre: Float64Array,
  offset: number,
  penaltyVolume: number,
): void {
  const values = tangent.values;
  for (let a = 0; a < 8; a++) {
    for (let b = 0; b <= a; b++) {
      const ab = 9 * (27 * corners[a] + CORNER_SLOT[8 * a + b]);
      const ba = 9 * (27 * corners[b] + CORNER_SLOT[8 * b + a]);
      for (let c = 0; c < 3; c++) {
        const dr = penaltyVolume * centre[offset + 3 * a + c];
        for (let d = 0; d < 3; d++) {
          const value = elementMatrix[24 * (3 * a + c) + 3 * b + d] + dr * centre[offset + 3 * b + d];
          values[ab + 3 * c + d] += value;
          // Block (b, a) is the transpose; on the diagonal block it is the same block.
          if (b !== a) values[ba + 3 * d + c] += value;
        }
      }
    }
  }
}
