import { StencilMatrix3D } from "./stencil3d.js";

/**
 * A logically box-shaped 3D mesh, node (i, j, k) at index (k ny + j) nx + i. Periodic in x and y
 * over `periodX`, `periodY` (the last column connects to the first, shifted by one period).
 */
export interface StructuredMesh3D {
  nx: number;
  ny: number;
  nz: number;
  periodX: number;
  periodY: number;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
}

/** Corner offsets (i, j, k) of a hexahedron in the order of the trilinear shape functions below. */
export const HEX_CORNER_OFFSETS: readonly (readonly [number, number, number])[] = [
  [0, 0, 0],
  [1, 0, 0],
  [1, 1, 0],
  [0, 1, 0],
  [0, 0, 1],
  [1, 0, 1],
  [1, 1, 1],
  [0, 1, 1],
];
const CI = HEX_CORNER_OFFSETS.map((o) => o[0]);
const CJ = HEX_CORNER_OFFSETS.map((o) => o[1]);
const CK = HEX_CORNER_OFFSETS.map((o) => o[2]);

function corner(mesh: StructuredMesh3D, i: number, j: number, k: number): [number, number, number] {
  const ii = i % mesh.nx;
  const jj = j % mesh.ny;
  const n = (k * mesh.ny + jj) * mesh.nx + ii;
  return [
    mesh.x[n] + (i >= mesh.nx ? mesh.periodX : 0),
    mesh.y[n] + (j >= mesh.ny ? mesh.periodY : 0),
    mesh.z[n],
  ];
}

/**
 * Derivatives d/ds, d/dt, d/du of the 8 trilinear shape functions at (s, t, u) in the unit cube,
 * corners in the order CI/CJ/CK, into out[3 c + 0..2].
 */
export function hexReferenceDerivatives(s: number, t: number, u: number, out: Float64Array): void {
  for (let c = 0; c < 8; c++) {
    const fs = CI[c] ? s : 1 - s;
    const ft = CJ[c] ? t : 1 - t;
    const fu = CK[c] ? u : 1 - u;
    out[3 * c] = (CI[c] ? 1 : -1) * ft * fu;
    out[3 * c + 1] = fs * (CJ[c] ? 1 : -1) * fu;
    out[3 * c + 2] = fs * ft * (CK[c] ? 1 : -1);
  }
}

/** The reference derivatives at the 2 x 2 x 2 Gauss points (each of weight 1/8). */
export function hexGaussDerivatives(): Float64Array[] {
  const g = [0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)];
  const tables: Float64Array[] = [];
  for (const s of g) {
    for (const t of g) {
      for (const u of g) {
        const dN = new Float64Array(24);
        hexReferenceDerivatives(s, t, u, dN);
        tables.push(dN);
      }
    }
  }
  return tables;
}

/**
 * Physical gradients grad[3 c + a] = dN_c/dx_a of a trilinear hexahedron with corner coordinates
 * p[3 c + a], from reference derivatives dN[offset + 3 c + b] (unit cube); returns det J (volume per
 * unit reference volume), which is not positive for an inverted cell. One reciprocal of det J instead
 * of nine divisions: this is the inner loop of both 3D assemblies.
 */
export function hexShapeGradients(p: Float64Array, dN: Float64Array, grad: Float64Array, offset = 0): number {
  // Jacobian J[a][b] = d x_a / d xi_b
  let j0 = 0;
  let j1 = 0;
  let j2 = 0;
  let j3 = 0;
  let j4 = 0;
  let j5 = 0;
  let j6 = 0;
  let j7 = 0;
  let j8 = 0;
  for (let c = 0; c < 8; c++) {
    const px = p[3 * c];
    const py = p[3 * c + 1];
    const pz = p[3 * c + 2];
    const ds = dN[offset + 3 * c];
    const dt = dN[offset + 3 * c + 1];
    const du = dN[offset + 3 * c + 2];
    j0 += px * ds;
    j1 += px * dt;
    j2 += px * du;
    j3 += py * ds;
    j4 += py * dt;
    j5 += py * du;
    j6 += pz * ds;
    j7 += pz * dt;
    j8 += pz * du;
  }
  const c0 = j4 * j8 - j5 * j7;
  const c3 = j5 * j6 - j3 * j8;
  const c6 = j3 * j7 - j4 * j6;
  const det = j0 * c0 + j1 * c3 + j2 * c6;
  // Inverse transpose: grad N = J^-T dN/dxi, with (J^-T)[a][b] = inv[b][a].
  const r = 1 / det;
  const i0 = c0 * r;
  const i1 = (j2 * j7 - j1 * j8) * r;
  const i2 = (j1 * j5 - j2 * j4) * r;
  const i3 = c3 * r;
  const i4 = (j0 * j8 - j2 * j6) * r;
  const i5 = (j2 * j3 - j0 * j5) * r;
  const i6 = c6 * r;
  const i7 = (j1 * j6 - j0 * j7) * r;
  const i8 = (j0 * j4 - j1 * j3) * r;
  for (let c = 0; c < 8; c++) {
    const ds = dN[offset + 3 * c];
    const dt = dN[offset + 3 * c + 1];
    const du = dN[offset + 3 * c + 2];
    grad[3 * c] = i0 * ds + i3 * dt + i6 * du;
    grad[3 * c + 1] = i1 * ds + i4 * dt + i7 * du;
    grad[3 * c + 2] = i2 * ds + i5 * dt + i8 * du;
  }
  return det;
}

