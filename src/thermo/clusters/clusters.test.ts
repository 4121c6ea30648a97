import { describe, expect, it } from "vitest";
import { InputError } from "../../errors.js";
import { SeededRandom } from "../../numerics/index.js";
import { ELEMENTARY_CHARGE } from "../../units/index.js";
import { type ClusterExpansion, correlations, energyPerSite } from "./expansion.js";
import { distinctColumns, lasso, ordinaryLeastSquares, predict, rootMeanSquare } from "./fit.js";
import { randomConfiguration } from "./freeEnergy.js";
import { bccLattice, fccLattice, gammaBrassLattice, locateSite, simpleCubicLattice } from "./lattice.js";
import { MetropolisSampler } from "./monteCarlo.js";
import { enumerateOrbits } from "./orbits.js";
import { parsePoscar } from "./poscar.js";
import {
  type Configuration,
  configurationFromAtoms,
  configurationFromOccupation,
  supercellOf,
} from "./structures.js";
import { buildSupercell, type SupercellMatrix } from "./supercell.js";
import { applyOperation, spaceGroupOperations } from "./symmetry.js";

const ANGSTROM = 1e-10;
const EV = ELEMENTARY_CHARGE;
const XIE_CUTOFFS = { pair_m: 8 * ANGSTROM, triplet_m: 7 * ANGSTROM, quadruplet_m: 4.5 * ANGSTROM };
const bcc = bccLattice(["Li", "Ag"]);
const bccOps = spaceGroupOperations(bcc);

describe("space groups derived from the lattices", () => {
  it("have the orders of the known groups", () => {
    // Im-3m on the BCC cube: 48 point operations x 2 centring translations; Fm-3m: 48 x 4;
    // Pm-3m: 48; gamma brass I-43m: 24 x 2 (Xie2024 Fig. 1c).
    expect(bccOps.length).toBe(96);
    expect(spaceGroupOperations(fccLattice(["Ag", "Li"])).length).toBe(192);
    expect(spaceGroupOperations(simpleCubicLattice(["A", "B"])).length).toBe(48);
    expect(spaceGroupOperations(gammaBrassLattice("Ag", "Li")).length).toBe(48);
  });
});

describe("cluster orbits", () => {
  it("count the neighbour shells of BCC and FCC with their coordination numbers", () => {
    // Clusters per cell of a pair shell = (sites per cell) x (coordination) / 2.
    const pairs = (orbits: ReturnType<typeof enumerateOrbits>) => orbits.filter((o) => o.size === 2);
    const bccPairs = pairs(enumerateOrbits(bcc, bccOps, { pair_m: 6.1 * ANGSTROM }));
    expect(bccPairs.map((o) => o.multiplicity)).toEqual([8, 6, 12, 24, 8].map((z) => z));
    const a = 3.5 * ANGSTROM;
    expect(bccPairs.map((o) => o.diameter_m / a)).toEqual(
      [3, 4, 8, 11, 12].map((n) => expect.closeTo(Math.sqrt(n) / 2, 12)),
    );
    const fcc = fccLattice(["Ag", "Li"]);
    const fccPairs = pairs(enumerateOrbits(fcc, spaceGroupOperations(fcc), { pair_m: 7 * ANGSTROM }));
    expect(fccPairs.map((o) => o.multiplicity)).toEqual([12, 6, 24, 12, 24].map((z) => 2 * z));
  });

  it("gamma brass has no quadruplet of B/C sites within 4.5 Å (Xie2024 §4)", () => {
    const gamma = gammaBrassLattice("Ag", "Li");
    const orbits = enumerateOrbits(gamma, spaceGroupOperations(gamma), XIE_CUTOFFS);
    expect(orbits.filter((o) => o.size === 4)).toEqual([]);
    // Two point orbits: OT (B, 8 per cube) and OH (C, 12 per cube).
    expect(
      orbits
        .filter((o) => o.size === 1)
        .map((o) => o.multiplicity)
        .sort(),
    ).toEqual([12, 8]);
  });

  it("refuses cutoffs that produce no pair", () => {
    expect(() => enumerateOrbits(bcc, bccOps, { pair_m: 2 * ANGSTROM })).toThrow(
      /no pair fits within 2.00 Å/,
    );
  });
});

function randomOccupation(configurationSites: number, random: SeededRandom, fraction = 0.5): Int8Array {
  return Int8Array.from({ length: configurationSites }, () => (random.uniform() < fraction ? 1 : 0));
}

