import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../numerics/index.js";
import {
  bccLattice,
  buildSupercell,
  type ClusterExpansion,
  energyPerSite,
  enumerateOrbits,
  spaceGroupOperations,
} from "../../thermo/clusters/index.js";
import { ELEMENTARY_CHARGE } from "../../units/index.js";
import { runScenario } from "../registry.js";

const ANGSTROM = 1e-10;
const lattice = bccLattice(["Li", "Ag"]);
const orbits = enumerateOrbits(lattice, spaceGroupOperations(lattice), {
  pair_m: 3.6 * ANGSTROM,
  triplet_m: 3.6 * ANGSTROM,
});
// Known coefficients (eV per atom): constant, point, NN pair, 2NN pair, triplets.
const truth = [-1.9, 0.4, -0.12, 0.05, ...orbits.slice(3).map((_, k) => 0.01 * (k + 1))];
const model: ClusterExpansion = {
  lattice,
  basis: "indicator",
  orbits,
  coefficients: Float64Array.from(truth, (c) => c * ELEMENTARY_CHARGE),
};

function trainingSet(count: number) {
  const random = new SeededRandom(5);
  const matrices = [
    [
      [3, 0, 0],
      [0, 3, 0],
      [0, 0, 3],
    ],
    [
      [2, 0, 0],
      [0, 2, 0],
      [0, 0, 3],
    ],
  ] as [number, number, number][][];
  return Array.from({ length: count }, (_, k) => {
    const matrix = matrices[k % 2] as [
      [number, number, number],
      [number, number, number],
      [number, number, number],
    ];
    const supercell = buildSupercell(lattice, matrix);
    const fraction = random.uniform();
    const species = Int8Array.from({ length: supercell.siteCount }, () =>
      random.uniform() < fraction ? 1 : 0,
    );
    const energy = energyPerSite(model, { supercell, species }) / ELEMENTARY_CHARGE;
    return {
      supercell: matrix,
      occupation: Array.from(species, (s): string => (s ? "Ag" : "Li")),
      energy: `${energy} eV`,
    };
  });
}

describe("ce-fit", () => {
  it("recovers the coefficients that generated the energies (lasso with CV and least squares)", () => {
    const structures = trainingSet(40);
    for (const method of ["lasso", "least-squares"] as const) {
      const result = runScenario({
        study: "ce-fit",
        params: {
          lattice: { type: "bcc" },
          cutoffs: { pair: "3.6 angstrom", triplet: "3.6 angstrom" },
          structures,
          method,
        },
      });
      expect(result.metrics.rmse_meV_per_atom as number).toBeLessThan(1e-3);
      const fitted = (result.metrics.expansion as { clusters: { coefficient: string }[] }).clusters.map((c) =>
        Number.parseFloat(c.coefficient),
      );
      expect(fitted).toHaveLength(truth.length);
      fitted.forEach((c, k) => {
        expect(c).toBeCloseTo(truth[k], 5);
      });
      // The correlation of structure 0 with the fitted expansion reproduces its energy.
      expect(result.metrics.structureCount).toBe(40);
    }
  });

  it("refuses too few structures for cross-validation and unknown species", () => {
    const structures = trainingSet(3);
    expect(() => runScenario({ study: "ce-fit", params: { lattice: { type: "bcc" }, structures } })).toThrow(
      /has 3 structures; expected at least 5/,
    );
    const bad = trainingSet(6);
    bad[4].occupation[0] = "Mg";
    expect(() =>
      runScenario({
        study: "ce-fit",
        params: { lattice: { type: "bcc" }, cutoffs: { pair: "3.6 angstrom" }, structures: bad },
      }),
    ).toThrow(/structures\[4\]\.occupation\[0\]: Mg is not allowed/);
  });
});
