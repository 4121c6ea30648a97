/**
 * Lattice Monte Carlo on a cluster expansion (Xie2024 §4): canonical Metropolis with swaps of two
 * unlike sites of the same sublattice kind, and semi-grand-canonical Metropolis with single-site
 * flips at a fixed chemical-potential difference.
 *
 * Every canonical attempt swaps a minority-species site with a majority-species site, drawn
 * uniformly from per-kind index lists (kind drawn with weight n_sparse × n_other, which swaps do
 * not change). The proposal is symmetric, so the stationary distribution is the canonical one; a
 * kernel that also proposes like pairs differs only by interleaved steps that change nothing (see
 * monteCarloReference.ts and the tests that compare the two).
 *
 * Energies come from the expansion rewritten in occupation indicators of the minority species
 * (siteTerms.ts): E is multilinear in ψ, so swapping i (ψ = 1) with j (ψ = 0) changes it by
 * exactly ΔE = h_j − h_i − P_ij, with h the field ∂E/∂ψ of each site and P_ij = ∂²E/∂ψ_i∂ψ_j the
 * terms containing both (each counted once). Both only visit the terms whose other members hold
 * the minority species. Two exact ways to get h, chosen per block of steps by the last block's
 * acceptance (the chain and its random numbers are the same either way):
 * - kept fields: every site's h is stored, an attempt reads two of them, and an accepted move
 *   updates the fields around the changed site, h_k += Δψ_m P_mk — cheap when most moves are
 *   rejected; recomputed from scratch on entering this mode and every FIELD_REFRESH accepted
 *   moves, so rounding cannot accumulate;
 * - fresh fields: h_i and h_j are summed at every attempt (fieldKernel.ts), h_j with ψ_i already
 *   set to 0, which is h_j − P_ij — cheaper when most moves are accepted.
 * Terms, occupations and kept fields live in two flat arrays (flatTerms.ts), and each sampler runs
 * its own compiled copy of both kernels (ownCopy.ts), which V8 specialises to that sampler's arrays.
 * Where WebAssembly runs, every array sits in the memory of the sampler's own instance of
 * wasm/kernel.as.ts, which sums the fields and runs the fresh-field swap blocks: the same
 * arithmetic in the same order, so the same chain bit for bit, ~2x faster per field.
 */
import { SeededRandom } from "../../numerics/index.js";
import { BOLTZMANN } from "../../units/index.js";
import { type ClusterExpansion, energyPerSite } from "./expansion.js";
import { fieldKernel, listSparseSlots } from "./fieldKernel.js";
import { FlatTerms } from "./flatTerms.js";
import { type KeptFields, keptFields } from "./keptFields.js";
import { isActive } from "./lattice.js";
import { ownCopy } from "./ownCopy.js";
import { siteTerms } from "./siteTerms.js";
import { type SampleStatistics, StageAverages } from "./stageAverages.js";
import type { Configuration } from "./structures.js";
import { siteFunction } from "./supercell.js";
import { arenaBytes, KernelArena, type WasmKernel } from "./wasm/kernelArena.js";

export type { SampleStatistics };

/** Accepted moves between recomputations of every field from scratch. */
const FIELD_REFRESH = 1 << 20;
/** Steps per block; each block keeps fields when the previous one accepted fewer than KEEP_BELOW. */
const BLOCK = 1 << 14;
/**
 * Keeping fields costs ~3.5 µs per accepted swap with Table 3's cutoffs (~700 scattered updates
 * around two sites), two fresh fields from the dense tables ~0.8 µs per attempt. Measured on BCC
 * 8x6x6 cubes, under load: kept 1.53 vs fresh ~1.1 M swaps/s at acceptance 0.17, 0.34 vs 1.24 at
 * 0.53.
 */
const KEEP_BELOW = 0.2;

export interface SamplerOptions {
  /** Run the WebAssembly kernel where it can run (default); false: the JavaScript kernels only. */
  webAssembly?: boolean;
}

