import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../errors.js";
import { runScenario } from "../index.js";

const CUMG = "../shared/data/tdb/pycalphad-tests/cumg.tdb";
/** The run reads files through the context, as the CLI does; here from the shared data directly. */
const context = { readLines: (file: string) => readFileSync(file, "utf8").split("\n") };

describe("lithiation-potential with a user database", () => {
  it("takes the reacting element as a parameter (Mg into Cu, with the ordered Laves phase Cu2Mg)", () => {
    const result = runScenario(
      {
        study: "lithiation-potential",
        params: {
          system: { tdb: CUMG, metal: "Cu", lithium: "Mg" },
          lithiumReference: "HCP_A3",
          temperature: "600 K",
          points: 50,
          yMax: 3,
        },
      },
      context,
    );
    const metrics = result.metrics as Record<string, unknown>;
    expect(metrics.stablePhases).toEqual(["FCC_A1", "CU2MG", "CUMG2", "HCP_A3"]);
    const plateaus = metrics.plateaus as { phases: string[]; potential_V: number }[];
    expect(plateaus.map((p) => p.phases)).toEqual([
      ["FCC_A1", "CU2MG"],
      ["CU2MG", "CUMG2"],
      ["CUMG2", "HCP_A3"],
    ]);
    // Potentials vs Mg fall along the path and the last plateau meets pure Mg at 0 V.
    expect(plateaus[0].potential_V).toBeGreaterThan(plateaus[1].potential_V);
    expect(plateaus[1].potential_V).toBeGreaterThan(plateaus[2].potential_V);
    expect(Math.abs(plateaus[2].potential_V)).toBeLessThan(1e-6);
    const laves = (metrics.phaseStates as { phase: string; siteFractions: Record<string, number>[] }[]).find(
      (s) => s.phase === "CU2MG",
    );
    // Each sublattice's site fractions sum to 1.
    for (const sublattice of laves?.siteFractions ?? [])
      expect(Object.values(sublattice).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("refuses a temperature outside a needed parameter's range with the parameter and its range", () => {
    try {
      runScenario(
        {
          study: "lithiation-potential",
          params: {
            system: { tdb: CUMG, metal: "Cu", lithium: "Mg", phases: ["FCC_A1"] },
            temperature: "4000 K",
          },
        },
        context,
      );
      throw new Error("expected a refusal");
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).exitCode).toBe(2);
      expect((error as Error).message).toMatch(
        /params.temperature: 4000 K is outside the range 298.15-\d+ K of/,
      );
    }
  });
});
