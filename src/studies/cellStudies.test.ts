import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { linesRelativeTo } from "../cli/lines.js";
import { InputError } from "../errors.js";
import { runScenario } from "./index.js";

const examples = linesRelativeTo("examples/scenario.yaml");
const work = mkdtempSync(join(tmpdir(), "anodefree-cell-"));

function runWith(study: string, params: Record<string, unknown>) {
  return runScenario({ study, params }, { readLines: linesRelativeTo(join(work, "scenario.yaml")) });
}

function problem(study: string, file: string, text: string, params: Record<string, unknown> = {}): string {
  writeFileSync(join(work, file), text);
  try {
    runWith(study, { data: { file, ...params } });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error("expected an input error");
}

describe("cycling study on files", () => {
  it("reads the BDF CSV and the EC-Lab .mpt fixtures to the same, known answers", () => {
    const csv = runScenario(
      { study: "cycling", params: { data: { file: "data/halfcell-bdf.csv" } } },
      { readLines: examples },
    );
    const mpt = runScenario(
      { study: "cycling", params: { data: { file: "data/halfcell.mpt" } } },
      { readLines: examples },
    );
    expect(csv.metrics.cycleCount).toBe(3);
    expect(csv.metrics.firstCycleCoulombicEfficiency).toBeCloseTo(0.98, 9);
    expect(csv.metrics.nucleationOverpotential_V).toBeCloseTo(0.05, 6);
    expect(mpt.metrics.firstCycleCoulombicEfficiency).toBeCloseTo(
      csv.metrics.firstCycleCoulombicEfficiency as number,
      9,
    );
  });

  it("refuses unknown columns, mixed units, time going backwards, zero current and malformed rows", () => {
    expect(
      problem("cycling", "a.csv", "Test Time / s,Current / A,Voltage / V\n0,-1e-3,-0.02\n", {
        columns: { voltage: "Ecell" },
      }),
    ).toMatch(/params\.data\.columns\.voltage|data\.columns\.voltage: unknown column "Ecell"/);
    expect(
      problem("cycling", "b.csv", "time / s,current / mA,voltage / V\n0,-1,-0.02\n", {
        units: { current: "A" },
      }),
    ).toMatch(/mixed units/);
    expect(
      problem("cycling", "c.csv", "time,current,voltage\n0,-1e-3,-0.02\n5,-1e-3,-0.02\n3,-1e-3,-0.02\n"),
    ).toMatch(/line 4: time goes backwards/);
    expect(problem("cycling", "d.csv", "time,current,voltage\n0,0,0.1\n5,0,0.1\n")).toMatch(
      /current is zero throughout/,
    );
    expect(problem("cycling", "e.csv", "time,current,voltage\n0,-1e-3\n")).toMatch(
      /line 2: expected 3 values, got 2/,
    );
  });
});

describe("eis-fit study", () => {
  it("fits the CSV fixture (-Im(Z) column) back to its generating parameters", () => {
    const result = runScenario(
      {
        study: "eis-fit",
        params: {
          data: { file: "data/eis-wang2024-like.csv" },
          initial: { R0: 50, R1: 5, CPE1_Q: 1e-6, CPE1_alpha: 0.9, R2: 3, CPE2_Q: 5e-4, CPE2_alpha: 0.9 },
        },
      },
      { readLines: examples },
    );
    const p = result.metrics.parameters as Record<string, { value: number }>;
    expect(p.R0.value).toBeCloseTo(54, 6);
    expect(p.R2.value).toBeCloseTo(2, 6);
    expect((result.metrics.kramersKronig as { valid: boolean }).valid).toBe(true);
  });

  it("refuses frequencies <= 0 and unknown initial parameters", () => {
    expect(problem("eis-fit", "f.csv", "freq / Hz,Re(Z) / Ohm,-Im(Z) / Ohm\n0,1,1\n", {})).toMatch(
      /line 2: frequency must be > 0 Hz/,
    );
    expect(() =>
      runWith("eis-fit", {
        circuit: "R0-p(R1,C1)",
        data: { synthetic: { parameters: { R0: 1, R1: 2, C1: 1e-3 } } },
        initial: { R9: 1 },
      }),
    ).toThrow(/initial\.R9: no such parameter/);
  });
});

describe("ccd-ramp study", () => {
  it("reports the first plating current at which the voltage drops by 2 mV", () => {
    const result = runWith("ccd-ramp", {
      data: {
        synthetic: {
          failure: { type: "current-threshold", criticalCurrent: "1.2 mA/cm^2" },
          cycles: 5,
          cell: { sampleInterval: "5 s" },
        },
      },
    });
    expect(result.metrics.criticalCurrentDensity_A_m2).toBeCloseTo(15, 9);
    expect(result.metrics.highestSurvivedCurrentDensity_A_m2).toBeCloseTo(10, 9);
  });
});
