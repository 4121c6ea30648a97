import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../numerics/index.js";
import { Circuit } from "./circuit.js";
import { distributionOfRelaxationTimes } from "./drt.js";
import type { ImpedanceSpectrum } from "./fit.js";
import { circuitSpectrum, logFrequencies } from "./spectrum.js";

const frequencies = logFrequencies(1e5, 1e-1, 10);

/** The analytic DRT of a ZARC R/(1 + (iωτ0)^φ) in ln τ (Wan et al., Electrochim. Acta 184 (2015) 483). */
function zarcDistribution(r: number, tau0: number, phi: number, tau: number): number {
  return (
    ((r / (2 * Math.PI)) * Math.sin((1 - phi) * Math.PI)) /
    (Math.cosh(phi * Math.log(tau / tau0)) - Math.cos((1 - phi) * Math.PI))
  );
}

function withNoise(spectrum: ImpedanceSpectrum, relative: number, seed: number): ImpedanceSpectrum {
  const random = new SeededRandom(seed);
  const modulus = spectrum.real_ohm.map((re, i) => Math.hypot(re, spectrum.imaginary_ohm[i]));
  return {
    frequency_Hz: spectrum.frequency_Hz,
    real_ohm: spectrum.real_ohm.map((v, i) => v + relative * modulus[i] * random.normal()),
    imaginary_ohm: spectrum.imaginary_ohm.map((v, i) => v + relative * modulus[i] * random.normal()),
  };
}

const maxRelativeMisfit = (data: ImpedanceSpectrum, model: ImpedanceSpectrum) =>
  Math.max(
    ...data.real_ohm.map(
      (re, i) =>
        Math.hypot(re - model.real_ohm[i], data.imaginary_ohm[i] - model.imaginary_ohm[i]) /
        Math.hypot(re, data.imaginary_ohm[i]),
    ),
  );

