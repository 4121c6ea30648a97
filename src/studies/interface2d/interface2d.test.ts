import { describe, expect, it } from "vitest";
import { runScenario } from "../index.js";
import { scenarioProblems } from "../scenarioProblems.js";
import { FIG8B_PARAMS } from "./reproductions.js";

const problems = (params: Record<string, unknown>) => scenarioProblems({ study: "interface-2d", params });

const withTip = (tip: Record<string, string>) => ({
  collector: { tips: [{ x: "0 um", height: "2 um", width: "2 um", ...tip }] },
});

describe("interface-2d scenarios", () => {
  it("rejects a tip narrower than two grid cells, naming the cell size", () => {
    expect(problems({ ...withTip({ width: "0.2 um" }) })).toEqual([
      "params.collector.tips[0].width: expected at least two grid cells (0.25 um; refine numerics.cellSize), got 0.2 um",
    ]);
  });

  it("rejects a tip reaching the top of the layer and sites outside the layer", () => {
    expect(problems(withTip({ height: "10 um" }))[0]).toMatch(
      /^params\.collector\.tips\[0\]\.height: reaches the top/,
    );
    const [outside] = problems({
      collector: { sites: [{ x: "40 um", width: "2 um", drivingForce: "1 mV" }] },
    });
    expect(outside).toMatch(
      /^params\.collector\.sites\[0\]\.x: expected inside the layer \[-25 um, 25 um\], got 40 um/,
    );
  });

  it("rejects a negative ASR and a non-positive conductivity with their units", () => {
    expect(problems({ collector: { kinetics: { type: "linear", asr: "-2 ohm*cm^2" } } })[0]).toMatch(
      /^params\.collector\.kinetics\.asr: expected an area-specific resistance of at least 0/,
    );
    expect(problems({ layer: { ionicConductivity: "0 mS/cm" } })[0]).toMatch(
      /^params\.layer\.ionicConductivity: expected a positive conductivity, got "0 mS\/cm"/,
    );
  });

  it("reports metrics and named regions as SPEC 1.4 and the issue ask", () => {
    const result = runScenario({
      study: "interface-2d",
      params: { ...FIG8B_PARAMS, numerics: { cellSize: "0.25 um" } },
    });
    expect(Object.keys(result.metrics)).toEqual(
      expect.arrayContaining([
        "meanCurrentDensity_A_m2",
        "maxCurrentDensity_A_m2",
        "peakToMean",
        "cellPotential_V",
        "regions",
      ]),
    );
    const regions = result.metrics.regions as Record<
      string,
      { currentFraction: number; lengthFraction: number }
    >;
    expect(regions.tip.lengthFraction).toBeCloseTo(0.04, 12);
    expect(result.metrics.meanCurrentDensity_A_m2).toBeCloseTo(6.8, 8);
    expect(result.metrics.maxCurrentAt_m).toBe(0);
  });
});
