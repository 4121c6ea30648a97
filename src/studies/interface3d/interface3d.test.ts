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
});