export class MetropolisSampler {
  readonly configuration: Configuration;
  /** Total energy of the supercell, joules, kept current by every accepted move. */
  energy_J: number;
  /**
   * Terms, ψ (1 where the site holds the sparse species) and the kept fields h_i = ∂E/∂ψ_i (J;
   * current only while `keepFields`) in two flat arrays (flatTerms.ts).
   */
  private readonly flat: FlatTerms;
  /** h_i summed from the current occupations (fieldKernel.ts), this sampler's own compiled copy. */
  private readonly field: (i: number) => number;
  /** Pair corrections and updates of the kept fields (keptFields.ts), this sampler's own copy. */
  private readonly kept: KeptFields;
  private keepFields = false;
  /** Acceptance of the last block of steps, which picks how the next block gets its fields. */
  private lastAcceptance = 1;
  private readonly siteValue: [number, number];
  private readonly latticeSiteOf: Int32Array;
  private readonly active: Int32Array;
  /**
   * Active sites grouped by kind (same allowed species): kind k owns members[kindStart[k] ..
   * kindStart[k + 1]), its sparse-species sites first (sparseCount[k] of them).
   */
  private readonly kindStart: Int32Array;
  private readonly members: Int32Array;
  private readonly sparseCount: Int32Array;
  private readonly position: Int32Array;
  private readonly random: SeededRandom;
  private orderSum: number;
  /** The WebAssembly kernel on this sampler's arrays, null where the JavaScript kernels run. */
  private readonly wasm: WasmKernel | null;
  /** Total energy after each step of a WebAssembly block (in its memory). */
  private readonly blockEnergies: Float64Array;
  /** Swap weight per kind (constant under swaps: the number of unlike pairs), in the kernel's memory. */
  private readonly weight: Float64Array;

  constructor(
    expansion: ClusterExpansion,
    configuration: Configuration,
    seed: number,
    options: SamplerOptions = {},
  ) {
    const supercell = configuration.supercell;
    const species = configuration.species;
    const n = supercell.siteCount;
    const latticeSites = supercell.lattice.sites;
    // Full evaluation (it also refuses supercells in which a cluster meets its own image).
    this.energy_J = energyPerSite(expansion, configuration) * n;
    this.siteValue = [siteFunction(expansion.basis, 0), siteFunction(expansion.basis, 1)];
    this.latticeSiteOf = Int32Array.from({ length: n }, (_, i) => i % latticeSites.length);
    const activeList: number[] = [];
    const kinds = new Map<string, number[]>();
    let second = 0;
    for (let i = 0; i < n; i++) {
      const site = latticeSites[i % latticeSites.length];
      if (!isActive(site)) continue;
      activeList.push(i);
      second += species[i];
      const key = site.species.join("|");
      const group = kinds.get(key);
      if (group) group.push(i);
      else kinds.set(key, [i]);
    }
    this.active = Int32Array.from(activeList);
    const sparse = second <= activeList.length / 2 ? 1 : 0;
    const occupied = new Uint8Array(n);
    for (const i of activeList) occupied[i] = species[i] === sparse ? 1 : 0;
    const groups = [...kinds.values()].map((sites) => [
      ...sites.filter((i) => occupied[i] === 1),
      ...sites.filter((i) => occupied[i] === 0),
    ]);
    const kindCount = groups.length;
    let arena: KernelArena | undefined;
    this.flat = new FlatTerms(
      siteTerms(expansion, supercell, sparse),
      this.latticeSiteOf,
      occupied,
      (li, lr) => {
        const bytes = arenaBytes(
          [li, 4],
          [lr, 8],
          [BLOCK, 8],
          [kindCount, 8],
          [activeList.length, 4],
          [n, 4],
          [kindCount + 1, 4],
          [kindCount, 4],
          [n, 1],
        );
        arena = new KernelArena(bytes, options.webAssembly ?? true);
        return { ints: arena.int32(li), reals: arena.float64(lr) };
      },
    );
    if (!arena) throw new Error("FlatTerms did not place its arrays");
    const flat = this.flat;
    this.blockEnergies = arena.float64(BLOCK);
    this.weight = arena.float64(kindCount);
    this.members = arena.int32(activeList.length);
    this.members.set(groups.flat());
    this.position = arena.int32(n).fill(-1);
    this.kindStart = arena.int32(kindCount + 1);
    groups.forEach((g, k) => {
      this.kindStart[k + 1] = this.kindStart[k] + g.length;
    });
    this.sparseCount = arena.int32(kindCount);
    this.sparseCount.set(groups.map((g) => g.filter((i) => occupied[i] === 1).length));
    this.configuration = { supercell, species: arena.int8(n) };
    this.configuration.species.set(species);
    this.wasm = arena.kernel;
    const wasm = this.wasm;
    if (wasm) {
      wasm.init(
        flat.ints.byteOffset,
        flat.reals.byteOffset,
        this.blockEnergies.byteOffset,
        this.weight.byteOffset,
        this.members.byteOffset,
        this.position.byteOffset,
        this.kindStart.byteOffset,
        this.sparseCount.byteOffset,
        this.configuration.species.byteOffset,
        flat.scratchAt,
        flat.degree,
        flat.occupiedAt,
        kindCount,
      );
    }
    this.field = wasm
      ? wasm.field
      : ownCopy(fieldKernel)(flat.ints, flat.reals, flat.scratchAt, flat.degree, listSparseSlots);
    this.kept = ownCopy(keptFields)(flat, listSparseSlots);
    this.members.forEach((i, k) => {
      this.position[i] = k;
    });
    this.random = new SeededRandom(seed);
    this.orderSum = 0;
    for (const i of activeList) this.orderSum += this.siteValue[species[i]];
  }

