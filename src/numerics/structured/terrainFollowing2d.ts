import type { StructuredMesh2D } from "./mesh2d.js";
import { StencilMatrix2D } from "./stencil2d.js";

/**
 * A terrain-following 2D mesh: vertical node columns at positions x, node (i, j) at height
 * y = g_i + zeta_j (top - g_i) between the surface g and a flat top.
 */
export interface TerrainFollowingMesh2D {
  /** Column positions, ascending (within one period when periodic). */
  x: Float64Array;
  periodicX: boolean;
  /** Period in x when periodicX, else unused. */
  period: number;
  /** Surface height g at each column. */
  surface: Float64Array;
  top: number;
  /** Fractions of the column height, 0 = surface ... 1 = top, ascending. */
  zeta: Float64Array;
}

/** The node coordinates of a terrain-following mesh. */
export function terrainFollowingNodes2D(mesh: TerrainFollowingMesh2D): StructuredMesh2D {
  const nx = mesh.x.length;
  const ny = mesh.zeta.length;
  const x = new Float64Array(nx * ny);
  const y = new Float64Array(nx * ny);
  // Line by line, in memory order.
  for (let j = 0; j < ny; j++) {
    const zeta = mesh.zeta[j];
    for (let i = 0; i < nx; i++) {
      const g = mesh.surface[i];
      x[j * nx + i] = mesh.x[i];
      y[j * nx + i] = g + zeta * (mesh.top - g);
    }
  }
  return { nx, ny, periodicX: mesh.periodicX, period: mesh.period, x, y };
}

const GAUSS = [0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)];
// The 10 pairs a <= b of the corners (0,0), (1,0), (1,1), (0,1), and their 9-point stencil entries.
const PAIR_A = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3];
const PAIR_B = [0, 1, 2, 3, 1, 2, 3, 2, 3, 3];
const CORNER_I = [0, 1, 1, 0];
const CORNER_J = [0, 0, 1, 1];

/**
 * The Q1 stiffness of -div(sigma grad u) on a terrain-following mesh: the same matrix as
 * assembleQ1Stiffness on its nodes (2 x 2 Gauss quadrature) up to round-off, for a fraction of the
 * work, as assembleTerrainFollowing in 3D. In cell (i, j) the height is y = G(s) (1 - zeta(t)) +
 * zeta(t) top with G linear and zeta(t) = zeta_j + t dzeta_j, so with beta = 1 - zeta(t),
 * D = top - G and a = G_s / D the weighted gradient products are
 *   w g_x g_x^T = (sigma/4) (D/hx) [dzeta S S^T - beta a (S T^T + T S^T) + (beta^2/dzeta) a^2 T T^T],
 *   w g_y g_y^T = (sigma/4) hx / (D dzeta) T T^T
 * (S, T the reference derivatives): six 4 x 4 matrices per column, combined per cell.
 * `cellConductivity` is one value per cell (index j * cells in x + i), or one number.
 */
