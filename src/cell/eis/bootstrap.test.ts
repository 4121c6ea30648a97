import { describe, expect, it } from "vitest";
import { levenbergMarquardt } from "../../numerics/index.js";
import { inWorker } from "../../testing/inWorker.js";
import { Circuit } from "./circuit.js";
import { fitCircuit } from "./fit.js";
import type { Coverage, CoverageStudy } from "./intervalCoverage.js";
import { CircuitProblem } from "./problem.js";
import { addProportionalNoise, circuitSpectrum, logFrequencies } from "./spectrum.js";

/** 120 spectra: the coverage of a 95 % interval is then known to about +-0.02 (one binomial SE). */
const SPECTRA = 120;
/** Nominal 95 %: a coverage outside this band is a wrong interval, not bad luck (3.5 SE below). */
const BAND: [number, number] = [0.88, 0.99];
/**
 * Parameters decided by a few points (R0, by the highest frequencies) come out a little narrow: a
 * random sign on a handful of residuals cannot show how large they might have been. Measured at 120
 * spectra: R0 0.883 (bootstrap) against 0.917-0.925 (linearised), modulus weighting.
 */
const FEW_POINTS_BAND: [number, number] = [0.85, 0.99];
/**
 * Each coverage study is ~5 s of processor time (24 000 refits, each warm-started from the original
 * fit with the exact Jacobian); on a loaded 2-core machine its wall time is many times that.
 */
const COVERAGE_TIMEOUT_MS = 1_200_000;

const coverage = (study: Omit<CoverageStudy, "noise" | "spectra" | "bootstrapSamples" | "level">) =>
  inWorker<Coverage>(new URL("./intervalCoverage.ts", import.meta.url), "intervalCoverage", {
    ...study,
    noise: 0.01,
    spectra: SPECTRA,
    bootstrapSamples: 200,
    level: 0.95,
  });

function expectInBand(share: number, name: string): void {
  const [low, high] = name === "R0" ? FEW_POINTS_BAND : BAND;
  expect(share, name).toBeGreaterThanOrEqual(low);
  expect(share, name).toBeLessThanOrEqual(high);
}

describe("wild-bootstrap 95% intervals cover the generating values (1% proportional noise)", () => {
  // Coverage measured once at 200 spectra (linearised / bootstrap; refits then ran to a step tolerance
  // of 1e-14, at most 100 iterations), for the record:
  //   R0-p(R1,CPE1), modulus:      R0 .925/.90  R1 .95/.94  CPE1_Q .94/.94  CPE1_alpha .95/.945
  //   R0-p(R1-Wo1,CPE1), modulus:  R0 .94/.895  R1 .96/.965  Wo1 .96/.95 .96/.955  CPE1 .97/.965 .965/.955
  //   R0-p(R1-Wo1,CPE1), unit:     R0 1/.935  R1 1/.945  Wo1_R .80/.93  Wo1_tau .795/.93  CPE1 1/.96 1/.97
  // Unit weighting of proportional noise is where the linearised interval fails (Wo1 at 80 %, R0 and
  // the CPE at 100 %, i.e. far too wide): it assumes the weighted residuals equally spread.
  // Wang2024-like R0-p(R1,CPE1)-p(R2,CPE2), 1 MHz - 1 Hz, modulus, 120 spectra: CPE1_Q .74/.975,
  // CPE2_Q .85/.975, CPE2_alpha .98/1.0 (too costly to run here: ~90 s of processor time).
  it(
    "R0-p(R1,CPE1), modulus weighting: every parameter, CPE1_Q and CPE1_alpha included",
    async () => {
      const circuit = "R0-p(R1,CPE1)";
      const result = await coverage({ circuit, truth: [10, 50, 1e-5, 0.8], weighting: "modulus" });
      new Circuit(circuit).parameters.forEach((p, k) => {
        expectInBand(result.bootstrap[k], p.name);
      });
    },
    COVERAGE_TIMEOUT_MS,
  );

  it(
    "Randles R0-p(R1-Wo1,CPE1), modulus weighting",
    async () => {
      const circuit = "R0-p(R1-Wo1,CPE1)";
      const result = await coverage({ circuit, truth: [20, 100, 200, 2, 1e-5, 0.85], weighting: "modulus" });
      new Circuit(circuit).parameters.forEach((p, k) => {
        expectInBand(result.bootstrap[k], p.name);
      });
    },
    COVERAGE_TIMEOUT_MS,
  );

  it(
    "Randles with unit weighting (weights not matching the noise): the Wo1 intervals hold too",
    async () => {
      const circuit = "R0-p(R1-Wo1,CPE1)";
      const result = await coverage({ circuit, truth: [20, 100, 200, 2, 1e-5, 0.85], weighting: "unit" });
      new Circuit(circuit).parameters.forEach((p, k) => {
        expectInBand(result.bootstrap[k], p.name);
      });
    },
    COVERAGE_TIMEOUT_MS,
  );
});

