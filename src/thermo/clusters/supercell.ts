/**
 * Supercells of a parent lattice from integer matrices (rows: supercell vectors in units of the
 * cell vectors, as Xie2024 writes ((3,0,0),(0,3,0),(0,0,3))), structures on them, and the table of
 * every cluster of every orbit as supercell site indices — the one piece of geometry that
 * correlation functions and Monte Carlo share.
 */
import { inputError } from "../../errors.js";
import { determinant3, inverse3, type Lattice, type Vector3 } from "./lattice.js";
import type { LatticePoint, Orbit } from "./orbits.js";

export type SupercellMatrix = [Vector3, Vector3, Vector3];

export interface Supercell {
  lattice: Lattice;
  matrix: SupercellMatrix;
  /** Cell offsets inside the supercell; site index = cell * sitesPerCell + site. */
  cells: Vector3[];
  siteCount: number;
  /** Supercell index of any lattice point (periodic images folded back). */
  indexOf(point: LatticePoint): number;
}

export function buildSupercell(lattice: Lattice, matrix: SupercellMatrix, field = "supercell"): Supercell {
  if (!matrix.every((row) => row.every(Number.isInteger))) {
    throw inputError(field, `got ${JSON.stringify(matrix)}; expected a 3x3 matrix of integers`);
  }
  const volume = Math.round(determinant3(matrix));
  if (volume === 0) throw inputError(field, `got ${JSON.stringify(matrix)}; expected a non-singular matrix`);
  const inverse = inverse3(matrix);
  // A lattice point n (row vector of cell offsets) has supercell coordinates n M^-1.
  const toSuper = (n: readonly number[]) =>
    [0, 1, 2].map((j) => n[0] * inverse[0][j] + n[1] * inverse[1][j] + n[2] * inverse[2][j]);
  const fold = (n: readonly number[]): Vector3 => {
    const f = toSuper(n).map((x) => x - Math.floor(x + 1e-9));
    return [0, 1, 2].map((j) =>
      Math.round(f[0] * matrix[0][j] + f[1] * matrix[1][j] + f[2] * matrix[2][j]),
    ) as Vector3;
  };
  // Bounding box of the supercell: its eight corners are the sums of subsets of the rows.
  const corners = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) =>
    [0, 1, 2].map((j) => [0, 1, 2].reduce((sum, a) => sum + ((bits >> a) & 1) * matrix[a][j], 0)),
  );
  const low = [0, 1, 2].map((j) => Math.min(...corners.map((c) => c[j])));
  const high = [0, 1, 2].map((j) => Math.max(...corners.map((c) => c[j])));
  const cellIndex = new Map<string, number>();
  const cells: Vector3[] = [];
  for (let n1 = low[0]; n1 <= high[0]; n1++) {
    for (let n2 = low[1]; n2 <= high[1]; n2++) {
      for (let n3 = low[2]; n3 <= high[2]; n3++) {
        const folded = fold([n1, n2, n3]);
        const key = folded.join(",");
        if (!cellIndex.has(key)) {
          cellIndex.set(key, cells.length);
          cells.push(folded);
        }
      }
    }
  }
  if (cells.length !== Math.abs(volume))
    throw new Error(`supercell enumeration found ${cells.length} cells, expected ${Math.abs(volume)}`);
  const sitesPerCell = lattice.sites.length;
  return {
    lattice,
    matrix,
    cells,
    siteCount: cells.length * sitesPerCell,
    indexOf: (point) =>
      (cellIndex.get(fold([point[1], point[2], point[3]]).join(",")) as number) * sitesPerCell + point[0],
  };
}

/** Every cluster of one orbit in the supercell, `orbit.size` site indices each. */
export interface OrbitTable {
  orbit: Orbit;
  sites: Int32Array;
  count: number;
}

export function orbitTables(supercell: Supercell, orbits: Orbit[]): OrbitTable[] {
  return orbits.map((orbit) => {
    const count = supercell.cells.length * orbit.multiplicity;
    const sites = new Int32Array(count * orbit.size);
    let k = 0;
    for (const cell of supercell.cells) {
      for (const cluster of orbit.clusters) {
        const start = k;
        for (const point of cluster) {
          sites[k++] = supercell.indexOf([
            point[0],
            point[1] + cell[0],
            point[2] + cell[1],
            point[3] + cell[2],
          ]);
        }
        for (let a = start; a < k; a++) {
          for (let b = start; b < a; b++) {
            if (sites[a] === sites[b]) {
              throw inputError(
                "supercell",
                `${JSON.stringify(supercell.matrix)} is too small for a ${orbit.size}-site cluster of diameter ${(orbit.diameter_m * 1e10).toFixed(2)} Å (it meets its own periodic image); expected a larger supercell or shorter cutoffs`,
              );
            }
          }
        }
      }
    }
    return { orbit, sites, count };
  });
}

/**
 * Site basis: the value of the one non-constant site function of a binary sublattice for the
 * species index (0 or 1) on it. Indicator (Xie2024): 1 for the second species. Spin: +1 / -1,
 * the Ising convention.
 */
export type SiteBasis = "indicator" | "spin";

export function siteFunction(basis: SiteBasis, speciesIndex: number): number {
  return basis === "indicator" ? speciesIndex : 1 - 2 * speciesIndex;
}

/**
 * Correlation functions of a configuration: 1 for the empty cluster, then per orbit the average
 * over its clusters of the product of site functions (Xie2024 feature matrix Π, eq 1).
 */
export function correlationVector(tables: OrbitTable[], siteValues: Float64Array): Float64Array {
  const result = new Float64Array(tables.length + 1);
  result[0] = 1;
  tables.forEach((table, t) => {
    const { sites, count } = table;
    const size = table.orbit.size;
    let sum = 0;
    for (let c = 0; c < count; c++) {
      let product = 1;
      for (let k = 0; k < size; k++) product *= siteValues[sites[c * size + k]];
      sum += product;
    }
    result[t + 1] = sum / count;
  });
  return result;
}
