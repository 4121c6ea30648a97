/**
 * Parent lattices of a cluster expansion (Xie2024 §4, "Cluster Expansion and Free-Energy
 * Calculations"): a periodic cell and its sites, each with the species allowed on it. A site with
 * two species is "active" (it carries a configurational variable); a site with one species is a
 * spectator. Lengths in metres, fractional coordinates in [0, 1).
 */
import { inputError } from "../../errors.js";

export type Vector3 = [number, number, number];
/** Rows are the cell vectors a1, a2, a3 in metres. */
export type Cell = [Vector3, Vector3, Vector3];

export interface LatticeSite {
  fractional: Vector3;
  /** Allowed species; at most two (binary sublattices). The second one is the "indicator" species. */
  species: string[];
  label?: string;
}

export interface Lattice {
  name: string;
  cell_m: Cell;
  sites: LatticeSite[];
}

const ANGSTROM = 1e-10;
/** Tolerance on fractional coordinates when matching positions to sites. */
export const POSITION_TOLERANCE = 1e-5;

export function cartesian(cell: Cell, fractional: readonly number[]): Vector3 {
  return [0, 1, 2].map(
    (k) => fractional[0] * cell[0][k] + fractional[1] * cell[1][k] + fractional[2] * cell[2][k],
  ) as Vector3;
}

export function distance(cell: Cell, a: readonly number[], b: readonly number[]): number {
  const d = cartesian(cell, [a[0] - b[0], a[1] - b[1], a[2] - b[2]]);
  return Math.hypot(d[0], d[1], d[2]);
}

export function determinant3(m: readonly (readonly number[])[]): number {
  return (
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
    m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
    m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
  );
}

export function inverse3(m: readonly (readonly number[])[]): number[][] {
  const det = determinant3(m);
  const c = (r0: number, r1: number, c0: number, c1: number) => m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0];
  return [
    [c(1, 2, 1, 2) / det, -c(0, 2, 1, 2) / det, c(0, 1, 1, 2) / det],
    [-c(1, 2, 0, 2) / det, c(0, 2, 0, 2) / det, -c(0, 1, 0, 2) / det],
    [c(1, 2, 0, 1) / det, -c(0, 2, 0, 1) / det, c(0, 1, 0, 1) / det],
  ];
}

/** Which site sits at a fractional position, and in which cell; null if none does. */
export function locateSite(
  lattice: Lattice,
  position: readonly number[],
): { site: number; offset: Vector3 } | null {
  for (let s = 0; s < lattice.sites.length; s++) {
    const f = lattice.sites[s].fractional;
    const offset = [0, 1, 2].map((k) => Math.round(position[k] - f[k])) as Vector3;
    if ([0, 1, 2].every((k) => Math.abs(position[k] - f[k] - offset[k]) < POSITION_TOLERANCE)) {
      return { site: s, offset };
    }
  }
  return null;
}

export function isActive(site: LatticeSite): boolean {
  return site.species.length === 2;
}

/** Checks a lattice given in a scenario or built here; names the offending field. */
export function checkLattice(lattice: Lattice, field = "lattice"): Lattice {
  if (!(Math.abs(determinant3(lattice.cell_m)) > 0)) {
    throw inputError(
      `${field}.cell`,
      "cell vectors are linearly dependent; expected three independent vectors",
    );
  }
  if (lattice.sites.length === 0) throw inputError(`${field}.sites`, "expected at least one site");
  lattice.sites.forEach((site, s) => {
    if (
      site.species.length < 1 ||
      site.species.length > 2 ||
      new Set(site.species).size !== site.species.length
    ) {
      throw inputError(
        `${field}.sites[${s}].species`,
        `got ${JSON.stringify(site.species)}; expected one or two distinct species (binary sublattices)`,
      );
    }
    site.fractional = site.fractional.map((x) => x - Math.floor(x + POSITION_TOLERANCE)) as Vector3;
  });
  for (let a = 0; a < lattice.sites.length; a++) {
    for (let b = 0; b < a; b++) {
      const d = lattice.sites[a].fractional.map((x, k) => x - lattice.sites[b].fractional[k]);
      if (d.every((x) => Math.abs(x - Math.round(x)) < POSITION_TOLERANCE)) {
        throw inputError(`${field}.sites[${a}]`, `sits on site ${b}; expected distinct positions`);
      }
    }
  }
  if (!lattice.sites.some(isActive)) {
    throw inputError(`${field}.sites`, "no site allows two species; nothing to expand");
  }
  return lattice;
}

