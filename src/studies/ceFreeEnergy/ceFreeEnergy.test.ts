import { describe, expect, it } from "vitest";
import { FARADAY } from "../../units/index.js";
import { runScenario } from "../registry.js";

describe("ce-free-energy", () => {
  const expansion = {
    lattice: { type: "bcc" },
    basis: "indicator",
    clusters: [
      { representative: [], coefficient: "0 eV" },
      { representative: [[0, 0, 0, 0]], coefficient: "0 eV" },
      // A repulsive Ag–Ag nearest-neighbour pair orders x = 0.5 into B2 (CsCl, as beta-AgLi).
      {
        representative: [
          [0, 0, 0, 0],
          [1, 0, 0, 0],
        ],
        coefficient: "0.2 eV",
      },
    ],
  };
  const schedule = {
    kind: "custom",
    stages: [3000, 2000, 1000, 600, 300, 100, 50, 100, 200, 300].map((t) => ({
      temperature: `${t} K`,
      steps: 20000,
    })),
  };

  // One annealing run shared by the tests that read it.
  let cached: ReturnType<typeof runScenario> | undefined;
  const b2Result = () => {
    cached ??= runScenario({
      study: "ce-free-energy",
      params: {
        phases: [
          {
            name: "BCC",
            expansion,
            supercell: [
              [4, 0, 0],
              [0, 4, 0],
              [0, 0, 4],
            ],
            compositions: [0, 0.25, 0.5, 0.75, 1],
          },
        ],
        schedule,
        temperatures: ["300 K"],
      },
    });
    return cached;
  };

  it("anneals to the ordered ground state, and its end members have F = E", () => {
    const result = b2Result();
    const ground = (result.metrics.groundStateEnergies_eV_per_atom as { x: number; energy: number }[][])[0];
    // B2 at x = 0.5: no Ag–Ag nearest neighbours, so E = 0 exactly.
    expect(ground.find((g) => g.x === 0.5)?.energy).toBeCloseTo(0, 6);
    // Pure Ag (x = 0): every NN pair is Ag–Ag, Π = 1, E = 0.2 eV per site (to 1e-7: the units
    // library's eV differs from CODATA 2018 e by 4e-8 relative).
    expect(ground.find((g) => g.x === 0)?.energy).toBeCloseTo(0.2, 6);
    const table = (
      result.metrics.temperatures as { tabulatedPhases: { points: { x: number; freeEnergy: string }[] }[] }[]
    )[0].tabulatedPhases[0].points;
    const pureAg = Number.parseFloat(table[0].freeEnergy) / FARADAY;
    expect(pureAg).toBeCloseTo(0.2, 6);
    expect(result.series.potential_300K.equilibrium_V.every(Number.isFinite)).toBe(true);
  });

  it("hands its F(x) to lithiation-potential as tabulated phases with the same potential", () => {
    const result = b2Result();
    const handOff = (result.metrics.temperatures as { tabulatedPhases: unknown[] }[])[0].tabulatedPhases;
    const potential = runScenario({
      study: "lithiation-potential",
      params: {
        system: "none",
        tabulatedPhases: handOff,
        lithiumReference: "BCC",
        temperature: "300 K",
        yMax: 25,
        points: 300,
      },
    });
    const ours = result.series.potential_300K;
    const theirs = potential.series.potential;
    // Same y grid (log-spaced 0.01..25, 300 points): the potentials agree to the rounding of the table (1 mJ/mol).
    ours.equilibrium_V.forEach((v, k) => {
      expect(Math.abs(v - theirs.equilibrium_V[k])).toBeLessThan(1e-6);
    });
  });

  it("refuses output temperatures off the heating branch and compositions the supercell cannot hold", () => {
    const base = {
      phases: [
        {
          name: "BCC",
          expansion,
          supercell: [
            [2, 0, 0],
            [0, 2, 0],
            [0, 0, 2],
          ],
          compositions: [0, 0.5, 1],
        },
      ],
      schedule,
    };
    expect(() =>
      runScenario({ study: "ce-free-energy", params: { ...base, temperatures: ["250 K"] } }),
    ).toThrow(/250 K is not on the heating branch; expected one of 50, 100, 200, 300 K/);
    const odd = {
      ...base,
      phases: [{ ...base.phases[0], compositions: [0, 0.3, 1] }],
      temperatures: ["300 K"],
    };
    expect(() => runScenario({ study: "ce-free-energy", params: odd })).toThrow(
      /compositions\[1\]: x = 0.3 of Li is impossible/,
    );
  });
});
