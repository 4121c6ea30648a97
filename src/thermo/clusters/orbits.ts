/**
 * Cluster orbits (Xie2024 §4): all clusters of 1–4 active sites whose largest distance is within
 * the cutoff for their size, grouped into orbits of symmetry-equivalent clusters. A cluster is kept
 * modulo lattice translations in a canonical form, so the multiplicity of an orbit is the number of
 * its clusters per lattice cell — the count a correlation function is averaged over.
 */
import { inputError } from "../../errors.js";
import {
  type Cell,
  distance,
  inverse3,
  isActive,
  type Lattice,
  locateSite,
  type Vector3,
} from "./lattice.js";
import { applyOperation, type SymmetryOperation } from "./symmetry.js";

/** A site of the infinite lattice: [site index in the cell, n1, n2, n3]. */
export type LatticePoint = [number, number, number, number];
export type Cluster = LatticePoint[];

export interface Orbit {
  size: number;
  diameter_m: number;
  /** Clusters per lattice cell. */
  multiplicity: number;
  /** Every cluster of the orbit in canonical form, one per cell translation class. */
  clusters: Cluster[];
}

function position(lattice: Lattice, point: LatticePoint): Vector3 {
  const f = lattice.sites[point[0]].fractional;
  return [f[0] + point[1], f[1] + point[2], f[2] + point[3]];
}

export function clusterDiameter(lattice: Lattice, cluster: Cluster): number {
  let largest = 0;
  for (let a = 0; a < cluster.length; a++) {
    for (let b = 0; b < a; b++) {
      largest = Math.max(
        largest,
        distance(lattice.cell_m, position(lattice, cluster[a]), position(lattice, cluster[b])),
      );
    }
  }
  return largest;
}

const comparePoints = (p: LatticePoint, q: LatticePoint) =>
  p[0] - q[0] || p[1] - q[1] || p[2] - q[2] || p[3] - q[3];

/** The translation-invariant form: anchored on whichever site gives the smallest sorted list. */
export function canonicalCluster(cluster: Cluster): { cluster: Cluster; key: string } {
  let best: Cluster | null = null;
  let bestKey = "";
  for (const anchor of cluster) {
    const shifted = cluster
      .map((p) => [p[0], p[1] - anchor[1], p[2] - anchor[2], p[3] - anchor[3]] as LatticePoint)
      .sort(comparePoints);
    const key = shifted.map((p) => p.join(",")).join(";");
    if (best === null || key < bestKey) {
      best = shifted;
      bestKey = key;
    }
  }
  return { cluster: best as Cluster, key: bestKey };
}

export function transformCluster(lattice: Lattice, op: SymmetryOperation, cluster: Cluster): Cluster {
  return cluster.map((point) => {
    const located = locateSite(lattice, applyOperation(op, position(lattice, point)));
    if (!located) throw new Error("symmetry operation maps a site outside the lattice");
    return [located.site, ...located.offset] as LatticePoint;
  });
}

/** The orbit of one cluster under the space group. */
export function orbitOf(lattice: Lattice, operations: SymmetryOperation[], cluster: Cluster): Orbit {
  const images = new Map<string, Cluster>();
  for (const op of operations) {
    const image = canonicalCluster(transformCluster(lattice, op, cluster));
    images.set(image.key, image.cluster);
  }
  const clusters = [...images.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, c]) => c);
  return {
    size: cluster.length,
    diameter_m: clusterDiameter(lattice, cluster),
    multiplicity: clusters.length,
    clusters,
  };
}

/** Integer cell ranges that contain every point within `radius` of the home cell. */
function cellRange(cell: Cell, radius: number): Vector3 {
  // The spacing of lattice planes normal to reciprocal vector k is 1/|b_k|, b = (C^-1)^T.
  const inverse = inverse3(cell);
  return [0, 1, 2].map(
    (k) => Math.ceil(radius * Math.hypot(inverse[0][k], inverse[1][k], inverse[2][k])) + 1,
  ) as Vector3;
}

export interface Cutoffs {
  /** Largest cluster diameter for pairs, triplets, quadruplets (index 0, 1, 2), metres; omit a size to skip it. */
  pair_m?: number;
  triplet_m?: number;
  quadruplet_m?: number;
}

/**
 * Every orbit of the lattice within the cutoffs: points first, then pairs, triplets, quadruplets,
 * each ordered by diameter (so that "the shorter cluster" of Xie2024 comes first).
 */
export function enumerateOrbits(
  lattice: Lattice,
  operations: SymmetryOperation[],
  cutoffs: Cutoffs,
): Orbit[] {
  const bySize = [cutoffs.pair_m ?? 0, cutoffs.triplet_m ?? 0, cutoffs.quadruplet_m ?? 0];
  const largest = Math.max(...bySize);
  const range = cellRange(lattice.cell_m, largest);
  const found = new Map<string, Cluster>();
  const add = (cluster: Cluster) => {
    const canonical = canonicalCluster(cluster);
    if (!found.has(canonical.key)) found.set(canonical.key, canonical.cluster);
  };
  lattice.sites.forEach((site, s) => {
    if (!isActive(site)) return;
    const home: LatticePoint = [s, 0, 0, 0];
    add([home]);
    const neighbours: LatticePoint[] = [];
    for (let n1 = -range[0]; n1 <= range[0]; n1++) {
      for (let n2 = -range[1]; n2 <= range[1]; n2++) {
        for (let n3 = -range[2]; n3 <= range[2]; n3++) {
          lattice.sites.forEach((other, t) => {
            if (!isActive(other) || (t === s && n1 === 0 && n2 === 0 && n3 === 0)) return;
            const point: LatticePoint = [t, n1, n2, n3];
            if (distance(lattice.cell_m, position(lattice, home), position(lattice, point)) <= largest) {
              neighbours.push(point);
            }
          });
        }
      }
    }
    const within = (cluster: Cluster, size: number) =>
      clusterDiameter(lattice, cluster) <= bySize[size - 2] + 1e-15;
    const near = (size: number) => neighbours.filter((p) => within([home, p], size));
    for (const p of near(2)) add([home, p]);
    const forTriplets = near(3);
    for (let a = 0; a < forTriplets.length; a++) {
      for (let b = a + 1; b < forTriplets.length; b++) {
        const triplet = [home, forTriplets[a], forTriplets[b]];
        if (within(triplet, 3)) add(triplet);
      }
    }
    const forQuadruplets = near(4);
    for (let a = 0; a < forQuadruplets.length; a++) {
      for (let b = a + 1; b < forQuadruplets.length; b++) {
        for (let c = b + 1; c < forQuadruplets.length; c++) {
          const quadruplet = [home, forQuadruplets[a], forQuadruplets[b], forQuadruplets[c]];
          if (within(quadruplet, 4)) add(quadruplet);
        }
      }
    }
  });
  const orbits: Orbit[] = [];
  const assigned = new Set<string>();
  for (const [key, cluster] of found) {
    if (assigned.has(key)) continue;
    const orbit = orbitOf(lattice, operations, cluster);
    for (const member of orbit.clusters) assigned.add(canonicalCluster(member).key);
    orbits.push(orbit);
  }
  if (!orbits.some((o) => o.size > 1)) {
    throw inputError(
      "cutoffs",
      `no pair fits within ${(bySize[0] * 1e10).toFixed(2)} Å on the ${lattice.name} lattice; expected a pair cutoff at least the nearest active-site distance`,
    );
  }
  return orbits.sort(
    (a, b) => a.size - b.size || a.diameter_m - b.diameter_m || a.multiplicity - b.multiplicity,
  );
}