describe("correlation functions", () => {
  const orbits = enumerateOrbits(bcc, bccOps, XIE_CUTOFFS);
  const supercell = buildSupercell(bcc, [
    [4, 0, 0],
    [0, 4, 0],
    [0, 0, 4],
  ]);

  it("are invariant under every symmetry operation of the lattice", () => {
    const random = new SeededRandom(3);
    const configuration: Configuration = {
      supercell,
      species: randomOccupation(supercell.siteCount, random),
    };
    const reference = correlations(orbits, "indicator", configuration);
    for (const op of bccOps.filter((_, k) => k % 7 === 0)) {
      const moved = new Int8Array(supercell.siteCount);
      supercell.cells.forEach((cell, c) => {
        bcc.sites.forEach((site, s) => {
          const image = applyOperation(
            op,
            site.fractional.map((x, k) => x + cell[k]),
          );
          const located = locateSite(bcc, image);
          if (!located) throw new Error("operation leaves the lattice");
          moved[supercell.indexOf([located.site, ...located.offset])] = configuration.species[c * 2 + s];
        });
      });
      const image = correlations(orbits, "indicator", { supercell, species: moved });
      image.forEach((value, k) => {
        expect(value).toBeCloseTo(reference[k], 12);
      });
    }
  });

  it("of the pure end members are 0 and 1 in the indicator basis", () => {
    const allAg = correlations(orbits, "indicator", {
      supercell,
      species: new Int8Array(supercell.siteCount).fill(1),
    });
    expect([...allAg]).toEqual(new Array(orbits.length + 1).fill(1));
    const allLi = correlations(orbits, "indicator", {
      supercell,
      species: new Int8Array(supercell.siteCount),
    });
    expect([...allLi.slice(1)]).toEqual(new Array(orbits.length).fill(0));
  });

  it("refuse a supercell in which a cluster meets its own image", () => {
    const tiny = buildSupercell(bcc, [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(() => correlations(orbits, "indicator", { supercell: tiny, species: new Int8Array(2) })).toThrow(
      /too small for a 2-site cluster/,
    );
  });
});

describe("Monte Carlo local energy changes", () => {
  for (const basis of ["indicator", "spin"] as const) {
    it(`equal the difference of two full evaluations for random flips and swaps (${basis} basis)`, () => {
      const orbits = enumerateOrbits(bcc, bccOps, {
        pair_m: 5 * ANGSTROM,
        triplet_m: 4 * ANGSTROM,
        quadruplet_m: 3.6 * ANGSTROM,
      });
      expect(orbits.some((o) => o.size === 4)).toBe(true);
      const random = new SeededRandom(17);
      const coefficients = Float64Array.from(
        { length: orbits.length + 1 },
        () => (random.uniform() - 0.5) * 0.1 * EV,
      );
      const expansion: ClusterExpansion = { lattice: bcc, basis, orbits, coefficients };
      const supercell = buildSupercell(bcc, [
        [3, 0, 0],
        [0, 3, 0],
        [0, 0, 3],
      ]);
      const start: Configuration = { supercell, species: randomOccupation(supercell.siteCount, random) };
      const mc = new MetropolisSampler(expansion, start, 1);
      const full = (c: Configuration) => energyPerSite(expansion, c) * supercell.siteCount;
      expect(mc.energy_J).toBeCloseTo(full(start), 30);
      for (let trial = 0; trial < 50; trial++) {
        const site = Math.floor(random.uniform() * supercell.siteCount);
        const before = full(mc.configuration);
        const predicted = mc.flipEnergy(site);
        mc.configuration.species[site] = 1 - mc.configuration.species[site];
        const after = full(mc.configuration);
        mc.configuration.species[site] = 1 - mc.configuration.species[site];
        expect(Math.abs(predicted - (after - before))).toBeLessThan(1e-12 * EV);
      }
      // Many Metropolis steps later the running energy still equals a full evaluation.
      mc.run("canonical", 20000, 800);
      mc.run("semi-grand", 20000, 800, 0.05 * EV);
      expect(Math.abs(mc.energy_J - full(mc.configuration))).toBeLessThan(1e-10 * EV);
    });
  }

  it("canonical swaps keep the composition", () => {
    const orbits = enumerateOrbits(bcc, bccOps, { pair_m: 3.6 * ANGSTROM });
    const expansion: ClusterExpansion = {
      lattice: bcc,
      basis: "indicator",
      orbits,
      coefficients: Float64Array.from([0, 0, 0.02 * EV, 0.01 * EV]),
    };
    const supercell = buildSupercell(bcc, [
      [4, 0, 0],
      [0, 4, 0],
      [0, 0, 4],
    ]);
    const start = randomConfiguration(supercell, "Li", 0.75, 2);
    const count = (c: Configuration) => c.species.reduce((s, x) => s + x, 0);
    expect(count(start)).toBe(32);
    const mc = new MetropolisSampler(expansion, start, 4);
    mc.run("canonical", 50000, 500);
    expect(count(mc.configuration)).toBe(32);
  });
});

describe("fitting (Xie2024 eq 1)", () => {
  const orbits = enumerateOrbits(bcc, bccOps, { pair_m: 5 * ANGSTROM, triplet_m: 3.6 * ANGSTROM });
  const random = new SeededRandom(29);
  const truth = Float64Array.from({ length: orbits.length + 1 }, (_, k) =>
    k === 0 ? -1.9 : (random.uniform() - 0.5) * 0.2,
  );
  const supercells: SupercellMatrix[] = [
    [
      [3, 0, 0],
      [0, 3, 0],
      [0, 0, 3],
    ],
    [
      [-2, 2, 2],
      [2, -2, 2],
      [2, 2, -2],
    ].map((r) => r.map((x) => x / 2)) as SupercellMatrix,
    [
      [2, 0, 0],
      [0, 2, 0],
      [0, 0, 3],
    ],
  ];
  const rows: Float64Array[] = [];
  for (let k = 0; k < 60; k++) {
    const supercell = buildSupercell(bcc, supercells[k % supercells.length]);
    const configuration = {
      supercell,
      species: randomOccupation(supercell.siteCount, random, random.uniform()),
    };
    rows.push(correlations(orbits, "indicator", configuration));
  }
  const energies = predict(rows, truth);

  it("recovers known coefficients exactly without noise (least squares and lasso with small alpha)", () => {
    const ols = ordinaryLeastSquares(rows, energies);
    ols.forEach((c, k) => {
      expect(c).toBeCloseTo(truth[k], 9);
    });
    const sparse = lasso(rows, energies, 1e-12);
    expect(sparse.converged).toBe(true);
    sparse.coefficients.forEach((c, k) => {
      expect(c).toBeCloseTo(truth[k], 6);
    });
  });

  it("with 2 meV noise the fit error is the noise level and lasso zeroes coefficients as alpha grows", () => {
    const noisy = energies.map(() => 0).map((_, i) => energies[i] + 0.002 * random.normal());
    const ols = ordinaryLeastSquares(rows, noisy);
    const rmse = rootMeanSquare(predict(rows, ols), noisy);
    // Residual RMS of least squares with p parameters: sigma sqrt((n - p)/n) on average.
    expect(rmse).toBeGreaterThan(0.002 * 0.6);
    expect(rmse).toBeLessThan(0.002 * 1.3);
    expect(rootMeanSquare(predict(rows, ols), energies)).toBeLessThan(0.002);
    const zeros = (alpha: number) => lasso(rows, noisy, alpha).coefficients.filter((c) => c === 0).length;
    expect(zeros(1e-6)).toBeLessThanOrEqual(zeros(1e-2));
    expect(zeros(10)).toBe(orbits.length);
  });

  it("drops duplicate columns and keeps the first (shorter) one", () => {
    const a = Float64Array.from([1, 0.5, 0.25, 0.5]);
    const b = Float64Array.from([1, 0.1, 0.3, 0.1]);
    expect(distinctColumns([a, b])).toEqual([0, 1, 2]);
  });

  it("refuses singular least-squares problems with the reason", () => {
    const singular = rows.map((r) => Float64Array.from([...r, r[1]]));
    expect(() => ordinaryLeastSquares(singular, energies)).toThrow(/singular/);
    expect(() => ordinaryLeastSquares(rows.slice(0, 3), energies.slice(0, 3))).toThrow(/cannot determine/);
  });
});

describe("structures", () => {
  it("map a strained POSCAR back onto the lattice and name an atom that does not fit", () => {
    // BCC Li3Ag (D0_3-like ordering on the conventional 2x1x1 cell), cell strained by 3%.
    const poscar = [
      "Li3Ag",
      "1.03",
      "7.0 0 0",
      "0 3.5 0",
      "0 0 3.5",
      "Ag Li",
      "1 3",
      "Direct",
      "0 0 0",
      "0.25 0.5 0.5",
      "0.5 0 0",
      "0.75 0.5 0.5",
    ].join("\n");
    const parsed = parsePoscar(poscar);
    const matrix = supercellOf(bcc, parsed.cell_m, parsed.atoms.length);
    expect(matrix).toEqual([
      [2, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const configuration = configurationFromAtoms(bcc, matrix, parsed.atoms, 0.3 * ANGSTROM);
    expect(configuration.species.reduce((s, x) => s + x, 0)).toBe(1);
    const shifted = parsed.atoms.map((atom, k) =>
      k === 2 ? { ...atom, fractional: [0.4, 0, 0] as [number, number, number] } : atom,
    );
    expect(() => configurationFromAtoms(bcc, matrix, shifted, 0.3 * ANGSTROM)).toThrow(
      /atoms\[2\]: Li at 0.4000/,
    );
  });

  it("refuse species not allowed on a sublattice and impossible compositions", () => {
    const gamma = gammaBrassLattice("Ag", "Li");
    const supercell = buildSupercell(gamma, [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const occupation = gamma.sites.map(() => "Li");
    const inner = gamma.sites.findIndex((site) => site.label === "A");
    occupation[inner] = "Ag";
    expect(() => configurationFromOccupation(supercell, occupation)).toThrow(
      new RegExp(`Ag is not allowed on site ${inner} \\(A\\)`),
    );
    expect(() => randomConfiguration(supercell, "Li", 0.5, 1)).toThrow(InputError);
    expect(() => randomConfiguration(supercell, "Li", 0.5, 1)).toThrow(/between 0.6154 and 1.0000/);
  });
});
