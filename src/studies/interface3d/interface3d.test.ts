import { describe, expect, it } from "vitest";
import { runScenario } from "../index.js";
import { scenarioProblems } from "../scenarioProblems.js";

const problems = (params: Record<string, unknown>) => scenarioProblems({ study: "interface-3d", params });

const eggBox = (contour: Record<string, string>) => ({
  contour: { shape: "egg-box", period: "150 um", height: "25 um", ...contour },
});

describe("interface-3d scenarios", () => {
  it("names the field, the value and what was expected for bad geometry", () => {
    expect(problems(eggBox({ height: "0 um" }))).toEqual([
      expect.stringMatching(/params\.contour\.height: expected a positive peak height .* got 0 u?m/),
    ]);
    expect(problems(eggBox({ period: "-150 um" }))).toEqual([
      expect.stringMatching(/params\.contour\.period: expected a positive length, got "-150 um"/),
    ]);
    // Egg-box slope pi H / S = 2.4 for H 25 um, S 33 um.
    expect(problems(eggBox({ period: "33 um" }))).toEqual([
      expect.stringMatching(/params\.contour\.height: too steep .* slope 2\.38, expected at most 2/),
    ]);
    expect(problems({ ...eggBox({}), electrolyteThickness: "40 um" })).toEqual([
      expect.stringMatching(
        /params\.electrolyteThickness: expected at least twice the peak height \(50 u?m\)/,
      ),
    ]);
    expect(problems({ contour: { shape: "frustum", period: "150 um", topWidth: "150 um" } })).toEqual([
      expect.stringMatching(/params\.contour\.topWidth: expected a flat top narrower than the period/),
    ]);
    expect(problems({ contour: { shape: "cone" } })[0]).toMatch(/params\.contour\.shape: .*"egg-box"/);
  });

  it("keeps the flat interface uniform: every ratio 1, area ratio 1", () => {
    const result = runScenario({
      study: "interface-3d",
      params: { contour: { shape: "flat", period: "100 um" }, numerics: { cellsPerPeriod: 8 } },
    });
    expect(result.metrics.maxCurrentRatio).toBeCloseTo(1, 8);
    expect(result.metrics.minCurrentRatio).toBeCloseTo(1, 8);
    expect(result.metrics.areaRatio).toBeCloseTo(1, 12);
  });

  it("under a potentiostat draws the series current of a flat cell, E / (L / sigma + ASR)", () => {
    // 2 mS/cm over 300 um is 15 ohm cm^2; with 2 ohm cm^2 at the surface, -34 mV drives 2 mA/cm^2.
    const result = runScenario({
      study: "interface-3d",
      params: {
        contour: { shape: "flat", period: "100 um" },
        electrolyteThickness: "300 um",
        ionicConductivity: "2 mS/cm",
        kinetics: { type: "linear", asr: "2 ohm*cm^2" },
        electrodePotential: "-34 mV",
        numerics: { cellsPerPeriod: 8 },
      },
    });
    expect(result.metrics.meanCurrentDensity_A_m2).toBeCloseTo(20, 8);
    expect(result.metrics.maxCurrentRatio).toBeCloseTo(1, 8);
    expect(result.diagnostics).not.toHaveProperty("currentBalanceRelativeError");
  });

  it("with linear kinetics shares the current the same way under a potentiostat as under a galvanostat", () => {
    // The problem is linear in the drive: the current ratios do not depend on what drives it.
    const params = {
      ...eggBox({}),
      kinetics: { type: "linear", asr: "5 ohm*cm^2" },
      numerics: { cellsPerPeriod: 8 },
    };
    const galvanostatic = runScenario({
      study: "interface-3d",
      params: { ...params, currentDensity: "1 mA/cm^2" },
    });
    const potentiostatic = runScenario({
      study: "interface-3d",
      params: { ...params, electrodePotential: "-20 mV" },
    });
    const ratios = (result: typeof galvanostatic) =>
      (result.series.surface as { currentRatio: number[] }).currentRatio;
    const drawn = ratios(potentiostatic);
    for (const [k, r] of ratios(galvanostatic).entries()) expect(drawn[k]).toBeCloseTo(r, 7);
    expect(potentiostatic.metrics.meanCurrentDensity_A_m2).toBeGreaterThan(0);
    expect(problems({ ...params, currentDensity: "1 mA/cm^2", electrodePotential: "-20 mV" })).toEqual([
      expect.stringMatching(/params\.electrodePotential: give either currentDensity .* not both/),
    ]);
  });
});