export function assembleTerrainFollowing2D(
  mesh: TerrainFollowingMesh2D,
  cellConductivity: Float64Array | number,
): StencilMatrix2D {
  const nx = mesh.x.length;
  const ny = mesh.zeta.length;
  const { surface, top, zeta } = mesh;
  const matrix = new StencilMatrix2D(nx, ny, mesh.periodicX);
  const coefficients = matrix.coefficients;
  const cellsX = mesh.periodicX ? nx : nx - 1;
  const widths = Float64Array.from(
    { length: cellsX },
    (_, i) => (i + 1 === nx ? mesh.x[0] + mesh.period : mesh.x[i + 1]) - mesh.x[i],
  );
  const owner = "assembleTerrainFollowing2D";
  assertAscending(owner, "x", widths);
  assertAscending(
    owner,
    "zeta",
    Float64Array.from({ length: ny - 1 }, (_, j) => zeta[j + 1] - zeta[j]),
  );
  const entry = PAIR_A.map((a, m) => {
    const b = PAIR_B[m];
    return (CORNER_J[b] - CORNER_J[a] + 1) * 3 + (CORNER_I[b] - CORNER_I[a] + 1);
  });
  // Reference derivatives dN/ds, dN/dt of N = (1-s)(1-t), s(1-t), st, (1-s)t at Gauss point
  // q = 2 (s index) + (t index).
  const ds = new Float64Array(16);
  const dt = new Float64Array(16);
  for (let q = 0; q < 4; q++) {
    const s = GAUSS[q >> 1];
    const t = GAUSS[q & 1];
    ds.set([-(1 - t), 1 - t, t, -t], 4 * q);
    dt.set([-(1 - s), -s, s, 1 - s], 4 * q);
  }
  // Per column: P_a, P_b,lo, P_b,hi, P_c,lo, P_c,hi, P_d (10 entries each), for sigma = 1.
  const columns = new Float64Array(cellsX * 60);
  for (let i = 0; i < cellsX; i++) {
    const hx = widths[i];
    const g0 = surface[i];
    const g1 = surface[i + 1 === nx ? 0 : i + 1];
    const p = 60 * i;
    for (let q = 0; q < 4; q++) {
      const s = GAUSS[q >> 1];
      const hi = q & 1;
      const D = top - ((1 - s) * g0 + s * g1);
      if (!(D > 0)) throw new Error(`assembleTerrainFollowing2D: surface at column ${i} reaches the top`);
      const xx = D / (4 * hx);
      const a = (g1 - g0) / D;
      const yy = hx / (4 * D);
      for (let m = 0; m < 10; m++) {
        const ea = 4 * q + PAIR_A[m];
        const eb = 4 * q + PAIR_B[m];
        const tt = dt[ea] * dt[eb];
        columns[p + m] += xx * ds[ea] * ds[eb];
        columns[p + 10 * (1 + hi) + m] -= xx * a * (ds[ea] * dt[eb] + dt[ea] * ds[eb]);
        columns[p + 10 * (3 + hi) + m] += xx * a * a * tt;
        columns[p + 50 + m] += yy * tt;
      }
    }
  }
  const rows = new Int32Array(4);
  const local = new Float64Array(10);
  for (let j = 0; j < ny - 1; j++) {
    const dz = zeta[j + 1] - zeta[j];
    const betaLo = 1 - zeta[j] - GAUSS[0] * dz;
    const betaHi = 1 - zeta[j] - GAUSS[1] * dz;
    const cLo = (betaLo * betaLo) / dz;
    const cHi = (betaHi * betaHi) / dz;
    const rdz = 1 / dz;
    for (let i = 0; i < cellsX; i++) {
      const i1 = i + 1 === nx ? 0 : i + 1;
      rows[0] = j * nx + i;
      rows[1] = j * nx + i1;
      rows[2] = rows[1] + nx;
      rows[3] = rows[0] + nx;
      const sigma =
        typeof cellConductivity === "number" ? cellConductivity : cellConductivity[j * cellsX + i];
      const p = 60 * i;
      for (let m = 0; m < 10; m++) {
        local[m] =
          sigma *
          (dz * columns[p + m] +
            betaLo * columns[p + 10 + m] +
            betaHi * columns[p + 20 + m] +
            cLo * columns[p + 30 + m] +
            cHi * columns[p + 40 + m] +
            rdz * columns[p + 50 + m]);
      }
      for (let m = 0; m < 10; m++) {
        const a = PAIR_A[m];
        const b = PAIR_B[m];
        coefficients[9 * rows[a] + entry[m]] += local[m];
        if (a !== b) coefficients[9 * rows[b] + 8 - entry[m]] += local[m];
      }
    }
  }
  return matrix;
}

/** Refuses a step (column width, layer fraction) that is not positive, naming it. */
export function assertAscending(owner: string, name: string, steps: Float64Array): void {
  const bad = steps.findIndex((h) => !(h > 0));
  if (bad >= 0) {
    throw new Error(`${owner}: ${name} step ${bad} is ${steps[bad]}, expected ascending values`);
  }
}
