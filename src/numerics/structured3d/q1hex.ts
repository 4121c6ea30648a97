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

// Corner offsets of a hexahedron in the order of the trilinear shape functions.
const CI = [0, 1, 1, 0, 0, 1, 1, 0];
const CJ = [0, 0, 1, 1, 0, 0, 1, 1];
const CK = [0, 0, 0, 0, 1, 1, 1, 1];

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

/** Derivatives d/ds, d/dt, d/du of the 8 trilinear shape functions at the 2 x 2 x 2 Gauss points. */
function referenceShapeDerivatives(): Float64Array[] {
  const g = [0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)];
  const tables: Float64Array[] = [];
  for (const s of g) {
    for (const t of g) {
      for (const u of g) {
        const dN = new Float64Array(24);
        for (let c = 0; c < 8; c++) {
          const fs = CI[c] ? s : 1 - s;
          const ft = CJ[c] ? t : 1 - t;
          const fu = CK[c] ? u : 1 - u;
          dN[3 * c] = (CI[c] ? 1 : -1) * ft * fu;
          dN[3 * c + 1] = fs * (CJ[c] ? 1 : -1) * fu;
          dN[3 * c + 2] = fs * ft * (CK[c] ? 1 : -1);
        }
        tables.push(dN);
      }
    }
  }
  return tables;
}

/**
 * Stiffness of -div(sigma grad u) with trilinear (Q1) hexahedra, 2 x 2 x 2 Gauss quadrature of the
 * isoparametric map (as assembleQ1Stiffness in 2D): an SPD 27-point matrix.
 */
export function assembleQ1Stiffness3D(mesh: StructuredMesh3D, sigma: number): StencilMatrix3D {
  const matrix = new StencilMatrix3D(mesh.nx, mesh.ny, mesh.nz, true, true);
  const shapeDerivatives = referenceShapeDerivatives();
  const p = new Float64Array(24);
  const grad = new Float64Array(24);
  const local = new Float64Array(64);
  const J = new Float64Array(9);
  const inv = new Float64Array(9);
  const nodes = new Int32Array(8);
  const coefficients = matrix.coefficients;
  // Position of corner b in the 27-point stencil of corner a.
  const stencilEntry = new Int32Array(64);
  for (let a = 0; a < 8; a++) {
    for (let b = 0; b < 8; b++) {
      stencilEntry[a * 8 + b] = (CK[b] - CK[a] + 1) * 9 + (CJ[b] - CJ[a] + 1) * 3 + (CI[b] - CI[a] + 1);
    }
  }
  for (let k = 0; k < mesh.nz - 1; k++) {
    for (let j = 0; j < mesh.ny; j++) {
      for (let i = 0; i < mesh.nx; i++) {
        for (let c = 0; c < 8; c++) {
          const ci = i + CI[c];
          const cj = j + CJ[c];
          const n = ((k + CK[c]) * mesh.ny + (cj % mesh.ny)) * mesh.nx + (ci % mesh.nx);
          p[3 * c] = mesh.x[n] + (ci >= mesh.nx ? mesh.periodX : 0);
          p[3 * c + 1] = mesh.y[n] + (cj >= mesh.ny ? mesh.periodY : 0);
          p[3 * c + 2] = mesh.z[n];
          nodes[c] = n;
        }
        local.fill(0);
        for (let q = 0; q < 8; q++) {
          const dN = shapeDerivatives[q];
          // Jacobian J[a][b] = d x_a / d xi_b
          J.fill(0);
          for (let c = 0; c < 8; c++) {
            const px = p[3 * c];
            const py = p[3 * c + 1];
            const pz = p[3 * c + 2];
            const ds = dN[3 * c];
            const dt = dN[3 * c + 1];
            const du = dN[3 * c + 2];
            J[0] += px * ds;
            J[1] += px * dt;
            J[2] += px * du;
            J[3] += py * ds;
            J[4] += py * dt;
            J[5] += py * du;
            J[6] += pz * ds;
            J[7] += pz * dt;
            J[8] += pz * du;
          }
          const det =
            J[0] * (J[4] * J[8] - J[5] * J[7]) -
            J[1] * (J[3] * J[8] - J[5] * J[6]) +
            J[2] * (J[3] * J[7] - J[4] * J[6]);
          if (!(det > 0)) throw new Error(`assembleQ1Stiffness3D: cell (${i}, ${j}, ${k}) is inverted`);
          // Inverse transpose: grad N = J^-T dN/dxi.
          inv[0] = (J[4] * J[8] - J[5] * J[7]) / det;
          inv[1] = (J[2] * J[7] - J[1] * J[8]) / det;
          inv[2] = (J[1] * J[5] - J[2] * J[4]) / det;
          inv[3] = (J[5] * J[6] - J[3] * J[8]) / det;
          inv[4] = (J[0] * J[8] - J[2] * J[6]) / det;
          inv[5] = (J[2] * J[3] - J[0] * J[5]) / det;
          inv[6] = (J[3] * J[7] - J[4] * J[6]) / det;
          inv[7] = (J[1] * J[6] - J[0] * J[7]) / det;
          inv[8] = (J[0] * J[4] - J[1] * J[3]) / det;
          for (let c = 0; c < 8; c++) {
            for (let a = 0; a < 3; a++) {
              // (J^-T)[a][b] = inv[b][a]
              grad[3 * c + a] = inv[a] * dN[3 * c] + inv[3 + a] * dN[3 * c + 1] + inv[6 + a] * dN[3 * c + 2];
            }
          }
          const w = 0.125 * det * sigma;
          for (let a = 0; a < 8; a++) {
            for (let b = a; b < 8; b++) {
              local[a * 8 + b] +=
                w *
                (grad[3 * a] * grad[3 * b] +
                  grad[3 * a + 1] * grad[3 * b + 1] +
                  grad[3 * a + 2] * grad[3 * b + 2]);
            }
          }
        }
        for (let a = 0; a < 8; a++) {
          const row = 27 * nodes[a];
          for (let b = 0; b < 8; b++) {
            coefficients[row + stencilEntry[a * 8 + b]] += local[a < b ? a * 8 + b : b * 8 + a];
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
