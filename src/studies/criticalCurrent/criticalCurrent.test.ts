import { describe, expect, it } from "vitest";
import { runScenario } from "../index.js";
import { scenarioProblems } from "../scenarioProblems.js";

const problems = (params: Record<string, unknown>) => scenarioProblems({ study: "critical-current", params });

describe("critical-current scenarios", () => {
  it("names the field, the value and what was expected", () => {
    expect(problems({ contour: { shape: "egg-box", height: "0 um" } })).toEqual([
      expect.stringMatching(/params\.contour\.height: expected a positive peak height .* got 0 u?m/),
    ]);
    expect(problems({ contour: { period: "0 um" } })[0]).toMatch(
      /params\.contour\.period: expected a positive length/,
    );
    expect(problems({ crack: { length: "-2 um" } })[0]).toMatch(
      /params\.crack\.length: expected a positive length, got "-2 um"/,
    );
    expect(problems({ crack: { length: "0.2 um" } })).toEqual([
      expect.stringMatching(/params\.crack\.opening: expected a crack opening smaller than the crack length/),
    ]);
    expect(problems({ contour: { shape: "cone" } })[0]).toMatch(/params\.contour\.shape: .*"egg-box"/);
    expect(problems({ contour: { shape: "egg-box", period: "30 um" } })).toEqual([
      expect.stringMatching(/params\.contour\.height: too steep/),
    ]);
    expect(problems({ creep: { cellsPerPeriod: 12 }, numerics: { cellsPerPeriod: 32 } })).toEqual([
      expect.stringMatching(
        /params\.creep\.cellsPerPeriod: expected an even number .* divides .* \(32\), got 12/,
      ),
    ]);
    expect(problems({ crack: { fractureToughness: "0.3 MPa" } })[0]).toMatch(
      /params\.crack\.fractureToughness: expected a fracture toughness/,
    );
  });

  it("a flat interface has no excess pressure and a gain of exactly 1", () => {
    const result = runScenario({
      study: "critical-current",
      params: {
        contour: { shape: "flat" },
        kinetics: { type: "linear", asr: "10 ohm*cm^2" },
        numerics: { cellsPerPeriod: 8 },
      },
    });
    expect(result.metrics.criticalCurrentGain as number).toBeCloseTo(1, 6);
    expect(Math.abs(result.metrics.maxExcessPressure_Pa as number)).toBeLessThan(1);
  });

  it("the gain does not depend on the creep prefactor, the toughness or the temperature; absolute currents do", () => {
    // The scaling is exact at any mesh, so the coarsest: 8 cells per period take 0.06 s of processor
    // time for both runs, 16 took 0.8 s. A penalty not scaled with the creep law (mutation) moves the
    // gain by 4e-4 at either mesh; unmutated the two gains agree to 1e-11 at 8, 1e-15 at 16.
    const base = {
      contour: { height: "50 um" },
      kinetics: { type: "linear", asr: "10 ohm*cm^2" },
      numerics: { cellsPerPeriod: 8 },
    };
    const a = runScenario({ study: "critical-current", params: base });
    const b = runScenario({
      study: "critical-current",
      params: {
        ...base,
        creep: { referenceStress: "0.4 MPa" },
        crack: { fractureToughness: "0.5 MPa*m^0.5" },
        temperature: "60 degC",
      },
    });
    expect(b.metrics.criticalCurrentGain as number).toBeCloseTo(a.metrics.criticalCurrentGain as number, 6);
    expect(
      (b.metrics.criticalCurrent_A_m2 as number) / (a.metrics.criticalCurrent_A_m2 as number),
    ).toBeGreaterThan(10);
  });
});