describe("distribution of relaxation times", () => {
  const zarc = { r: 100, tau0: 1e-3, phi: 0.8 };
  const zarcSpectrum = circuitSpectrum(
    new Circuit("R0-p(R1,CPE1)"),
    [10, zarc.r, zarc.tau0 ** zarc.phi / zarc.r, zarc.phi],
    frequencies,
  );
  /** Largest |γ − γ_exact| on the grid, relative to the analytic peak R/(2π) sin/(1 − cos). */
  const zarcShapeError = (tau: Float64Array, gamma: Float64Array) => {
    const peak = zarcDistribution(zarc.r, zarc.tau0, zarc.phi, zarc.tau0);
    return Math.max(
      ...Array.from(
        tau,
        (t, k) => Math.abs(gamma[k] - zarcDistribution(zarc.r, zarc.tau0, zarc.phi, t)) / peak,
      ),
    );
  };

  it("recovers the delta of an RC element at tau = RC, integrating to R", () => {
    const r = 100;
    const c = 1e-4;
    const spectrum = circuitSpectrum(new Circuit("R0-p(R1,C1)"), [10, r, c], frequencies);
    const drt = distributionOfRelaxationTimes(spectrum, { lambda: 1e-4 });
    const step = Math.log(drt.tau_s[1] / drt.tau_s[0]);
    const peak = drt.gamma_ohm.indexOf(Math.max(...drt.gamma_ohm));
    expect(Math.abs(Math.log(drt.tau_s[peak] / (r * c)))).toBeLessThanOrEqual(step);
    // Regularisation spreads the delta and trades a little R∞ for polarisation; the sum is the DC limit.
    expect(Math.abs(drt.polarisation_ohm - r) / r).toBeLessThan(0.01);
    expect(Math.abs(drt.polarisation_ohm + drt.resistanceInfinity_ohm - 110) / 110).toBeLessThan(0.005);
    // Half the area within a decade of RC: a peak, not a smear.
    const near = drt.gamma_ohm.reduce(
      (sum, g, k) => sum + (Math.abs(Math.log10(drt.tau_s[k] / (r * c))) <= 0.5 ? g * step : 0),
      0,
    );
    expect(near / drt.polarisation_ohm).toBeGreaterThan(0.5);
  });

  it("checks the analytic ZARC distribution: its relaxation integral is the ZARC impedance", () => {
    // Independent of the solver: ∫ γ(ln τ)/(1 + iωτ) d ln τ by the trapezoid rule over ±40 in ln τ.
    for (const omega of [10, 1e3, 1e5]) {
      let re = 0;
      let im = 0;
      const h = 1e-3;
      for (let y = -40; y <= 40; y += h) {
        const x = omega * zarc.tau0 * Math.exp(y);
        const g = zarcDistribution(zarc.r, zarc.tau0, zarc.phi, zarc.tau0 * Math.exp(y));
        re += (h * g) / (1 + x * x);
        im -= (h * g * x) / (1 + x * x);
      }
      const s = zarc.phi * Math.log(omega * zarc.tau0);
      // R/(1 + (iωτ0)^φ) with (iωτ0)^φ = e^s (cos φπ/2 + i sin φπ/2).
      const dr = 1 + Math.exp(s) * Math.cos((zarc.phi * Math.PI) / 2);
      const di = Math.exp(s) * Math.sin((zarc.phi * Math.PI) / 2);
      const d2 = dr * dr + di * di;
      expect(re).toBeCloseTo((zarc.r * dr) / d2, 4);
      expect(im).toBeCloseTo((-zarc.r * di) / d2, 4);
    }
  });

  it("recovers the analytic DRT of a ZARC element and reconstructs its impedance", () => {
    const drt = distributionOfRelaxationTimes(zarcSpectrum, { lambda: 1e-4 });
    expect(drt.converged).toBe(true);
    expect(zarcShapeError(drt.tau_s, drt.gamma_ohm)).toBeLessThan(0.1);
    expect(Math.abs(drt.polarisation_ohm - zarc.r) / zarc.r).toBeLessThan(0.005);
    expect(maxRelativeMisfit(zarcSpectrum, drt.model)).toBeLessThan(2e-3);
    for (const g of drt.gamma_ohm) expect(g).toBeGreaterThanOrEqual(0);
  });

  it("picks lambda by generalised cross-validation: larger for noisier data, and the ZARC shape holds", () => {
    const quiet = distributionOfRelaxationTimes(withNoise(zarcSpectrum, 0.001, 3), {
      lambda: "cross-validate",
    });
    const noisy = distributionOfRelaxationTimes(withNoise(zarcSpectrum, 0.01, 3), {
      lambda: "cross-validate",
    });
    expect(noisy.lambdaChosenBy).toBe("generalised cross-validation");
    for (const drt of [quiet, noisy]) {
      expect(drt.lambda).toBeGreaterThan(1e-8);
      expect(drt.lambda).toBeLessThan(1e-1);
    }
    expect(noisy.lambda).toBeGreaterThan(10 * quiet.lambda);
    // Too little regularisation on 1% noise makes spurious peaks; the chosen lambda does not.
    const under = distributionOfRelaxationTimes(withNoise(zarcSpectrum, 0.01, 3), { lambda: 1e-6 });
    expect(zarcShapeError(noisy.tau_s, noisy.gamma_ohm)).toBeLessThan(0.2);
    expect(zarcShapeError(under.tau_s, under.gamma_ohm)).toBeGreaterThan(0.5);
    // The reconstruction misses the noisy data by about the noise, not more.
    const noiseRms = Math.sqrt(
      zarcSpectrum.real_ohm.reduce(
        (sum, re, i) => sum + (0.01 * Math.hypot(re, zarcSpectrum.imaginary_ohm[i])) ** 2,
        0,
      ) / zarcSpectrum.real_ohm.length,
    );
    expect(noisy.residualRms_ohm).toBeLessThan(1.5 * noiseRms);
  });

  it("keeps the grid, range and inductance it is given", () => {
    const inductive = circuitSpectrum(new Circuit("L0-R0-p(R1,C1)"), [1e-6, 10, 100, 1e-4], frequencies);
    const drt = distributionOfRelaxationTimes(inductive, {
      tauPoints: 61,
      shortestTau_s: 1e-6,
      longestTau_s: 1,
      inductance: true,
      derivative: 2,
    });
    expect(drt.tau_s.length).toBe(61);
    expect(drt.tau_s[0]).toBeCloseTo(1e-6, 12);
    expect(drt.tau_s[60]).toBeCloseTo(1, 10);
    expect(drt.inductance_H).toBeGreaterThan(0.9e-6);
    expect(drt.inductance_H).toBeLessThan(1.1e-6);
  });
});
