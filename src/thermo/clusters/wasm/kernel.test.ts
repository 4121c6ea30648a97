/**
 * The WebAssembly kernel (kernel.as.ts) against the JavaScript kernels it replaces: the same chain
 * bit for bit, and the committed module against the source it was compiled from.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../../numerics/index.js";
import { ELEMENTARY_CHARGE } from "../../../units/index.js";
import type { ClusterExpansion } from "../expansion.js";
import { randomConfiguration, xie2024Schedule } from "../freeEnergy.js";
import { isingExpansion } from "../isingRuns.js";
import { bccLattice, type Lattice, squareLattice } from "../lattice.js";
import { MetropolisSampler, type SampleStatistics } from "../monteCarlo.js";
import { enumerateOrbits } from "../orbits.js";
import type { Configuration } from "../structures.js";
import { buildSupercell } from "../supercell.js";
import { spaceGroupOperations } from "../symmetry.js";
import { KERNEL_SOURCE_SHA256, KERNEL_WASM_BASE64 } from "./kernel.wasm.js";

const ANGSTROM = 1e-10;
const EV = ELEMENTARY_CHARGE;
const TABLE_3 = { pair_m: 8 * ANGSTROM, triplet_m: 7 * ANGSTROM, quadruplet_m: 4.5 * ANGSTROM };

function randomExpansion(lattice: Lattice, cutoffs: Parameters<typeof enumerateOrbits>[2], seed: number) {
  const orbits = enumerateOrbits(lattice, spaceGroupOperations(lattice), cutoffs);
  const random = new SeededRandom(seed);
  const coefficients = Float64Array.from(
    { length: orbits.length + 1 },
    () => (random.uniform() - 0.5) * 0.04 * EV,
  );
  return { lattice, basis: "indicator", orbits, coefficients } satisfies ClusterExpansion;
}

const cubes = (lattice: Lattice, n: number) =>
  buildSupercell(lattice, [
    [n, 0, 0],
    [0, n, 0],
    [0, 0, n],
  ]);

type Stage = { ensemble: "canonical" | "semi-grand"; steps: number; temperature_K: number; mu_J?: number };

/** Every stage's statistics, the final configuration and energy of one kernel. */
function history(expansion: ClusterExpansion, start: Configuration, stages: Stage[], webAssembly: boolean) {
  const mc = new MetropolisSampler(expansion, start, 17, { webAssembly });
  const stats: SampleStatistics[] = stages.map((s) => mc.run(s.ensemble, s.steps, s.temperature_K, s.mu_J));
  return { kernel: mc.kernel, stats, species: Array.from(mc.configuration.species), energy_J: mc.energy_J };
}

function expectSameChain(expansion: ClusterExpansion, start: Configuration, stages: Stage[]) {
  const wasm = history(expansion, start, stages, true);
  const js = history(expansion, start, stages, false);
  expect(wasm.kernel).toBe("webassembly");
  expect(js.kernel).toBe("javascript");
  // The chain moves: a kernel that accepted nothing would agree trivially.
  expect(wasm.species).not.toEqual(Array.from(start.species));
  expect(wasm.stats.some((s) => s.acceptance > 0.5)).toBe(true);
  // toEqual on numbers is Object.is: bit for bit.
  expect(wasm.stats).toEqual(js.stats);
  expect(wasm.species).toEqual(js.species);
  expect(wasm.energy_J).toBe(js.energy_J);
  return wasm.stats;
}

describe("the WebAssembly kernel gives the JavaScript kernels' chain bit for bit", () => {
  it("with Xie2024 Table 3's cutoffs over its schedule (1 %), both ways of getting fields, then semi-grand", () => {
    const bcc = bccLattice(["Li", "Ag"]);
    const expansion = randomExpansion(bcc, TABLE_3, 5);
    const start = randomConfiguration(cubes(bcc, 5), "Li", 0.76, 2);
    const stages: Stage[] = xie2024Schedule(0.01).map((s) => ({ ensemble: "canonical", ...s }));
    stages.push(
      { ensemble: "semi-grand", steps: 30000, temperature_K: 2000, mu_J: 0.02 * EV },
      { ensemble: "semi-grand", steps: 30000, temperature_K: 100, mu_J: 0.02 * EV },
    );
    const stats = expectSameChain(expansion, start, stages);
    expect(stats.length).toBeGreaterThan(40);
    // Both field modes ran (kept fields below 20 % acceptance, monteCarlo.ts).
    expect(stats.some((s) => s.acceptance < 0.1)).toBe(true);
  });

  it("on a lattice with two kinds of site (the kind is drawn per swap)", () => {
    const bcc = bccLattice(["Li", "Ag"]);
    const lattice: Lattice = {
      name: "two-kind",
      cell_m: bcc.cell_m,
      sites: [
        { fractional: [0, 0, 0], species: ["Li", "Ag"] },
        { fractional: [0.5, 0.5, 0.5], species: ["Li", "Mg"] },
      ],
    };
    const expansion = randomExpansion(lattice, { pair_m: 5 * ANGSTROM, triplet_m: 3.6 * ANGSTROM }, 8);
    const supercell = cubes(lattice, 3);
    const random = new SeededRandom(8);
    const species = Int8Array.from({ length: supercell.siteCount }, (_, i) =>
      random.uniform() < (i % 2 === 0 ? 0.3 : 0.6) ? 1 : 0,
    );
    expectSameChain(expansion, { supercell, species }, [
      { ensemble: "canonical", steps: 40000, temperature_K: 5000 },
      { ensemble: "canonical", steps: 40000, temperature_K: 200 },
    ]);
  });

  it("for the square Ising model of ising.test.ts (spin basis, semi-grand at zero field)", () => {
    const A = 3e-10;
    const lattice = squareLattice(["up", "down"], A);
    const supercell = buildSupercell(lattice, [
      [12, 0, 0],
      [0, 12, 0],
      [0, 0, 1],
    ]);
    const start = { supercell, species: new Int8Array(supercell.siteCount) };
    // T in kelvin / 1000 is kT/J (isingRuns.ts): through Tc = 2.269 J/k.
    const stages: Stage[] = [1.5, 2.27, 3.5].map((t) => ({
      ensemble: "semi-grand",
      steps: 40000,
      temperature_K: 1000 * t,
    }));
    expectSameChain(isingExpansion(lattice, A), start, stages);
  });
});

describe("the committed WebAssembly module", () => {
  it("was compiled from today's kernel.as.ts (npm run build:wasm after changing it)", () => {
    // The digest says which source the bytes came from; that the bytes are exactly what the pinned
    // compiler makes of it is checked by CI (`node scripts/buildWasm.mjs --check`), as the
    // compiler costs seconds to load and patches globals of the realm that loads it.
    const source = readFileSync(new URL("./kernel.as.ts", import.meta.url), "utf8");
    expect(createHash("sha256").update(source).digest("hex")).toBe(KERNEL_SOURCE_SHA256);
    expect(WebAssembly.validate(Buffer.from(KERNEL_WASM_BASE64, "base64"))).toBe(true);
  });
});
