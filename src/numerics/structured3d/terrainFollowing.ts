import type { GridExecutor } from "../parallel/gridExecutor.js";
import { allShared, PARALLEL_MIN_UNKNOWNS, splitPlanes } from "../parallel/slabs.js";
import type { SlabTask } from "../parallel/slabTasks.js";
import { assertAscending } from "../structured/terrainFollowing2d.js";
import { HEX_CORNER_OFFSETS, hexGaussDerivatives, type StructuredMesh3D } from "./q1hex.js";
import { StencilMatrix3D } from "./stencil3d.js";

/**
 * A terrain-following mesh: vertical node columns over a rectilinear, periodic x-y grid, node
 * (i, j, k) at height z = g_ij + zeta_k (top - g_ij) between the surface g and a flat top.
 */
export interface TerrainFollowingMesh3D {
  /** Column positions, ascending within one period. */
  x: Float64Array;
  y: Float64Array;
  periodX: number;
  periodY: number;
  /** Surface height g at column (i, j), index j nx + i. */
  surface: Float64Array;
  top: number;
  /** Fractions of the column height, 0 = surface ... 1 = top, ascending. */
  zeta: Float64Array;
}

/** The node coordinates of a terrain-following mesh. */
export function terrainFollowingNodes(mesh: TerrainFollowingMesh3D): StructuredMesh3D {
  const nx = mesh.x.length;
  const ny = mesh.y.length;
  const nz = mesh.zeta.length;
  const x = new Float64Array(nx * ny * nz);
  const y = new Float64Array(nx * ny * nz);
  const z = new Float64Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) {
    const zeta = mesh.zeta[k];
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const column = j * nx + i;
        const node = k * nx * ny + column;
        const g = mesh.surface[column];
        x[node] = mesh.x[i];
        y[node] = mesh.y[j];
        z[node] = g + zeta * (mesh.top - g);
      }
    }
  }
  return { nx, ny, nz, periodX: mesh.periodX, periodY: mesh.periodY, x, y, z };
}

const CI = HEX_CORNER_OFFSETS.map((o) => o[0]);
const CJ = HEX_CORNER_OFFSETS.map((o) => o[1]);
const CK = HEX_CORNER_OFFSETS.map((o) => o[2]);
/** The 2 x 2 x 2 Gauss points in the order of hexGaussDerivatives (u fastest). */
const GAUSS = [0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)];

/**
 * The Q1 stiffness of -div(sigma grad u) on a terrain-following mesh, the same matrix as
 * assembleQ1Stiffness3D on its nodes (2 x 2 x 2 Gauss quadrature) up to round-off, for a fraction
 * of the work. In cell (i, j, k) the height is z = G(s, t) (1 - zeta(u)) + zeta(u) top, with G the
 * bilinear surface and zeta(u) = zeta_k + u dzeta_k, so the Jacobian is
 * [[hx, 0, 0], [0, hy, 0], [G_s (1 - zeta), G_t (1 - zeta), dzeta (top - G)]] and, with
 * beta = 1 - zeta(u) and D = top - G, the weighted gradient products are
 *   w g_x g_x^T = c (hy/hx) D [dzeta S S^T - beta a (S U^T + U S^T) + (beta^2/dzeta) a^2 U U^T],
 *   w g_z g_z^T = c hx hy / (D dzeta) U U^T,
 * (c = sigma/8, a = G_s/D, S, U the reference derivatives; y alike with t, b = G_t/D). The cell
 * matrix is therefore dzeta P_a + sum_u [beta_u P_b,u + beta_u^2/dzeta P_c,u] + P_d/dzeta over the
 * two Gauss heights u, with six matrices per column computed once: 6 x 36 products per cell
 * instead of a quadrature of 8 x 36 gradient products.
 */