/**
 * Stiffness of -div(sigma grad u) with trilinear (Q1) hexahedra, 2 x 2 x 2 Gauss quadrature of the
 * isoparametric map (as assembleQ1Stiffness in 2D): an SPD 27-point matrix.
 */
export function assembleQ1Stiffness3D(mesh: StructuredMesh3D, sigma: number): StencilMatrix3D {
  const { nx, ny, nz } = mesh;
  const matrix = new StencilMatrix3D(nx, ny, nz, true, true);
  // The 8 Gauss points' reference derivatives in one array: [q][corner][s, t, u].
  const reference = new Float64Array(192);
  for (const [q, dN] of hexGaussDerivatives().entries()) reference.set(dN, 24 * q);
  const p = new Float64Array(24);
  const grad = new Float64Array(24);
  const local = new Float64Array(64);
  const nodes = new Int32Array(8);
  const coefficients = matrix.coefficients;
  // Position of corner b in the 27-point stencil of corner a.
  const stencilEntry = new Int32Array(64);
  for (let a = 0; a < 8; a++) {
    for (let b = 0; b < 8; b++) {
      stencilEntry[a * 8 + b] = (CK[b] - CK[a] + 1) * 9 + (CJ[b] - CJ[a] + 1) * 3 + (CI[b] - CI[a] + 1);
    }
  }
  for (let k = 0; k < nz - 1; k++) {
    for (let j = 0; j < ny; j++) {
      const j1 = j + 1 === ny ? 0 : j + 1;
      const shiftY = j + 1 === ny ? mesh.periodY : 0;
      for (let i = 0; i < nx; i++) {
        const i1 = i + 1 === nx ? 0 : i + 1;
        const shiftX = i + 1 === nx ? mesh.periodX : 0;
        for (let c = 0; c < 8; c++) {
          const n = ((k + CK[c]) * ny + (CJ[c] ? j1 : j)) * nx + (CI[c] ? i1 : i);
          p[3 * c] = mesh.x[n] + (CI[c] ? shiftX : 0);
          p[3 * c + 1] = mesh.y[n] + (CJ[c] ? shiftY : 0);
          p[3 * c + 2] = mesh.z[n];
          nodes[c] = n;
        }
        local.fill(0);
        for (let q = 0; q < 8; q++) {
          const det = hexShapeGradients(p, reference, grad, 24 * q);
          if (!(det > 0)) throw new Error(`assembleQ1Stiffness3D: cell (${i}, ${j}, ${k}) is inverted`);
          const w = 0.125 * det * sigma;
          for (let a = 0; a < 8; a++) {
            const gx = w * grad[3 * a];
            const gy = w * grad[3 * a + 1];
            const gz = w * grad[3 * a + 2];
            for (let b = a; b < 8; b++) {
              local[a * 8 + b] += gx * grad[3 * b] + gy * grad[3 * b + 1] + gz * grad[3 * b + 2];
            }
          }
        }
        // Only the upper half of the stencil is stored (StencilMatrix3D): entries 13 ... 26.
        for (let a = 0; a < 8; a++) {
          const row = 14 * nodes[a] - 13;
          for (let b = 0; b < 8; b++) {
            const entry = stencilEntry[a * 8 + b];
            if (entry >= 13) coefficients[row + entry] += local[a < b ? a * 8 + b : b * 8 + a];
          }
        }
      }
    }
  }
  return matrix;
}

/** Lumped area of the nodes of layer k (0 = bottom surface): a quarter of each adjacent quad's area. */
export function layerAreaWeights(mesh: StructuredMesh3D, k: number): Float64Array {
  const weights = new Float64Array(mesh.nx * mesh.ny);
  const g = [0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)];
  for (let j = 0; j < mesh.ny; j++) {
    for (let i = 0; i < mesh.nx; i++) {
      const c = [
        corner(mesh, i, j, k),
        corner(mesh, i + 1, j, k),
        corner(mesh, i + 1, j + 1, k),
        corner(mesh, i, j + 1, k),
      ];
      let area = 0;
      for (const s of g) {
        for (const t of g) {
          const du = [0, 1, 2].map((a) => (1 - t) * (c[1][a] - c[0][a]) + t * (c[2][a] - c[3][a]));
          const dv = [0, 1, 2].map((a) => (1 - s) * (c[3][a] - c[0][a]) + s * (c[2][a] - c[1][a]));
          area +=
            0.25 *
            Math.hypot(
              du[1] * dv[2] - du[2] * dv[1],
              du[2] * dv[0] - du[0] * dv[2],
              du[0] * dv[1] - du[1] * dv[0],
            );
        }
      }
      for (const [di, dj] of [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ]) {
        weights[((j + dj) % mesh.ny) * mesh.nx + ((i + di) % mesh.nx)] += area / 4;
      }
    }
  }
  return weights;
}