describe("bootstrap intervals of a fit", () => {
  const text = "R0-p(R1,CPE1)";
  const circuit = new Circuit(text);
  const truth = [10, 50, 1e-5, 0.8];
  const frequencies = logFrequencies(1e5, 1e-2, 8);

  it("are the same for the same seed, hold the estimate, and sit at the level asked for", () => {
    const spectrum = circuitSpectrum(circuit, truth, frequencies);
    addProportionalNoise(spectrum, 0.01, 7);
    const options = { seed: 3, bootstrapSamples: 100, confidenceLevel: 0.9 };
    const a = fitCircuit(circuit, spectrum, options);
    const b = fitCircuit(circuit, spectrum, options);
    expect(a.confidence.level).toBe(0.9);
    expect(a.confidence.bootstrapSamples).toBe(100);
    for (const [k, p] of a.parameters.entries()) {
      expect(p.bootstrapInterval).toEqual(b.parameters[k].bootstrapInterval);
      const [low, high] = p.bootstrapInterval as [number, number];
      expect(low, p.name).toBeLessThan(p.value);
      expect(high, p.name).toBeGreaterThan(p.value);
      // Linearised: symmetric about the value, by Student's t at 0.95 with 2N - p = 110 dof.
      const t = (p.linearisedInterval[1] - p.linearisedInterval[0]) / (2 * p.standardError);
      expect(t).toBeCloseTo(1.6587, 3);
    }
  });

  it("collapse onto the value when the spectrum has no noise (every residual zero)", () => {
    const fit = fitCircuit(circuit, circuitSpectrum(circuit, truth, frequencies), { bootstrapSamples: 20 });
    for (const p of fit.parameters) {
      const [low, high] = p.bootstrapInterval as [number, number];
      expect(Math.abs(high - low) / p.value, p.name).toBeLessThan(1e-6);
    }
  });

  it("come from refits that skip only work they do not use: same path without the covariance, same Jacobian when pinned", () => {
    const spectrum = circuitSpectrum(circuit, truth, frequencies);
    addProportionalNoise(spectrum, 0.01, 5);
    const problem = new CircuitProblem(circuit, spectrum, "modulus", {});
    const start = problem.toInternal({ R0: 12, R1: 40, CPE1_Q: 2e-5, CPE1_alpha: 0.75 });
    const full = levenbergMarquardt(problem.withExactJacobian(), start, { tolerance: 1e-8 });
    const lean = levenbergMarquardt(problem.withExactJacobian(), start, {
      tolerance: 1e-8,
      covariance: false,
    });
    expect(full.converged).toBe(true);
    expect(full.inverseNormalMatrix.every(Number.isFinite)).toBe(true);
    expect([...lean.parameters]).toEqual([...full.parameters]);
    expect([lean.iterations, lean.converged, lean.stopReason]).toEqual([
      full.iterations,
      true,
      full.stopReason,
    ]);
    expect(lean.inverseNormalMatrix.every(Number.isNaN)).toBe(true);
    const m = problem.residualCount;
    const [fresh, kept] = [new Float64Array(m * 4), new Float64Array(m * 4)];
    problem.exactJacobian(full.parameters, fresh);
    problem.pinDerivatives(full.parameters);
    problem.exactJacobian(Float64Array.from(full.parameters), kept);
    expect([...kept]).toEqual([...fresh]);
  });

  it("are left out unless asked for", () => {
    const fit = fitCircuit(circuit, circuitSpectrum(circuit, truth, frequencies));
    expect(fit.parameters.every((p) => p.bootstrapInterval === null)).toBe(true);
    expect(fit.confidence.bootstrapSamples).toBe(0);
  });
});
