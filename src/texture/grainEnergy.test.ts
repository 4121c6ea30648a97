import { describe, expect, it } from "vitest";
import { liSolidGrainEnergy } from "../testing/liSolidGrainSelection.js";
import { crossoverTemperature, grainEnergyDifference, strainEnergyBound } from "./index.js";

const p = liSolidGrainEnergy;

describe("grain energy (Zhang2025 eqs 4-13)", () => {
  it("evaluates dGamma and dF_strain as written", () => {
    const e = grainEnergyDifference(
      { surfaceEnergy1_J_m2: 0.465, surfaceEnergy2_J_m2: 0.57, barrier1_eV: 0.14, barrier2_eV: 0.02 },
      p,
      300,
    );
    const kT = 8.617333262e-5 * 300;
    const expected = 1.1e5 * (Math.exp(-Math.exp(-0.14 / kT) / 10) - Math.exp(-Math.exp(-0.02 / kT) / 10));
    expect(e.deltaGamma_J_m3).toBeCloseTo(-10500, 8);
    expect(e.deltaStrain_J_m3).toBeCloseTo(expected, 8);
  });

  it("finds the crossover where dU = 0 and none when the bound forbids it", () => {
    const pair = {
      surfaceEnergy1_J_m2: 0.46,
      surfaceEnergy2_J_m2: 0.49,
      barrier1_eV: 0.14,
      barrier2_eV: 0.02,
    };
    const t = crossoverTemperature(pair, p, 100, 400);
    expect(t).not.toBeNull();
    expect(Math.abs(grainEnergyDifference(pair, p, t as number).deltaU_J_m3)).toBeLessThan(1e-6);
    const solid = { ...pair, surfaceEnergy1_J_m2: 0.465, surfaceEnergy2_J_m2: 0.57 };
    expect(0.105 / 1e-5).toBeGreaterThan(strainEnergyBound(p));
    expect(crossoverTemperature(solid, p, 100, 2000)).toBeNull();
  });
});
