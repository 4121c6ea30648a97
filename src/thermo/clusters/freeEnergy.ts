/**
 * Configurational free energy from Monte Carlo (Xie2024 eq 2): anneal from high temperature down
 * to a low-temperature reference T0, where entropy is negligible and F ≈ E0, then heat back up and
 * integrate the mean energy over inverse temperature,
 *   β F(β) = β0 E0 + ∫_{β0}^{β} ⟨E⟩ dβ'   (trapezoidal rule in β).
 * Phonon free energy, linear in composition, is added afterwards (eq 3).
 */
import { inputError } from "../../errors.js";
import { SeededRandom } from "../../numerics/index.js";
import { BOLTZMANN } from "../../units/index.js";
import { isActive } from "./lattice.js";
import type { MetropolisSampler, SampleStatistics } from "./monteCarlo.js";
import type { Configuration } from "./structures.js";
import type { Supercell } from "./supercell.js";

export interface AnnealStage {
  temperature_K: number;
  steps: number;
}

/**
 * Xie2024 §4: 10 000 K down to 20 K and back up to 500 K; 250 000 Metropolis steps at T ≥ 2000 K,
 * 500 000 between 500 and 2000 K, 1 000 000 at T ≤ 500 K (`stepsScale` shrinks all of them).
 */
export function xie2024Schedule(stepsScale = 1): AnnealStage[] {
  const cooling = [
    10000, 7000, 5000, 3000, 2000, 1500, 1200, 1000, 800, 700, 600, 500, 440, 400, 340, 300, 280, 260, 240,
    220, 200, 180, 160, 140, 120, 100, 80, 60, 40, 20,
  ];
  const heating = cooling
    .filter((t) => t <= 500)
    .reverse()
    .slice(1);
  const steps = (t: number) =>
    Math.max(1, Math.round(stepsScale * (t >= 2000 ? 250000 : t > 500 ? 500000 : 1000000)));
  return [...cooling, ...heating].map((temperature_K) => ({ temperature_K, steps: steps(temperature_K) }));
}

/** The heating branch of a schedule: from its lowest temperature to the end. */
export function heatingBranch<T extends { temperature_K: number }>(stages: T[]): T[] {
  let lowest = 0;
  stages.forEach((s, k) => {
    if (s.temperature_K <= stages[lowest].temperature_K) lowest = k;
  });
  return stages.slice(lowest);
}

/**
 * Eq 2 on a heating branch (increasing temperatures, first = T0), energies per site.
 * Returns F per site at every temperature of the branch.
 */
export function integrateFreeEnergy(branch: { temperature_K: number; meanEnergy_J: number }[]): number[] {
  const beta = branch.map((s) => 1 / (BOLTZMANN * s.temperature_K));
  let betaF = beta[0] * branch[0].meanEnergy_J;
  const result = [branch[0].meanEnergy_J];
  for (let k = 1; k < branch.length; k++) {
    betaF += 0.5 * (branch[k].meanEnergy_J + branch[k - 1].meanEnergy_J) * (beta[k] - beta[k - 1]);
    result.push(betaF / beta[k]);
  }
  return result;
}

export function anneal(
  sampler: MetropolisSampler,
  ensemble: "canonical" | "semi-grand",
  stages: AnnealStage[],
  onStage?: (done: number) => void,
): SampleStatistics[] {
  return stages.map((stage, k) => {
    const stats = sampler.run(ensemble, stage.steps, stage.temperature_K);
    onStage?.(k + 1);
    return stats;
  });
}

/**
 * A random configuration with a given fraction of `species` among all sites (spectator sites
 * count). Refuses fractions the supercell cannot hold exactly.
 */
export function randomConfiguration(
  supercell: Supercell,
  species: string,
  fraction: number,
  seed: number,
  field = "compositions",
): Configuration {
  const sites = supercell.lattice.sites;
  const n = supercell.siteCount;
  const fixed = supercell.cells.length * sites.filter((s) => !isActive(s) && s.species[0] === species).length;
  const activeSites: number[] = [];
  for (let i = 0; i < n; i++) if (isActive(sites[i % sites.length])) activeSites.push(i);
  const wanted = fraction * n - fixed;
  const count = Math.round(wanted);
  if (Math.abs(wanted - count) > 1e-6 || count < 0 || count > activeSites.length) {
    const low = fixed / n;
    const high = (fixed + activeSites.length) / n;
    throw inputError(
      field,
      `x = ${fraction} of ${species} is impossible in this ${n}-site supercell; expected a multiple of 1/${n} between ${low.toFixed(4)} and ${high.toFixed(4)}`,
    );
  }
  // Spectator sites hold species index 0, their only species.
  const occupation = new Int8Array(n);
  // Shuffle the active sites and give the first `count` of them the species.
  const random = new SeededRandom(seed);
  for (let k = activeSites.length - 1; k > 0; k--) {
    const j = Math.floor(random.uniform() * (k + 1));
    [activeSites[k], activeSites[j]] = [activeSites[j], activeSites[k]];
  }
  activeSites.forEach((site, k) => {
    const allowed = sites[site % sites.length].species;
    const index = allowed.indexOf(species);
    if (index < 0)
      throw inputError(
        field,
        `${species} is not allowed on the active sites of the ${supercell.lattice.name} lattice`,
      );
    occupation[site] = k < count ? index : 1 - index;
  });
  return { supercell, species: occupation };
}
