/**
 * The Metropolis kernel as it was before issue 22 (only its stage statistics now come from
 * stageAverages.ts), kept as the reference that the bench times beside `MetropolisSampler` and
 * that the tests compare its averages with. Canonical steps pick a random active site and a random site of the same kind, so a pair holding the same
 * species is a step that changes nothing ("null swap"); ΔE is recomputed from the full local field
 * of both sites at every attempt (the local field h_i sums J_cluster Π_{j≠i} φ_j over the clusters
 * that contain i). A swap is two flips in sequence, which also handles clusters that contain both
 * sites.
 */
import { SeededRandom } from "../../numerics/index.js";
import { BOLTZMANN } from "../../units/index.js";
import { type ClusterExpansion, clusterInteraction, siteValues } from "./expansion.js";
import { isActive } from "./lattice.js";
import { type SampleStatistics, StageAverages } from "./stageAverages.js";
import type { Configuration } from "./structures.js";
import { orbitTables, siteFunction } from "./supercell.js";

/** Per-site lists of the clusters containing the site: interaction and the other member sites. */
interface Neighbourhood {
  start: Int32Array;
  others: Int32Array;
  interaction: Float64Array;
}

function neighbourhood(
  siteCount: number,
  entries: { site: number; others: number[]; interaction: number }[],
): Neighbourhood {
  const perSite = entries.length > 0 ? entries[0].others.length : 0;
  const start = new Int32Array(siteCount + 1);
  for (const e of entries) start[e.site + 1]++;
  for (let i = 0; i < siteCount; i++) start[i + 1] += start[i];
  const fill = start.slice(0, siteCount);
  const others = new Int32Array(entries.length * perSite);
  const interaction = new Float64Array(entries.length);
  for (const e of entries) {
    const k = fill[e.site]++;
    interaction[k] = e.interaction;
    for (let m = 0; m < perSite; m++) others[k * perSite + m] = e.others[m];
  }
  return { start, others, interaction };
}

export class ReferenceMetropolisSampler {
  readonly configuration: Configuration;
  /** Total energy of the supercell, joules, kept current by every accepted move. */
  energy_J: number;
  private readonly values: Float64Array;
  private readonly basisValues: [number, number];
  private readonly pointField: Float64Array;
  private readonly pairs: Neighbourhood;
  private readonly triplets: Neighbourhood;
  private readonly quadruplets: Neighbourhood;
  private readonly active: Int32Array;
  /** For each active site, the active sites of the same kind (swap partners), as a CSR list. */
  private readonly partnerStart: Int32Array;
  private readonly partners: Int32Array;
  private readonly random: SeededRandom;
  private orderSum: number;