export function assembleTerrainFollowing(
  mesh: TerrainFollowingMesh3D,
  sigma: number,
  executor: GridExecutor | null = null,
): StencilMatrix3D {
  const nx = mesh.x.length;
  const ny = mesh.y.length;
  const nz = mesh.zeta.length;
  const owner = "assembleTerrainFollowing";
  columnWidths(owner, mesh);
  assertAscending(
    owner,
    "zeta",
    Float64Array.from({ length: nz - 1 }, (_, k) => mesh.zeta[k + 1] - mesh.zeta[k]),
  );
  // The cells' heights are convex combinations of their corners': positive if every column's is.
  mesh.surface.forEach((g, column) => {
    if (!(mesh.top - g > 0)) {
      throw new Error(
        `${owner}: surface at column (${column % nx}, ${Math.floor(column / nx)}) reaches the top`,
      );
    }
  });
  const matrix = new StencilMatrix3D(nx, ny, nz, true, true, executor?.allocate(14 * nx * ny * nz));
  matrix.executor = executor;
  const threads = executor?.threads ?? 1;
  const layers = nz - 1;
  if (
    !executor ||
    threads < 2 ||
    matrix.size < (executor.minUnknowns ?? PARALLEL_MIN_UNKNOWNS) ||
    layers < 3 * threads ||
    !allShared(matrix.coefficients)
  ) {
    assembleTerrainFollowingLayers(mesh, sigma, matrix.coefficients, 0, layers);
    return matrix;
  }
  // z-slabs of cell layers side by side, each but the last without its top layer: cells of two
  // adjacent layers add to the same rows (the plane between them), so those layers come after.
  const slabs = splitPlanes(0, layers, threads);
  const coefficients = matrix.coefficients;
  executor.run(
    slabs.map(
      ([k0, k1], t): SlabTask => ({
        op: "assemble",
        mesh,
        sigma,
        coefficients,
        k0,
        k1: t === slabs.length - 1 ? k1 : k1 - 1,
      }),
    ),
  );
  for (const [, k1] of slabs.slice(0, -1))
    assembleTerrainFollowingLayers(mesh, sigma, coefficients, k1 - 1, k1);
  return matrix;
}

/** Cell widths along x and y (the last cell closes the period), checked positive. */
function columnWidths(owner: string, mesh: TerrainFollowingMesh3D): [Float64Array, Float64Array] {
  const nx = mesh.x.length;
  const ny = mesh.y.length;
  const widthX = Float64Array.from(
    { length: nx },
    (_, i) => (i + 1 === nx ? mesh.x[0] + mesh.periodX : mesh.x[i + 1]) - mesh.x[i],
  );
  const widthY = Float64Array.from(
    { length: ny },
    (_, j) => (j + 1 === ny ? mesh.y[0] + mesh.periodY : mesh.y[j + 1]) - mesh.y[j],
  );
  assertAscending(owner, "x", widthX);
  assertAscending(owner, "y", widthY);
  return [widthX, widthY];
}

/**
 * Adds the cells of layers k0 ... k1 - 1 (between planes k and k + 1) to the half-stored stencil
 * `coefficients` (14 per row, see StencilMatrix3D): one thread's share of assembleTerrainFollowing.
 */
