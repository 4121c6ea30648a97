/**
 * Structures on a parent lattice: a supercell and the species on each of its sites, built from an
 * occupation list in supercell site order, from atoms with fractional coordinates, or from a
 * (possibly relaxed) POSCAR cell mapped back onto the ideal lattice.
 */
import { inputError } from "../../errors.js";
import { type Cell, determinant3, inverse3, type Lattice, type Vector3 } from "./lattice.js";
import { buildSupercell, type Supercell, type SupercellMatrix } from "./supercell.js";

export interface Configuration {
  supercell: Supercell;
  /** Index of the species on each site within that site's allowed list. */
  species: Int8Array;
}

export interface Atom {
  species: string;
  /** Fractional coordinates in the supercell (or POSCAR cell). */
  fractional: Vector3;
}

function speciesIndex(lattice: Lattice, site: number, species: string, field: string): number {
  const allowed = lattice.sites[site].species;
  const index = allowed.indexOf(species);
  if (index < 0) {
    throw inputError(
      field,
      `${species} is not allowed on site ${site}${lattice.sites[site].label ? ` (${lattice.sites[site].label})` : ""} of the ${lattice.name} lattice; expected one of ${allowed.join(", ")}`,
    );
  }
  return index;
}

/** Occupation in supercell site order: for each cell of the supercell, each site of the lattice. */
export function configurationFromOccupation(
  supercell: Supercell,
  occupation: string[],
  field = "occupation",
): Configuration {
  if (occupation.length !== supercell.siteCount) {
    throw inputError(
      field,
      `has ${occupation.length} entries; expected ${supercell.siteCount} (one per supercell site)`,
    );
  }
  const n = supercell.lattice.sites.length;
  const species = Int8Array.from(occupation, (name, i) =>
    speciesIndex(supercell.lattice, i % n, name, `${field}[${i}]`),
  );
  return { supercell, species };
}

/**
 * Atoms given in supercell fractional coordinates. Each must sit within `tolerance` (fraction of
 * the shortest site distance is the caller's choice, in metres) of a lattice site, each site must be
 * taken exactly once.
 */
export function configurationFromAtoms(
  lattice: Lattice,
  matrix: SupercellMatrix,
  atoms: Atom[],
  tolerance_m: number,
  field = "atoms",
): Configuration {
  const supercell = buildSupercell(lattice, matrix, `${field.replace(/atoms$/, "")}supercell`);
  const species = new Int8Array(supercell.siteCount).fill(-1);
  atoms.forEach((atom, a) => {
    // Lattice fractional coordinates of the atom: f_super M.
    const f = [0, 1, 2].map(
      (j) =>
        atom.fractional[0] * matrix[0][j] +
        atom.fractional[1] * matrix[1][j] +
        atom.fractional[2] * matrix[2][j],
    );
    let best: { site: number; offset: Vector3; distance: number } | null = null;
    for (let s = 0; s < lattice.sites.length; s++) {
      const delta = [0, 1, 2].map((k) => f[k] - lattice.sites[s].fractional[k]);
      const offset = delta.map(Math.round) as Vector3;
      const r = delta.map((x, k) => x - offset[k]);
      const cart = [0, 1, 2].map(
        (k) => r[0] * lattice.cell_m[0][k] + r[1] * lattice.cell_m[1][k] + r[2] * lattice.cell_m[2][k],
      );
      const d = Math.hypot(cart[0], cart[1], cart[2]);
      if (!best || d < best.distance) best = { site: s, offset, distance: d };
    }
    if (!best || best.distance > tolerance_m) {
      throw inputError(
        `${field}[${a}]`,
        `${atom.species} at ${atom.fractional.map((x) => x.toFixed(4)).join(" ")} is ${((best?.distance ?? Number.NaN) * 1e10).toFixed(3)} Å from the nearest ${lattice.name} site; expected within ${(tolerance_m * 1e10).toFixed(3)} Å`,
      );
    }
    const index = supercell.indexOf([best.site, ...best.offset]);
    if (species[index] >= 0) {
      throw inputError(`${field}[${a}]`, `${atom.species} lands on a site already taken by another atom`);
    }
    species[index] = speciesIndex(lattice, best.site, atom.species, `${field}[${a}]`);
  });
  const empty = species.indexOf(-1);
  if (empty >= 0) {
    throw inputError(
      field,
      `leave supercell site ${empty} empty; expected one atom on every site (${supercell.siteCount} sites)`,
    );
  }
  return { supercell, species };
}

/** Number of sites holding the second species, among the active ones. */
export function countSecondSpecies(configuration: Configuration): number {
  let count = 0;
  for (const s of configuration.species) count += s;
  return count;
}

/**
 * The integer supercell matrix of a POSCAR cell on the lattice, after scaling the cell uniformly to
 * the lattice's volume per site (relaxed DFT cells are strained); entries must be within 0.15 of
 * integers.
 */
export function supercellOf(
  lattice: Lattice,
  cell_m: Cell,
  atomCount: number,
  field = "poscar",
): SupercellMatrix {
  const sitesVolume = Math.abs(determinant3(lattice.cell_m)) / lattice.sites.length;
  const scale = Math.cbrt((sitesVolume * atomCount) / Math.abs(determinant3(cell_m)));
  const inverse = inverse3(lattice.cell_m);
  const raw = cell_m.map((row) =>
    [0, 1, 2].map((j) => scale * (row[0] * inverse[0][j] + row[1] * inverse[1][j] + row[2] * inverse[2][j])),
  );
  const rounded = raw.map((row) => row.map(Math.round)) as SupercellMatrix;
  if (raw.some((row, i) => row.some((x, j) => Math.abs(x - rounded[i][j]) > 0.15))) {
    throw inputError(
      field,
      `cell is not an integer supercell of the ${lattice.name} lattice (cell in lattice units ${JSON.stringify(raw.map((r) => r.map((x) => Number(x.toFixed(3)))))})`,
    );
  }
  return rounded;
}