  constructor(expansion: ClusterExpansion, configuration: Configuration, seed: number) {
    this.configuration = {
      supercell: configuration.supercell,
      species: Int8Array.from(configuration.species),
    };
    const supercell = configuration.supercell;
    const n = supercell.siteCount;
    this.values = siteValues(this.configuration, expansion.basis);
    this.basisValues = [siteFunction(expansion.basis, 0), siteFunction(expansion.basis, 1)];
    this.pointField = new Float64Array(n);
    const bySize: { site: number; others: number[]; interaction: number }[][] = [[], [], []];
    const tables = orbitTables(supercell, expansion.orbits);
    tables.forEach((table, t) => {
      const interaction = clusterInteraction(expansion, t);
      if (interaction === 0) return;
      const size = table.orbit.size;
      for (let c = 0; c < table.count; c++) {
        const members = Array.from(table.sites.subarray(c * size, (c + 1) * size));
        for (const site of members) {
          if (size === 1) this.pointField[site] += interaction;
          else bySize[size - 2].push({ site, others: members.filter((m) => m !== site), interaction });
        }
      }
    });
    [this.pairs, this.triplets, this.quadruplets] = bySize.map((entries) => neighbourhood(n, entries));
    const sitesPerCell = supercell.lattice.sites.length;
    const activeList: number[] = [];
    const kinds = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const site = supercell.lattice.sites[i % sitesPerCell];
      if (!isActive(site)) continue;
      activeList.push(i);
      const key = site.species.join("|");
      const list = kinds.get(key) ?? [];
      list.push(i);
      kinds.set(key, list);
    }
    this.active = Int32Array.from(activeList);
    const partnerLists = activeList.map(
      (i) => kinds.get(supercell.lattice.sites[i % sitesPerCell].species.join("|")) as number[],
    );
    this.partnerStart = new Int32Array(activeList.length + 1);
    partnerLists.forEach((list, k) => {
      this.partnerStart[k + 1] = this.partnerStart[k] + list.length;
    });
    this.partners = Int32Array.from(partnerLists.flat());
    this.random = new SeededRandom(seed);
    this.energy_J = this.exactEnergy(expansion);
    this.orderSum = 0;
    for (const i of this.active) this.orderSum += this.values[i];
  }

  private exactEnergy(expansion: ClusterExpansion): number {
    const n = this.configuration.supercell.siteCount;
    let energy = expansion.coefficients[0] * n;
    for (let i = 0; i < n; i++) {
      const v = this.values[i];
      energy += v * this.pointField[i];
      energy += (v * this.fieldOfSize(i, this.pairs, 1)) / 2;
      energy += (v * this.fieldOfSize(i, this.triplets, 2)) / 3;
      energy += (v * this.fieldOfSize(i, this.quadruplets, 3)) / 4;
    }
    return energy;
  }

  private fieldOfSize(i: number, list: Neighbourhood, perEntry: number): number {
    const values = this.values;
    const { start, others, interaction } = list;
    let field = 0;
    for (let k = start[i], end = start[i + 1]; k < end; k++) {
      let product = interaction[k];
      const base = k * perEntry;
      for (let m = 0; m < perEntry; m++) product *= values[others[base + m]];
      field += product;
    }
    return field;
  }

  /** dE/dφ_i: the change of total energy per unit change of site i's function. */
  localField(i: number): number {
    const values = this.values;
    let field = this.pointField[i];
    const p = this.pairs;
    for (let k = p.start[i], end = p.start[i + 1]; k < end; k++)
      field += p.interaction[k] * values[p.others[k]];
    const t = this.triplets;
    for (let k = t.start[i], end = t.start[i + 1]; k < end; k++) {
      field += t.interaction[k] * values[t.others[2 * k]] * values[t.others[2 * k + 1]];
    }
    const q = this.quadruplets;
    for (let k = q.start[i], end = q.start[i + 1]; k < end; k++) {
      field +=
        q.interaction[k] *
        values[q.others[3 * k]] *
        values[q.others[3 * k + 1]] *
        values[q.others[3 * k + 2]];
    }
    return field;
  }

  /** Energy change of changing site i to its other species (no change made). */
  flipEnergy(i: number): number {
    const next = this.basisValues[1 - this.configuration.species[i]];
    return (next - this.values[i]) * this.localField(i);
  }

  private flip(i: number): void {
    const species = this.configuration.species;
    const before = this.values[i];
    species[i] = 1 - species[i];
    this.values[i] = this.basisValues[species[i]];
    this.orderSum += this.values[i] - before;
  }

  /**
   * Runs `steps` Metropolis steps at temperature T. Canonical: swap two sites of the same kind
   * (a pair holding the same species is a step that changes nothing). Semi-grand: flip one site,
   * accepted on ΔE − Δμ ΔN₂ with N₂ the count of the second species.
   */
  run(
    ensemble: "canonical" | "semi-grand",
    steps: number,
    temperature_K: number,
    chemicalPotential_J = 0,
  ): SampleStatistics {
    const kT = BOLTZMANN * temperature_K;
    const species = this.configuration.species;
    const active = this.active;
    const activeCount = active.length;
    const random = this.random;
    const averages = new StageAverages(temperature_K, steps, this.energy_J);
    let accepted = 0;
    for (let step = 0; step < steps; step++) {
      const a = Math.floor(random.uniform() * activeCount);
      const i = active[a];
      if (ensemble === "canonical") {
        const from = this.partnerStart[a];
        const j = this.partners[from + Math.floor(random.uniform() * (this.partnerStart[a + 1] - from))];
        if (species[i] !== species[j]) {
          const first = this.flipEnergy(i);
          this.flip(i);
          const change = first + this.flipEnergy(j);
          this.flip(j);
          if (change <= 0 || random.uniform() < Math.exp(-change / kT)) {
            this.energy_J += change;
            accepted++;
          } else {
            this.flip(j);
            this.flip(i);
          }
        }
      } else {
        const change = this.flipEnergy(i);
        const gained = species[i] === 0 ? 1 : -1;
        const grand = change - chemicalPotential_J * gained;
        if (grand <= 0 || random.uniform() < Math.exp(-grand / kT)) {
          this.flip(i);
          this.energy_J += change;
          accepted++;
        }
      }
      averages.record(step, this.energy_J, this.orderSum / activeCount);
    }
    return averages.result(accepted);
  }
}