  /** Which kernel sums the fields and runs the fresh-field swap blocks. */
  get kernel(): "webassembly" | "javascript" {
    return this.wasm ? "webassembly" : "javascript";
  }

  private refreshFields(): void {
    const flat = this.flat;
    for (const i of this.active) flat.reals[flat.fieldsAt + i] = this.field(i);
  }

  /** Energy change of changing site i to its other species (no change made). */
  flipEnergy(i: number): number {
    const flat = this.flat;
    const field = this.keepFields ? flat.reals[flat.fieldsAt + i] : this.field(i);
    return (1 - 2 * flat.occupied(i)) * field;
  }

  /** Sets ψ_m to 1 − ψ_m, updating the kept fields around m while they are kept. */
  private changeOccupation(m: number): void {
    const flat = this.flat;
    if (this.keepFields) this.kept.change(m);
    else flat.ints[flat.occupiedAt + m] = 1 - flat.ints[flat.occupiedAt + m];
  }

  /** Changes site i to its other species and keeps the per-kind lists sorted (sparse first). */
  private flip(i: number): void {
    const species = this.configuration.species;
    const members = this.members;
    const position = this.position;
    const k = this.kindOfPosition(position[i]);
    const from = position[i];
    const wasSparse = this.flat.occupied(i);
    const boundary = this.kindStart[k] + this.sparseCount[k] - wasSparse;
    const other = members[boundary];
    members[from] = other;
    position[other] = from;
    members[boundary] = i;
    position[i] = boundary;
    this.sparseCount[k] += 1 - 2 * wasSparse;
    this.changeOccupation(i);
    this.orderSum -= this.siteValue[species[i]];
    species[i] = 1 - species[i];
    this.orderSum += this.siteValue[species[i]];
  }

  private kindOfPosition(p: number): number {
    let k = 0;
    while (this.kindStart[k + 1] <= p) k++;
    return k;
  }

  /**
   * Runs `steps` Metropolis steps at temperature T. Canonical: swap a sparse-species site with an
   * unlike site of the same kind (when no kind holds both species, steps change nothing).
   * Semi-grand: flip one active site, accepted on ΔE − Δμ ΔN₂ with N₂ the count of the second
   * species.
   */
  run(
    ensemble: "canonical" | "semi-grand",
    steps: number,
    temperature_K: number,
    chemicalPotential_J = 0,
  ): SampleStatistics {
    const kT = BOLTZMANN * temperature_K;
    const averages = new StageAverages(temperature_K, steps, this.energy_J);
    let accepted = 0;
    for (let from = 0; from < steps; from += BLOCK) {
      const keep = this.lastAcceptance < KEEP_BELOW;
      if (keep && (!this.keepFields || from === 0)) {
        this.keepFields = true;
        this.refreshFields();
        this.sinceRefresh = 0;
      }
      this.keepFields = keep;
      const to = Math.min(steps, from + BLOCK);
      const acceptedInBlock =
        ensemble === "canonical"
          ? this.swaps(from, to, kT, averages)
          : this.flips(from, to, kT, chemicalPotential_J, averages);
      // A short last block says too little about the acceptance to pick the next one's mode.
      if (to - from === BLOCK) this.lastAcceptance = acceptedInBlock / BLOCK;
      accepted += acceptedInBlock;
    }
    return averages.result(accepted);
  }

  /** Accepted moves since the kept fields were last recomputed from scratch. */
  private sinceRefresh = 0;

  private acceptedWhileKeeping(): void {
    if (this.keepFields && ++this.sinceRefresh === FIELD_REFRESH) {
      this.refreshFields();
      this.sinceRefresh = 0;
    }
  }