export function assembleTerrainFollowingLayers(
  mesh: TerrainFollowingMesh3D,
  sigma: number,
  coefficients: Float64Array,
  k0: number,
  k1: number,
): void {
  const nx = mesh.x.length;
  const ny = mesh.y.length;
  const { surface, top, zeta } = mesh;
  const [widthX, widthY] = columnWidths("assembleTerrainFollowing", mesh);
  // Reference derivatives per Gauss point q and corner c.
  const ds = new Float64Array(64);
  const dt = new Float64Array(64);
  const du = new Float64Array(64);
  for (const [q, dN] of hexGaussDerivatives().entries()) {
    for (let c = 0; c < 8; c++) {
      ds[8 * q + c] = dN[3 * c];
      dt[8 * q + c] = dN[3 * c + 1];
      du[8 * q + c] = dN[3 * c + 2];
    }
  }
  // Pair m of the upper triangle (a <= b), the corner whose row stores it (the stencil keeps the
  // upper half, entries 13 ... 26: see StencilMatrix3D) and its place in that row.
  const pairA = new Int32Array(36);
  const pairB = new Int32Array(36);
  const storedBy = new Int32Array(36);
  const slot = new Int32Array(36);
  for (let a = 0, m = 0; a < 8; a++) {
    for (let b = a; b < 8; b++, m++) {
      pairA[m] = a;
      pairB[m] = b;
      const entry = (CK[b] - CK[a] + 1) * 9 + (CJ[b] - CJ[a] + 1) * 3 + (CI[b] - CI[a] + 1);
      storedBy[m] = entry >= 13 ? a : b;
      slot[m] = entry >= 13 ? entry - 13 : 13 - entry;
    }
  }
  // Six column matrices (P_a, P_b,lo, P_b,hi, P_c,lo, P_c,hi, P_d) for each column of one y-line.
  const columns = new Float64Array(nx * 6 * 36);
  const rows = new Int32Array(8);
  const local = new Float64Array(36);
  const layer = nx * ny;
  const c8 = sigma / 8;
  for (let j = 0; j < ny; j++) {
    const j1 = j + 1 === ny ? 0 : j + 1;
    const hy = widthY[j];
    columns.fill(0);
    for (let i = 0; i < nx; i++) {
      const i1 = i + 1 === nx ? 0 : i + 1;
      const hx = widthX[i];
      const g0 = surface[j * nx + i];
      const g1 = surface[j * nx + i1];
      const g2 = surface[j1 * nx + i1];
      const g3 = surface[j1 * nx + i];
      const p = 216 * i;
      for (let q = 0; q < 8; q++) {
        const s = GAUSS[q >> 2];
        const t = GAUSS[(q >> 1) & 1];
        const hi = q & 1;
        const G = (1 - s) * (1 - t) * g0 + s * (1 - t) * g1 + s * t * g2 + (1 - s) * t * g3;
        const Gs = (1 - t) * (g1 - g0) + t * (g2 - g3);
        const Gt = (1 - s) * (g3 - g0) + s * (g2 - g1);
        const D = top - G;
        if (!(D > 0))
          throw new Error(`assembleTerrainFollowing: surface at column (${i}, ${j}) reaches the top`);
        const xx = (c8 * D * hy) / hx;
        const yy = (c8 * D * hx) / hy;
        const a = Gs / D;
        const b = Gt / D;
        const zz = (c8 * hx * hy) / D;
        const o = 8 * q;
        for (let m = 0; m < 36; m++) {
          const ea = o + pairA[m];
          const eb = o + pairB[m];
          const uu = du[ea] * du[eb];
          columns[p + m] += xx * ds[ea] * ds[eb] + yy * dt[ea] * dt[eb];
          columns[p + 36 * (1 + hi) + m] -=
            xx * a * (ds[ea] * du[eb] + du[ea] * ds[eb]) + yy * b * (dt[ea] * du[eb] + du[ea] * dt[eb]);
          columns[p + 36 * (3 + hi) + m] += (xx * a * a + yy * b * b) * uu;
          columns[p + 180 + m] += zz * uu;
        }
      }
    }
    for (let k = k0; k < k1; k++) {
      const dz = zeta[k + 1] - zeta[k];
      const betaLo = 1 - zeta[k] - GAUSS[0] * dz;
      const betaHi = 1 - zeta[k] - GAUSS[1] * dz;
      const cLo = (betaLo * betaLo) / dz;
      const cHi = (betaHi * betaHi) / dz;
      const rdz = 1 / dz;
      const line = (k * ny + j) * nx;
      const next = (k * ny + j1) * nx;
      for (let i = 0; i < nx; i++) {
        const i1 = i + 1 === nx ? 0 : i + 1;
        // Corners in the order of HEX_CORNER_OFFSETS.
        rows[0] = line + i;
        rows[1] = line + i1;
        rows[2] = next + i1;
        rows[3] = next + i;
        rows[4] = rows[0] + layer;
        rows[5] = rows[1] + layer;
        rows[6] = rows[2] + layer;
        rows[7] = rows[3] + layer;
        const p = 216 * i;
        for (let m = 0; m < 36; m++) {
          local[m] =
            dz * columns[p + m] +
            betaLo * columns[p + 36 + m] +
            betaHi * columns[p + 72 + m] +
            cLo * columns[p + 108 + m] +
            cHi * columns[p + 144 + m] +
            rdz * columns[p + 180 + m];
        }
        for (let m = 0; m < 36; m++) coefficients[14 * rows[storedBy[m]] + slot[m]] += local[m];
      }
    }
  }
}
