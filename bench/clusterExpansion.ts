/**
 * M4 benchmark: canonical Metropolis throughput for a BCC pair + triplet expansion on Xie2024's
 * 8x6x6 supercell (576 sites), target 2 million attempted swaps per second; and the full Xie2024
 * annealing schedule at one composition, target under 30 s.
 */
import { SeededRandom } from "../src/numerics/index.js";
import {
  bccLattice,
  buildSupercell,
  type ClusterExpansion,
  enumerateOrbits,
  MetropolisSampler,
  randomConfiguration,
  spaceGroupOperations,
  xie2024Schedule,
} from "../src/thermo/clusters/index.js";
import { ELEMENTARY_CHARGE } from "../src/units/index.js";

const ANGSTROM = 1e-10;

function expansionWithin(pair: number, triplet: number): ClusterExpansion {
  const lattice = bccLattice(["Li", "Ag"]);
  const orbits = enumerateOrbits(lattice, spaceGroupOperations(lattice), {
    pair_m: pair * ANGSTROM,
    triplet_m: triplet * ANGSTROM,
  });
  const random = new SeededRandom(3);
  const coefficients = Float64Array.from(
    { length: orbits.length + 1 },
    () => (random.uniform() - 0.5) * 0.02 * ELEMENTARY_CHARGE,
  );
  return { lattice, basis: "indicator", orbits, coefficients };
}

function throughput(expansion: ClusterExpansion, steps: number): number {
  const supercell = buildSupercell(expansion.lattice, [
    [8, 0, 0],
    [0, 6, 0],
    [0, 0, 6],
  ]);
  const sampler = new MetropolisSampler(expansion, randomConfiguration(supercell, "Li", 0.75, 1), 2);
  sampler.run("canonical", steps / 10, 1000); // warm-up
  const start = performance.now();
  sampler.run("canonical", steps, 300);
  return steps / ((performance.now() - start) / 1000);
}

export function benchClusterExpansion(): void {
  console.log("cluster-expansion Monte Carlo, BCC 8x6x6 conventional cells (576 sites), x_Li = 0.75:");
  const cases = [
    { label: "pairs to 2nd shell + nearest triplets (3.6 / 3.6 Å)", pair: 3.6, triplet: 3.6 },
    { label: "pairs to 5 Å + triplets to 5 Å", pair: 5.0, triplet: 5.0 },
    { label: "Table 3 cutoffs, every orbit non-zero (8.0 / 7.0 Å)", pair: 8.0, triplet: 7.0 },
  ];
  let sparseRate = 0;
  for (const c of cases) {
    const expansion = expansionWithin(c.pair, c.triplet);
    const rate = throughput(expansion, 2_000_000);
    if (c.pair === 3.6) sparseRate = rate;
    console.log(
      `  ${c.label}: ${expansion.orbits.length} orbits, ${(rate / 1e6).toFixed(2)} M attempted swaps/s`,
    );
  }
  console.log(
    `  target: 2 M swaps/s for a pair + triplet expansion -> ${sparseRate >= 2e6 ? "met" : "NOT met"}`,
  );
  const expansion = expansionWithin(3.6, 3.6);
  const supercell = buildSupercell(expansion.lattice, [
    [8, 0, 0],
    [0, 6, 0],
    [0, 0, 6],
  ]);
  const sampler = new MetropolisSampler(expansion, randomConfiguration(supercell, "Li", 0.75, 1), 2);
  const schedule = xie2024Schedule();
  const steps = schedule.reduce((s, st) => s + st.steps, 0);
  const start = performance.now();
  for (const stage of schedule) sampler.run("canonical", stage.steps, stage.temperature_K);
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `  full Xie2024 schedule (${schedule.length} temperatures, ${(steps / 1e6).toFixed(2)} M steps): ${seconds.toFixed(1)} s; target < 30 s -> ${seconds < 30 ? "met" : "NOT met"}`,
  );
}
