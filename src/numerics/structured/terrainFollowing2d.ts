import type { GridExecutor } from "../parallel/gridExecutor.js";
import { allShared, PARALLEL_MIN_UNKNOWNS, splitPlanes } from "../parallel/slabs.js";
import type { SlabTask } from "../parallel/slabTasks.js";
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

/**
 * The node coordinates of a terrain-following mesh; with an executor of two or more threads, a big
 * mesh's lines are written in bands on its threads (the first touch of its memory split too).
 */
export function terrainFollowingNodes2D(
  mesh: TerrainFollowingMesh2D,
  executor: GridExecutor | null = null,
): StructuredMesh2D {
  const nx = mesh.x.length;
  const ny = mesh.zeta.length;
  const allocate = executor?.allocate ?? ((length: number) => new Float64Array(length));
  const [x, y] = [allocate(nx * ny), allocate(nx * ny)];
  const threads = executor?.threads ?? 1;
  if (
    !executor ||
    threads < 2 ||
    nx * ny < (executor.minUnknowns ?? PARALLEL_MIN_UNKNOWNS) ||
    ny < threads ||
    !allShared(x, y)
  )
    terrainFollowingLines2D(mesh, x, y, 0, ny);
  else
    executor.run(
      splitPlanes(0, ny, threads).map(([j0, j1]): SlabTask => ({ op: "nodes2d", mesh, x, y, j0, j1 })),
    );
  return { nx, ny, periodicX: mesh.periodicX, period: mesh.period, x, y };
}

/** Node coordinates of lines j0 ... j1 - 1 into x and y. */
export function terrainFollowingLines2D(
  mesh: TerrainFollowingMesh2D,
  x: Float64Array,
  y: Float64Array,
  j0: number,
  j1: number,
): void {
  const nx = mesh.x.length;
  // Line by line, in memory order.
  for (let j = j0; j < j1; j++) {
    const zeta = mesh.zeta[j];
    for (let i = 0; i < nx; i++) {
      const g = mesh.surface[i];
      x[j * nx + i] = mesh.x[i];
      y[j * nx + i] = g + zeta * (mesh.top - g);
    }
  }
}

const GAUSS = [0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)];
// The 10 pairs a <= b of the corners (0,0), (1,0), (1,1), (0,1).
const PAIR_A = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3];
const PAIR_B = [0, 1, 2, 3, 1, 2, 3, 2, 3, 3];

/**
 * The Q1 stiffness of -div(sigma grad u) on a terrain-following mesh: the same matrix as
 * assembleQ1Stiffness on its nodes (2 x 2 Gauss quadrature) up to round-off, for a fraction of the
 * work, as assembleTerrainFollowing in 3D. In cell (i, j) the height is y = G(s) (1 - zeta(t)) +
 * zeta(t) top with G linear and zeta(t) = zeta_j + t dzeta_j, so with beta = 1 - zeta(t),
 * D = top - G and a = G_s / D the weighted gradient products are
 *   w g_x g_x^T = (sigma/4) (D/hx) [dzeta S S^T - beta a (S T^T + T S^T) + (beta^2/dzeta) a^2 T T^T],
 *   w g_y g_y^T = (sigma/4) hx / (D dzeta) T T^T
 * (S, T the reference derivatives): six 4 x 4 matrices per column, combined per cell.
 * `cellConductivity` is one value per cell (index j * cells in x + i), or one number. With an
 * executor of two or more threads, a big matrix is assembled by bands of cell layers on its threads
 * (and keeps the executor for its kernels).
 */
export function assembleTerrainFollowing2D(
  mesh: TerrainFollowingMesh2D,
  cellConductivity: Float64Array | number,
  executor: GridExecutor | null = null,
): StencilMatrix2D {
  const nx = mesh.x.length;
  const ny = mesh.zeta.length;
  const owner = "assembleTerrainFollowing2D";
  assertAscending(owner, "x", cellWidths(mesh));
  assertAscending(
    owner,
    "zeta",
    Float64Array.from({ length: ny - 1 }, (_, j) => mesh.zeta[j + 1] - mesh.zeta[j]),
  );
  const matrix = StencilMatrix2D.on(executor, nx, ny, mesh.periodicX);
  const coefficients = matrix.coefficients;
  const layers = ny - 1;
  const threads = executor?.threads ?? 1;
  if (
    !executor ||
    threads < 2 ||
    matrix.size < (executor.minUnknowns ?? PARALLEL_MIN_UNKNOWNS) ||
    layers < 3 * threads ||
    !allShared(coefficients)
  ) {
    assembleTerrainFollowingLayers2D(mesh, cellConductivity, coefficients, 0, layers);
    return matrix;
  }
  // Bands of cell layers side by side, each but the last without its top layer: cells of two
  // adjacent layers add to the same rows (the line between them), so those layers come after.
  const bands = splitPlanes(0, layers, threads);
  executor.run(
    bands.map(
      ([j0, j1], t): SlabTask => ({
        op: "assemble2d",
        mesh,
        cellConductivity,
        coefficients,
        j0,
        j1: t === bands.length - 1 ? j1 : j1 - 1,
      }),
    ),
  );
  for (const [, j1] of bands.slice(0, -1))
    assembleTerrainFollowingLayers2D(mesh, cellConductivity, coefficients, j1 - 1, j1);
  return matrix;
}

