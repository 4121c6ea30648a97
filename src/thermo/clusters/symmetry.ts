/**
 * Space-group operations of a lattice, derived here rather than taken from a table: the point
 * operations of the cell's metric (integer matrices W in fractional coordinates with
 * W^T G W = G, G the metric tensor), each paired with every translation that maps the sites onto
 * sites allowing the same species. This is the standard construction (as in spglib) restricted to
 * cells whose symmetry matrices have entries in {-1, 0, 1}, which holds for the conventional cubic
 * and tetragonal cells used here. Translations that are whole lattice vectors are dropped; pure
 * centring translations (BCC, FCC, gamma-brass cubes) are kept as operations.
 */
import { type Lattice, POSITION_TOLERANCE, type Vector3 } from "./lattice.js";

export interface SymmetryOperation {
  /** Acts on fractional column vectors: f' = rotation f + translation. */
  rotation: number[][];
  translation: Vector3;
}

const METRIC_TOLERANCE = 1e-6;

function metric(lattice: Lattice): number[][] {
  const c = lattice.cell_m;
  return [0, 1, 2].map((i) =>
    [0, 1, 2].map((j) => c[i][0] * c[j][0] + c[i][1] * c[j][1] + c[i][2] * c[j][2]),
  );
}

function pointOperations(lattice: Lattice): number[][][] {
  const g = metric(lattice);
  const scale = Math.max(g[0][0], g[1][1], g[2][2]);
  const result: number[][][] = [];
  for (let code = 0; code < 3 ** 9; code++) {
    const w: number[][] = [[], [], []];
    let rest = code;
    for (let k = 0; k < 9; k++) {
      w[Math.floor(k / 3)][k % 3] = (rest % 3) - 1;
      rest = Math.floor(rest / 3);
    }
    let keeps = true;
    for (let i = 0; i < 3 && keeps; i++) {
      for (let j = 0; j < 3 && keeps; j++) {
        let value = 0;
        for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) value += w[a][i] * g[a][b] * w[b][j];
        keeps = Math.abs(value - g[i][j]) < METRIC_TOLERANCE * scale;
      }
    }
    if (keeps) result.push(w);
  }
  return result;
}

export function applyOperation(op: SymmetryOperation, f: readonly number[]): Vector3 {
  const r = op.rotation;
  return [0, 1, 2].map(
    (i) => r[i][0] * f[0] + r[i][1] * f[1] + r[i][2] * f[2] + op.translation[i],
  ) as Vector3;
}

const sameSpecies = (a: string[], b: string[]) => a.length === b.length && a.every((s) => b.includes(s));

function isLatticeVector(d: readonly number[]): boolean {
  return d.every((x) => Math.abs(x - Math.round(x)) < POSITION_TOLERANCE);
}

export function spaceGroupOperations(lattice: Lattice): SymmetryOperation[] {
  const sites = lattice.sites;
  const operations: SymmetryOperation[] = [];
  for (const rotation of pointOperations(lattice)) {
    const image0 = applyOperation({ rotation, translation: [0, 0, 0] }, sites[0].fractional);
    for (const target of sites) {
      if (!sameSpecies(target.species, sites[0].species)) continue;
      const translation = [0, 1, 2].map((k) => {
        const t = target.fractional[k] - image0[k];
        return t - Math.floor(t + POSITION_TOLERANCE);
      }) as Vector3;
      const op = { rotation, translation };
      const mapsAll = sites.every((site) => {
        const image = applyOperation(op, site.fractional);
        return sites.some(
          (other) =>
            sameSpecies(other.species, site.species) &&
            isLatticeVector(image.map((x, k) => x - other.fractional[k])),
        );
      });
      if (mapsAll) operations.push(op);
    }
  }
  return operations;
}
