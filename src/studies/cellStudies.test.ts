import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { linesRelativeTo } from "../cli/lines.js";
import { renderSvg } from "../report/svg.js";
import { inputErrorMessage } from "../testing/inputErrorMessage.js";
import { nyquistFrame } from "./eisFit/plots.js";
import { findStudy, reproduce, runScenario } from "./index.js";
import { voltageAxis } from "./shared/voltagePlot.js";
import type { PlotSpec, StudyResult } from "./types.js";

const examples = linesRelativeTo("examples/scenario.yaml");
const work = mkdtempSync(join(tmpdir(), "anodefree-cell-"));

function runWith(study: string, params: Record<string, unknown>) {
  return runScenario({ study, params }, { readLines: linesRelativeTo(join(work, "scenario.yaml")) });
}

function problem(study: string, file: string, text: string, params: Record<string, unknown> = {}): string {
  writeFileSync(join(work, file), text);
  return inputErrorMessage(() => runWith(study, { data: { file, ...params } }));
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

  it("refuses unknown columns, mixed units, zero current and malformed rows", () => {
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

const plotsOf = (result: StudyResult) => findStudy(result.study).plots(result);
const plotNamed = (result: StudyResult, name: string) =>
  plotsOf(result).find((p) => p.name === name) as PlotSpec;

/** Every object under `key` anywhere in a spec (encodings sit at the top or inside layers). */
function everyAt(spec: unknown, key: string, found: Record<string, unknown>[] = []) {
  if (Array.isArray(spec)) for (const part of spec) everyAt(part, key, found);
  else if (spec && typeof spec === "object") {
    for (const [k, v] of Object.entries(spec)) {
      if (k === key && v && typeof v === "object") found.push(v as Record<string, unknown>);
      everyAt(v, key, found);
    }
  }
  return found;
}

/** Numeric tick labels of a rendered figure (the text of its SVG, minus titles). */
async function tickLabels(plot: PlotSpec, result: StudyResult): Promise<string[]> {
  const svg = await renderSvg(plot.spec, result.series);
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) => m[1].replace(/&#x2212;|−/g, "-").replace(/,/g, ""))
    .filter((t) => /^-?[\d.]+(e[-+]?\d+)?$/.test(t));
}

const reservoirParams = (coulombicEfficiency: number) => ({
  data: {
    synthetic: {
      protocol: "reservoir",
      cycles: 10,
      cell: { coulombicEfficiency, nucleationOverpotential: "27 mV", sampleInterval: "10 s" },
    },
  },
  protocol: "reservoir",
});

describe("figures of the cell studies cannot mislead", () => {
  it("draws the fitted circuit from a grid of its own, denser than the data and within its range", () => {
    const result = runWith("eis-fit", {
      data: {
        synthetic: {
          parameters: { R0: 54, R1: 4, CPE1_Q: 2e-6, CPE1_alpha: 0.85, R2: 2, CPE2_Q: 1e-3, CPE2_alpha: 0.8 },
          pointsPerDecade: 5,
          noise: 0.01,
        },
      },
    });
    const measured = result.series.spectrum.frequency_Hz;
    const fit = result.series.fit;
    const decades = Math.log10(Math.max(...measured) / Math.min(...measured));
    expect(fit.frequency_Hz.length).toBeGreaterThanOrEqual(20 * decades);
    expect(fit.frequency_Hz.length).toBeGreaterThan(2 * measured.length);
    expect(Math.max(...fit.frequency_Hz)).toBeCloseTo(Math.max(...measured), 6);
    expect(Math.min(...fit.frequency_Hz)).toBeCloseTo(Math.min(...measured), 9);
    // Re Z of resistors in series with R||CPE elements falls monotonically with frequency: a curve
    // drawn against the noisy measured Z' would zig-zag.
    for (let i = 1; i < fit.real_ohm.length; i++) {
      expect(fit.frequency_Hz[i]).toBeLessThan(fit.frequency_Hz[i - 1]);
      expect(fit.real_ohm[i]).toBeGreaterThan(fit.real_ohm[i - 1]);
    }
    for (const plot of plotsOf(result).filter((p) => p.name !== "kramers-kronig")) {
      const sources = everyAt(plot.spec, "data").map((d) => d.name);
      expect(sources, plot.name).toContain("fit");
    }
  });

  it("gives the Nyquist plot equal ohms per pixel on both axes, with every point inside", () => {
    const frame = nyquistFrame([54, 60, 58], [0.7, 0.05, 1.6]);
    const perPixelX = (frame.x[1] - frame.x[0]) / frame.width;
    const perPixelY = (frame.y[1] - frame.y[0]) / frame.height;
    expect(perPixelY).toBeCloseTo(perPixelX, 12);
    expect(frame.x[0]).toBeLessThan(54);
    expect(frame.x[1]).toBeGreaterThan(60);
    expect(frame.y[0]).toBeLessThan(0);
    expect(frame.y[1]).toBeGreaterThan(1.6);
    // A tall spectrum (a capacitive tail) gets the same scale on both axes too.
    const tall = nyquistFrame([10, 11], [0, 30]);
    expect((tall.y[1] - tall.y[0]) / tall.height).toBeCloseTo((tall.x[1] - tall.x[0]) / tall.width, 12);
    expect(tall.y[1]).toBeGreaterThan(30);

    const result = runScenario(
      { study: "eis-fit", params: { data: { file: "data/eis-wang2024-like.csv" } } },
      { readLines: examples },
    );
    const spec = plotNamed(result, "nyquist").spec as {
      width: number;
      height: number;
      encoding: { x: { scale: { domain: number[] } }; y: { scale: { domain: number[] } } };
    };
    const [x0, x1] = spec.encoding.x.scale.domain;
    const [y0, y1] = spec.encoding.y.scale.domain;
    expect((y1 - y0) / spec.height).toBeCloseTo((x1 - x0) / spec.width, 12);
    const { real_ohm, imaginary_ohm } = result.series.spectrum;
    real_ohm.forEach((re, i) => {
      expect(re).toBeGreaterThan(x0);
      expect(re).toBeLessThan(x1);
      // −Z'' upward: the capacitive arcs (Im Z < 0) plot above the axis.
      expect(-imaginary_ohm[i]).toBeGreaterThan(y0);
      expect(-imaginary_ohm[i]).toBeLessThan(y1);
    });
  });

  it("labels the log frequency axis with powers of ten, never long decimals", async () => {
    const result = runScenario(
      { study: "eis-fit", params: { data: { file: "data/eis-wang2024-like.csv" } } },
      { readLines: examples },
    );
    const svg = await renderSvg(plotNamed(result, "bode-phase").spec, result.series);
    expect(svg).toContain("10⁶");
    expect(svg).not.toMatch(/>0\.0+1</);
  });

  it("draws each corrosion temperature as its own coloured series, with curved parabolic laws", () => {
    const result = runWith("corrosion-growth", {});
    const spec = plotNamed(result, "growth").spec;
    const colours = everyAt(spec, "color");
    expect(colours.length).toBe(2);
    for (const colour of colours) {
      expect(colour.field).toBe("group");
      expect((colour.scale as { domain: string[] }).domain).toEqual(["23 °C", "60 °C"]);
    }
    const layers = (spec as { layer: { transform: { calculate?: string; as?: string }[] }[] }).layer;
    for (const layer of layers) {
      const group = layer.transform.find((t) => t.as === "group");
      expect(group?.calculate).toContain("temperature_K");
    }
    // The law curves: from t = 0, one per temperature, parabolic ∝ sqrt(t) on a grid of its own.
    const laws = result.series.laws;
    expect(laws.time_s.length).toBeGreaterThan(10 * result.series.growth.time_s.length);
    const hot = laws.time_s.map((t, i) => ({ t, i })).filter(({ i }) => laws.temperature_K[i] > 330);
    const end = hot[hot.length - 1];
    const quarter = hot.find(({ t }) => Math.abs(t - end.t / 4) < 1e-9 * end.t);
    expect(quarter).toBeDefined();
    expect(laws.parabolic_m[(quarter as { i: number }).i]).toBeCloseTo(laws.parabolic_m[end.i] / 2, 15);
    expect(laws.linear_m[(quarter as { i: number }).i]).toBeCloseTo(laws.linear_m[end.i] / 4, 15);
  });

  it("reports the reservoir protocol by its cumulative CE, not by 20% and 480% pseudo-cycles", () => {
    const ce = 0.988;
    const result = runWith("cycling", reservoirParams(ce));
    expect(result.metrics.reservoirCoulombicEfficiency).toBeCloseTo(ce, 9);
    expect(result.metrics.capacityRetention).toBeNull();
    expect(result.metrics.cycleCount).toBe(10);
    for (const value of result.series.cycles.coulombicEfficiency) {
      expect(value).toBeGreaterThan(0.9);
      expect(value).toBeLessThanOrEqual(1);
    }
    // Steps: formation 1 + strip, reservoir 5, ten cycles of 1, then the final strip empties what is
    // left: 5 CE - 10 (1 - CE) mAh/cm^2 (each re-plating loses 1 - CE of its capacity).
    const { capacity_C_m2, plating } = result.series.steps;
    expect(capacity_C_m2.length).toBe(2 + 1 + 20 + 1);
    expect(plating[plating.length - 1]).toBe(0);
    expect(capacity_C_m2[2] / 36_000).toBeCloseTo(5, 9);
    expect(capacity_C_m2[capacity_C_m2.length - 1] / 36_000).toBeCloseTo(5 * ce - 10 * (1 - ce), 6);
    const names = plotsOf(result).map((p) => p.name);
    expect(names).not.toContain("coulombic-efficiency");
    const steps = plotNamed(result, "step-capacities");
    expect(steps.title).toContain("98.80%");
  });

  it("shows efficiencies in percent, cycles on whole-number ticks and no float noise on the CE axis", async () => {
    const result = runWith("cycling", {
      data: { synthetic: { cycles: 6, cell: { coulombicEfficiency: 0.995, sampleInterval: "20 s" } } },
    });
    const ce = plotNamed(result, "coulombic-efficiency");
    const y = everyAt(ce.spec, "y").find((e) => e.field === "y") as { title: string };
    expect(y.title).toMatch(/\(%\)$/);
    for (const name of ["coulombic-efficiency", "overpotentials"]) {
      const x = everyAt(plotNamed(result, name).spec, "x").find((e) => e.field === "x") as {
        axis: { tickMinStep: number; format: string };
      };
      expect(x.axis.tickMinStep).toBe(1);
      expect(x.axis.format).toBe("d");
    }
    // The CE is 99.5% in every cycle up to rounding: ticks must not spell out the rounding.
    const labels = await tickLabels(ce, result);
    expect(labels.length).toBeGreaterThan(2);
    for (const label of labels) expect(label.replace(/^-?\d*\.?/, "").length, label).toBeLessThanOrEqual(2);
    const percents = labels.map(Number).filter((v) => v > 50);
    expect(Math.min(...percents)).toBeGreaterThan(90);
    expect(Math.max(...percents)).toBeLessThanOrEqual(100);
  });

  it("keeps isolated cut-off samples off the voltage axis and says how many", () => {
    const plateau = Array.from({ length: 400 }, (_, k) => (k % 200 < 100 ? -0.015 : 0.015));
    const trace = [-0.045, ...plateau, 0.2, 0.2, 3.5];
    const { axis, hidden } = voltageAxis(trace);
    expect(hidden).toBe(3);
    const [low, high] = (axis.scale as { domain: number[] }).domain;
    expect(low).toBeLessThanOrEqual(-45);
    expect(high).toBeGreaterThanOrEqual(15);
    expect(high).toBeLessThan(200);
    expect(voltageAxis(plateau).hidden).toBe(0);
    expect(voltageAxis(plateau).axis.scale).toBeUndefined();

    const result = runWith("cycling", reservoirParams(0.988));
    const voltage = plotNamed(result, "voltage");
    expect(voltage.title).toMatch(/; \d+ samples? off the axis$/);
  });

  it("names what was run in plot titles; paper figure numbers only in reproduction figures", () => {
    const runs = [
      runWith("cycling", reservoirParams(0.99)),
      runWith("cycling", { data: { synthetic: { cycles: 3, cell: { sampleInterval: "20 s" } } } }),
      runWith("ccd-ramp", { data: { synthetic: { cycles: 3, cell: { sampleInterval: "20 s" } } } }),
      runWith("corrosion-growth", {}),
    ];
    for (const result of runs) {
      for (const plot of plotsOf(result)) {
        expect(plot.title).not.toMatch(/Fig/);
        expect(plot.title).toContain(result.name);
      }
    }
    for (const report of reproduce("corrosion-growth", { fast: true })) {
      for (const figure of report.outcome.figures) expect(figure.title).toMatch(/^Wang2024 Fig\. S23a/);
    }
  });
});