const cubic = (a: number): Cell => [
  [a, 0, 0],
  [0, a, 0],
  [0, 0, a],
];

/** Conventional BCC cube (two sites), as Xie2024 builds its BCC expansion (a = 3.50 Å). */
export function bccLattice(species: string[], a = 3.5 * ANGSTROM): Lattice {
  return {
    name: "bcc",
    cell_m: cubic(a),
    sites: [
      { fractional: [0, 0, 0], species },
      { fractional: [0.5, 0.5, 0.5], species },
    ],
  };
}

/** Conventional FCC cube (four sites), Xie2024's FCC expansion (a = 4.27 Å). */
export function fccLattice(species: string[], a = 4.27 * ANGSTROM): Lattice {
  const corners: Vector3[] = [
    [0, 0, 0],
    [0, 0.5, 0.5],
    [0.5, 0, 0.5],
    [0.5, 0.5, 0],
  ];
  return { name: "fcc", cell_m: cubic(a), sites: corners.map((fractional) => ({ fractional, species })) };
}

export function simpleCubicLattice(species: string[], a = 3 * ANGSTROM): Lattice {
  return { name: "simple-cubic", cell_m: cubic(a), sites: [{ fractional: [0, 0, 0], species }] };
}

/**
 * Square lattice in the plane: a tetragonal cell whose c axis is so long (100 a) that no cluster
 * within a sensible cutoff reaches the next layer.
 */
export function squareLattice(species: string[], a = 3 * ANGSTROM): Lattice {
  return {
    name: "square",
    cell_m: [
      [a, 0, 0],
      [0, a, 0],
      [0, 0, 100 * a],
    ],
    sites: [{ fractional: [0, 0, 0], species }],
  };
}

/**
 * Cu5Zn8-type gamma brass (I-43m, 52 sites in the cube, a = 9.62 Å for Ag–Li in Xie2024). Built as
 * Xie2024 Fig. 1c describes it: a 3x3x3 supercell of the BCC cube without its corner and body-centre
 * atoms. The sites keep their ideal BCC positions (the relaxations of Fig. 1c are small and only move
 * clusters across a cutoff if one lies within a few hundredths of an Å of it). Around each vacancy,
 * the eight nearest sites split into the inner tetrahedron A (IT) and the outer tetrahedron B (OT),
 * the six next-nearest are the octahedron C (OH) and the twelve at (1/3, 1/3, 0) the cuboctahedron
 * D (CO). Following Xie2024, Ag is allowed on B and C only; A and D hold Li. Because the allowed
 * species differ between A and B, the symmetry search finds I-43m rather than the Im-3m of the
 * unrelaxed positions.
 */
export function gammaBrassLattice(metal: string, lithium: string, a = 9.62 * ANGSTROM): Lattice {
  const sites: LatticeSite[] = [];
  const around = (centre: number): LatticeSite[] => {
    const result: LatticeSite[] = [];
    for (const sx of [-1, 1]) {
      for (const sy of [-1, 1]) {
        for (const sz of [-1, 1]) {
          // (x, x, x) with an even number of minus signs is the inner tetrahedron (8c of I-43m).
          const inner = sx * sy * sz > 0;
          result.push({
            fractional: [centre + sx / 6, centre + sy / 6, centre + sz / 6],
            species: inner ? [lithium] : [lithium, metal],
            label: inner ? "A" : "B",
          });
        }
      }
    }
    for (let axis = 0; axis < 3; axis++) {
      for (const sign of [-1, 1]) {
        const f: Vector3 = [centre, centre, centre];
        f[axis] += sign / 3;
        result.push({ fractional: f, species: [lithium, metal], label: "C" });
      }
    }
    for (let zeroAxis = 0; zeroAxis < 3; zeroAxis++) {
      for (const s1 of [-1, 1]) {
        for (const s2 of [-1, 1]) {
          const f: Vector3 = [centre, centre, centre];
          const [i, j] = [0, 1, 2].filter((k) => k !== zeroAxis);
          f[i] += s1 / 3;
          f[j] += s2 / 3;
          result.push({ fractional: f, species: [lithium], label: "D" });
        }
      }
    }
    return result;
  };
  // The I-centring maps the cluster around the corner vacancy onto the one around the body centre,
  // but with the tetrahedra exchanged (in I-43m, 8c + (1/2,1/2,1/2) keeps the sign pattern): the
  // inner tetrahedron around the centre is again the even-sign one.
  sites.push(...around(0), ...around(0.5));
  return checkLattice({ name: "gamma-brass", cell_m: cubic(a), sites });
}