  /**
   * Canonical steps `from` .. `to` − 1: swap a sparse-species site with an unlike site of the same
   * kind (when no kind holds both species, steps change nothing). Returns the accepted count.
   */
  private swaps(from: number, to: number, kT: number, averages: StageAverages): number {
    const species = this.configuration.species;
    const flat = this.flat;
    const ints = flat.ints;
    const reals = flat.reals;
    const occupiedAt = flat.occupiedAt;
    const fieldsAt = flat.fieldsAt;
    const field = this.field;
    const pairField = this.kept.pairField;
    const members = this.members;
    const position = this.position;
    const random = this.random;
    const kindStart = this.kindStart;
    const sparseCount = this.sparseCount;
    const kinds = kindStart.length - 1;
    const keep = this.keepFields;
    const weight = this.weight;
    for (let k = 0; k < kinds; k++) {
      const size = kindStart[k + 1] - kindStart[k];
      weight[k] = sparseCount[k] * (size - sparseCount[k]);
    }
    const totalWeight = weight.reduce((a, b) => a + b, 0);
    // Swaps keep the composition, so the mean site function is constant.
    const order = this.orderSum / this.active.length;
    if (this.wasm && !keep) return this.wasmSwaps(from, to, kT, totalWeight, order, averages);
    let energy = this.energy_J;
    let accepted = 0;
    for (let step = from; step < to; step++) {
      if (totalWeight > 0) {
        let k = 0;
        if (kinds > 1) {
          let pick = random.uniform() * totalWeight;
          while (pick >= weight[k] && k < kinds - 1) pick -= weight[k++];
        }
        const start = kindStart[k];
        const sparse = sparseCount[k];
        const a = start + Math.floor(random.uniform() * sparse);
        const b = start + sparse + Math.floor(random.uniform() * (kindStart[k + 1] - start - sparse));
        const i = members[a];
        const j = members[b];
        let change: number;
        if (keep) change = reals[fieldsAt + j] - reals[fieldsAt + i] - pairField(i, j);
        else {
          // h_j summed with ψ_i already 0 is h_j − P_ij: the terms containing both sites drop out.
          const leaving = field(i);
          ints[occupiedAt + i] = 0;
          change = field(j) - leaving;
          ints[occupiedAt + i] = 1;
        }
        if (change <= 0 || random.uniform() < Math.exp(-change / kT)) {
          this.changeOccupation(i);
          this.changeOccupation(j);
          const was = species[i];
          species[i] = species[j];
          species[j] = was;
          members[a] = j;
          members[b] = i;
          position[j] = a;
          position[i] = b;
          energy += change;
          accepted++;
          this.acceptedWhileKeeping();
        }
      }
      averages.record(step, energy, order);
    }
    this.energy_J = energy;
    return accepted;
  }

  /** swaps() with fresh fields in the WebAssembly kernel: the same steps, the same random stream. */
  private wasmSwaps(
    from: number,
    to: number,
    kT: number,
    totalWeight: number,
    order: number,
    averages: StageAverages,
  ): number {
    const wasm = this.wasm as WasmKernel;
    wasm.setRandomState(this.random.streamState);
    wasm.setEnergy(this.energy_J);
    const accepted = wasm.swaps(to - from, kT, totalWeight);
    this.random.streamState = wasm.randomState();
    this.energy_J = wasm.currentEnergy();
    const energies = this.blockEnergies;
    for (let step = from; step < to; step++) averages.record(step, energies[step - from], order);
    return accepted;
  }

  /**
   * Semi-grand steps `from` .. `to` − 1: flip one active site, accepted on ΔE − Δμ ΔN₂ with N₂
   * the count of the second species. Returns the accepted count.
   */
  private flips(
    from: number,
    to: number,
    kT: number,
    chemicalPotential_J: number,
    averages: StageAverages,
  ): number {
    const species = this.configuration.species;
    const active = this.active;
    const activeCount = active.length;
    const random = this.random;
    let accepted = 0;
    for (let step = from; step < to; step++) {
      const i = active[Math.floor(random.uniform() * activeCount)];
      const change = this.flipEnergy(i);
      const gained = species[i] === 0 ? 1 : -1;
      const grand = change - chemicalPotential_J * gained;
      if (grand <= 0 || random.uniform() < Math.exp(-grand / kT)) {
        this.flip(i);
        this.energy_J += change;
        accepted++;
        this.acceptedWhileKeeping();
      }
      averages.record(step, this.energy_J, this.orderSum / activeCount);
    }
    return accepted;
  }
}