/** Cell widths along x (the last closing the period when periodic). */
function cellWidths(mesh: TerrainFollowingMesh2D): Float64Array {
  const nx = mesh.x.length;
  return Float64Array.from(
    { length: mesh.periodicX ? nx : nx - 1 },
    (_, i) => (i + 1 === nx ? mesh.x[0] + mesh.period : mesh.x[i + 1]) - mesh.x[i],
  );
}

/**
 * Adds the cells of layers j0 ... j1 - 1 to `coefficients` (9 per row, see StencilMatrix2D): the
 * rows of lines j0 ... j1, so two calls whose layers are not adjacent write different rows.
 */
export function assembleTerrainFollowingLayers2D(
  mesh: TerrainFollowingMesh2D,
  cellConductivity: Float64Array | number,
  coefficients: Float64Array,
  j0: number,
  j1: number,
): void {
  const nx = mesh.x.length;
  const { surface, top, zeta } = mesh;
  const widths = cellWidths(mesh);
  const cellsX = widths.length;
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
  const c = coefficients;
  for (let j = j0; j < j1; j++) {
    const dz = zeta[j + 1] - zeta[j];
    const betaLo = 1 - zeta[j] - GAUSS[0] * dz;
    const betaHi = 1 - zeta[j] - GAUSS[1] * dz;
    const cLo = (betaLo * betaLo) / dz;
    const cHi = (betaHi * betaHi) / dz;
    const rdz = 1 / dz;
    for (let i = 0; i < cellsX; i++) {
      // Corner rows (0,0), (1,0), (1,1), (0,1) of the cell; pair m of PAIR_A/PAIR_B written out
      // (corner a's entry towards b, and b's back towards a), each slot touched once per cell.
      const r0 = 9 * (j * nx + i);
      const r1 = 9 * (j * nx + (i + 1 === nx ? 0 : i + 1));
      const r2 = r1 + 9 * nx;
      const r3 = r0 + 9 * nx;
      const sigma =
        typeof cellConductivity === "number" ? cellConductivity : cellConductivity[j * cellsX + i];
      const p = 60 * i;
      c[r0 + 4] += sigma * combine(columns, p, dz, betaLo, betaHi, cLo, cHi, rdz);
      const l1 = sigma * combine(columns, p + 1, dz, betaLo, betaHi, cLo, cHi, rdz);
      c[r0 + 5] += l1;
      c[r1 + 3] += l1;
      const l2 = sigma * combine(columns, p + 2, dz, betaLo, betaHi, cLo, cHi, rdz);
      c[r0 + 8] += l2;
      c[r2] += l2;
      const l3 = sigma * combine(columns, p + 3, dz, betaLo, betaHi, cLo, cHi, rdz);
      c[r0 + 7] += l3;
      c[r3 + 1] += l3;
      c[r1 + 4] += sigma * combine(columns, p + 4, dz, betaLo, betaHi, cLo, cHi, rdz);
      const l5 = sigma * combine(columns, p + 5, dz, betaLo, betaHi, cLo, cHi, rdz);
      c[r1 + 7] += l5;
      c[r2 + 1] += l5;
      const l6 = sigma * combine(columns, p + 6, dz, betaLo, betaHi, cLo, cHi, rdz);
      c[r1 + 6] += l6;
      c[r3 + 2] += l6;
      c[r2 + 4] += sigma * combine(columns, p + 7, dz, betaLo, betaHi, cLo, cHi, rdz);
      const l8 = sigma * combine(columns, p + 8, dz, betaLo, betaHi, cLo, cHi, rdz);
      c[r2 + 3] += l8;
      c[r3 + 5] += l8;
      c[r3 + 4] += sigma * combine(columns, p + 9, dz, betaLo, betaHi, cLo, cHi, rdz);
    }
  }
}

/** Pair entry k of a cell from its column's six matrices and the layer's six scalars. */
function combine(
  columns: Float64Array,
  k: number,
  dz: number,
  betaLo: number,
  betaHi: number,
  cLo: number,
  cHi: number,
  rdz: number,
): number {
  return (
    dz * columns[k] +
    betaLo * columns[k + 10] +
    betaHi * columns[k + 20] +
    cLo * columns[k + 30] +
    cHi * columns[k + 40] +
    rdz * columns[k + 50]
  );
}

/** Refuses a step (column width, layer fraction) that is not positive, naming it. */
export function assertAscending(owner: string, name: string, steps: Float64Array): void {
  const bad = steps.findIndex((h) => !(h > 0));
  if (bad >= 0) {
    throw new Error(`${owner}: ${name} step ${bad} is ${steps[bad]}, expected ascending values`);
  }
}
