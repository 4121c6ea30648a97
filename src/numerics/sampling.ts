import { SeededRandom } from "./random.js";
import { sobolSequence } from "./sobolSequence.js";

/**
 * Designs of experiments on the unit hypercube [0, 1]^d, each reproducible from its seed. Callers
 * map the unit coordinates onto their ranges (linear, logarithmic, or a list of choices).
 */

/** n points drawn independently and uniformly. */
export function uniformSample(dimensions: number, count: number, seed: number): number[][] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: dimensions }, () => random.uniform()));
}

/**
 * Latin hypercube (McKay, Beckman & Conover 1979): each coordinate's n strata [k/n, (k+1)/n) hold
 * exactly one point, at a uniform position inside it; strata are paired across coordinates by
 * independent random permutations (Fisher-Yates).
 */
export function latinHypercube(dimensions: number, count: number, seed: number): number[][] {
  const random = new SeededRandom(seed);
  const points = Array.from({ length: count }, () => new Array<number>(dimensions).fill(0));
  for (let d = 0; d < dimensions; d++) {
    const strata = Array.from({ length: count }, (_, k) => k);
    for (let k = count - 1; k > 0; k--) {
      const j = Math.floor(random.uniform() * (k + 1));
      [strata[k], strata[j]] = [strata[j], strata[k]];
    }
    for (let k = 0; k < count; k++) points[k][d] = (strata[k] + random.uniform()) / count;
  }
  return points;
}

/** Where a point of a Saltelli design sits: matrix A, B, or A with column `factor` taken from B. */
export type SaltelliRole =
  | { block: "A"; row: number }
  | { block: "B"; row: number }
  | { block: "AB"; row: number; factor: number };

/**
 * The Saltelli (2002, 2010) design for Sobol' indices of `dimensions` factors from `base` rows:
 * A and B are the two halves of a 2d-dimensional Sobol' sequence (skipping its first point, which
 * unshifted would put the same corner in both matrices), and A_B^(i) is A with column i from B;
 * n(d + 2) points in the order A, B, A_B^(1), ..., A_B^(d), row by row. `shiftSeed` randomises the
 * sequence by a digital shift (see sobolSequence). Saltelli et al., Comput. Phys. Commun. 181
 * (2010) 259, section 3.
 */
export function saltelliDesign(
  dimensions: number,
  base: number,
  shiftSeed?: number,
): { points: number[][]; roles: SaltelliRole[] } {
  const sequence = sobolSequence(2 * dimensions, base, 1, shiftSeed);
  const a = sequence.map((row) => row.slice(0, dimensions));
  const b = sequence.map((row) => row.slice(dimensions));
  const points: number[][] = [...a, ...b];
  const roles: SaltelliRole[] = [
    ...a.map((_, row) => ({ block: "A" as const, row })),
    ...b.map((_, row) => ({ block: "B" as const, row })),
  ];
  for (let factor = 0; factor < dimensions; factor++)
    for (let row = 0; row < base; row++) {
      points.push(a[row].map((value, d) => (d === factor ? b[row][d] : value)));
      roles.push({ block: "AB", row, factor });
    }
  return { points, roles };
}

/** Where a point of a Morris design sits: step 0 starts a trajectory, step k > 0 moved `factor`. */
export interface MorrisRole {
  trajectory: number;
  step: number;
  /** The factor moved to reach this point from the previous step, and by how much (±delta). */
  factor?: number;
  delta?: number;
}

/**
 * Morris (1991) one-at-a-time trajectories on a p-level grid {0, 1/(p-1), ..., 1}: each of the
 * `trajectories` starts at a random grid point and moves every factor once, in random order, by
 * Delta = p / (2(p - 1)), up if that stays inside [0, 1] and down otherwise. d + 1 points each.
 */
export function morrisDesign(
  dimensions: number,
  trajectories: number,
  levels: number,
  seed: number,
): { points: number[][]; roles: MorrisRole[]; delta: number } {
  const random = new SeededRandom(seed);
  const delta = levels / (2 * (levels - 1));
  const points: number[][] = [];
  const roles: MorrisRole[] = [];
  for (let t = 0; t < trajectories; t++) {
    const x = Array.from({ length: dimensions }, () => Math.floor(random.uniform() * levels) / (levels - 1));
    points.push([...x]);
    roles.push({ trajectory: t, step: 0 });
    const order = Array.from({ length: dimensions }, (_, k) => k);
    for (let k = dimensions - 1; k > 0; k--) {
      const j = Math.floor(random.uniform() * (k + 1));
      [order[k], order[j]] = [order[j], order[k]];
    }
    for (const [k, factor] of order.entries()) {
      // A tolerance keeps 1/3 + 2/3 (= 1.0000000000000002) on the grid.
      const step = x[factor] + delta <= 1 + 1e-12 ? delta : -delta;
      x[factor] = Math.min(1, Math.max(0, x[factor] + step));
      points.push([...x]);
      roles.push({ trajectory: t, step: k + 1, factor, delta: step });
    }
  }
  return { points, roles, delta };
}
