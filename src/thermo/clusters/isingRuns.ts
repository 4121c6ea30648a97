/**
 * Test support (run in a worker by ising.test.ts, so that minutes of sampling never hold the test
 * runner's event loop): nearest-neighbour Ising models written as cluster expansions in the spin
 * basis and sampled with the semi-grand-canonical Metropolis sampler at zero field.
 * E = -J Σ_<ij> s_i s_j, so the one pair orbit carries J_cluster = -J, i.e. coefficient
 * c = -J m / (sites per cell).
 */
import { BOLTZMANN } from "../../units/index.js";
import type { ClusterExpansion } from "./expansion.js";
import type { Lattice } from "./lattice.js";
import { MetropolisSampler } from "./monteCarlo.js";
import { enumerateOrbits } from "./orbits.js";
import { buildSupercell } from "./supercell.js";
import { spaceGroupOperations } from "./symmetry.js";

/** J = k_B × 1000 K, so that T in kelvin / 1000 is kT/J. */
export const COUPLING = BOLTZMANN * 1000;

export function isingExpansion(lattice: Lattice, nearestNeighbour_m: number): ClusterExpansion {
  const orbits = enumerateOrbits(lattice, spaceGroupOperations(lattice), {
    pair_m: nearestNeighbour_m * 1.01,
  });
  if (orbits.map((o) => o.size).join() !== "1,2") throw new Error("expected one point and one pair orbit");
  const coefficients = new Float64Array(orbits.length + 1);
  coefficients[2] = (-COUPLING * orbits[1].multiplicity) / lattice.sites.length;
  return { lattice, basis: "spin", orbits, coefficients };
}

function sampler(expansion: ClusterExpansion, size: number, planar: boolean, seed: number) {
  const supercell = buildSupercell(expansion.lattice, [
    [size, 0, 0],
    [0, size, 0],
    [0, 0, planar ? 1 : size],
  ]);
  return {
    sites: supercell.siteCount,
    mc: new MetropolisSampler(expansion, { supercell, species: new Int8Array(supercell.siteCount) }, seed),
  };
}

/**
 * Binder cumulant U = 1 - <m^4> / (3 <m^2>^2) after `sweeps` sweeps (the first half discarded),
 * for each size at each kT/J.
 */
export function binderCumulants(
  lattice: Lattice,
  nearestNeighbour_m: number,
  sizes: number[],
  planar: boolean,
  kTOverJ: number[],
  sweeps: number,
): number[][] {
  const expansion = isingExpansion(lattice, nearestNeighbour_m);
  return kTOverJ.map((kT) =>
    sizes.map((size) => {
      const { sites, mc } = sampler(expansion, size, planar, 11 + size);
      const stats = mc.run("semi-grand", 2 * sweeps * sites, kT * 1000);
      return 1 - stats.meanOrderFourth / (3 * stats.meanOrderSquared ** 2);
    }),
  );
}

/**
 * The heating branch of a thermodynamic integration (Xie2024 eq 2) on a size x size square
 * lattice: through the given kT/J from the first (where the ordered ground state is the
 * reference), `blocks` consecutive runs of 1000 / blocks sweeps per temperature (each averages its
 * second half). Returns per temperature the mean energy per site (J) and its standard error from
 * the spread of the block means.
 */
export function squareHeatingBranch(
  lattice: Lattice,
  spacing_m: number,
  size: number,
  kTOverJ: number[],
  blocks: number,
) {
  const expansion = isingExpansion(lattice, spacing_m);
  const { sites, mc } = sampler(expansion, size, true, 5);
  return kTOverJ.map((t) => {
    const means = Array.from(
      { length: blocks },
      () => mc.run("semi-grand", (1000 / blocks) * sites, t * 1000).meanEnergy_J / sites,
    );
    const mean = means.reduce((a, b) => a + b, 0) / blocks;
    const variance = means.reduce((a, b) => a + (b - mean) ** 2, 0) / (blocks - 1);
    return { temperature_K: t * 1000, meanEnergy_J: mean, standardError_J: Math.sqrt(variance / blocks) };
  });
}
