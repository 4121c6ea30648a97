import { describe, expect, it } from "vitest";
import { FARADAY, GAS_CONSTANT } from "../units/index.js";
import {
  type Interface2DProblem,
  type Kinetics,
  linearisedAsr,
  regionShare,
  solveInterface2D,
} from "./index.js";

function problem(overrides: {
  layer?: Partial<Interface2DProblem["layer"]>;
  collector?: Partial<Interface2DProblem["collector"]>;
  top?: Interface2DProblem["top"];
  sides?: Interface2DProblem["sides"];
  cellSize_m?: number;
}): Interface2DProblem {
  return {
    layer: {
      thickness_m: 10e-6,
      width_m: 50e-6,
      xStart_m: -25e-6,
      conductivity_S_m: 0.1,
      inclusions: [],
      ...overrides.layer,
    },
    collector: {
      tips: [],
      sites: [],
      kinetics: { type: "linear", asr: 2e-4 },
      ...overrides.collector,
    },
    top: overrides.top ?? { kind: "current", currentDensity_A_m2: 6.8 },
    sides: overrides.sides ?? "insulated",
    numerics: { cellSize_m: overrides.cellSize_m ?? 0.25e-6, relativeTolerance: 1e-12 },
  };
}

const tip = { name: "tip", x_m: 0, height_m: 2e-6, width_m: 2e-6 };

/**
 * First cosine harmonic of i_n(x)/i_avg on a periodic cosine collector y = a cos(kx), and the
 * first-order analytic value a k' / (1 + k' l) with l = sigma ASR. Solving the perturbed Laplace
 * problem gives k' = k tanh(kL) under a uniform-flux (galvanostatic) top and k' = k coth(kL) under an
 * equipotential top (the form quoted in SPEC M1).
 */
function cosineHarmonic(kinetics: Kinetics, top: Interface2DProblem["top"], cellSize_m: number) {
  const wavelength = 20e-6;
  const amplitude = 1e-9;
  const thickness = 10e-6;
  const sigma = 0.1;
  const solution = solveInterface2D(
    problem({
      layer: { thickness_m: thickness, width_m: wavelength, xStart_m: 0, conductivity_S_m: sigma },
      collector: { kinetics, cosine: { amplitude_m: amplitude, wavelength_m: wavelength } },
      top,
      sides: "periodic",
      cellSize_m,
    }),
  );
  const { x_m: x, currentDensity_A_m2: current } = solution.collector;
  const k = (2 * Math.PI) / wavelength;
  const mean = current.reduce((a, b) => a + b, 0) / current.length;
  let harmonic = 0;
  current.forEach((value, q) => {
    harmonic += (2 * value * Math.cos(k * x[q])) / current.length;
  });
  const kEffective = top.kind === "current" ? k * Math.tanh(k * thickness) : k / Math.tanh(k * thickness);
  const l = kinetics.type === "linear" ? sigma * kinetics.asr : 0;
  return { numeric: harmonic / mean, analytic: (amplitude * kEffective) / (1 + kEffective * l) };
}

describe("interface-2d solver", () => {
  const tops: Interface2DProblem["top"][] = [
    { kind: "current", currentDensity_A_m2: 10 },
    { kind: "potential", electrodePotential_V: -5e-3 },
  ];
  for (const top of tops) {
    for (const kinetics of [{ type: "primary" }, { type: "linear", asr: 2e-5 }] as Kinetics[]) {
      it(`matches the small-amplitude cosine result (${kinetics.type}, ${top.kind} top) at second order`, () => {
        const errors = [0.5e-6, 0.25e-6, 0.125e-6].map((h) => {
          const { numeric, analytic } = cosineHarmonic(kinetics, top, h);
          return Math.abs(numeric - analytic) / analytic;
        });
        expect(errors[2]).toBeLessThan(5e-4);
        expect(Math.log2(errors[1] / errors[2])).toBeGreaterThan(1.8);
      });
    }
  }

  it("conserves current: collector total equals the applied top current (tips, sites, Butler-Volmer)", () => {
    const kinetics: Kinetics = {
      type: "butler-volmer",
      exchangeCurrentDensity: 5,
      alphaAnodic: 0.4,
      alphaCathodic: 0.6,
      temperature: 298.15,
      pressure: 0,
      molarVolume: 1.3e-5,
    };
    const solution = solveInterface2D(
      problem({
        collector: {
          kinetics,
          tips: [tip],
          sites: [{ name: "site", x_m: 12e-6, width_m: 2e-6, height_m: 0.5e-6, drivingForce_V: 2e-3 }],
        },
      }),
    );
    expect(solution.newtonIterations).toBeGreaterThan(0);
    expect(Math.abs(solution.totalCurrent_A_m - 6.8 * 50e-6) / (6.8 * 50e-6)).toBeLessThan(1e-8);
  });

  it("gives a mirror-symmetric current for a centred tip", () => {
    const { currentDensity_A_m2: current } = solveInterface2D(
      problem({ collector: { tips: [tip] } }),
    ).collector;
    const n = current.length;
    for (let q = 0; q < n; q++) expect(current[q]).toBeCloseTo(current[n - 1 - q], 9);
    expect(current[(n - 1) / 2]).toBe(Math.max(...current));
  });

  it("depends on sigma and ASR only through l = sigma ASR (no potential shifts)", () => {
    const a = solveInterface2D(problem({ collector: { tips: [tip] } })).collector.currentDensity_A_m2;
    const b = solveInterface2D(
      problem({
        layer: { conductivity_S_m: 0.4 },
        collector: { tips: [tip], kinetics: { type: "linear", asr: 0.5e-4 } },
      }),
    ).collector.currentDensity_A_m2;
    a.forEach((value, q) => {
      expect(b[q] / value).toBeCloseTo(1, 9);
    });
  });

  it("reduces Butler-Volmer to linear kinetics with R_ct = RT/((a_a + a_c) F i_ex) at small current", () => {
    const bv: Kinetics = {
      type: "butler-volmer",
      exchangeCurrentDensity: 50,
      alphaAnodic: 0.5,
      alphaCathodic: 0.5,
      temperature: 300,
      pressure: 0,
      molarVolume: 1.3e-5,
    };
    expect(linearisedAsr(bv)).toBeCloseTo((GAS_CONSTANT * 300) / (FARADAY * 50), 15);
    const small = { kind: "current", currentDensity_A_m2: 1e-4 } as const;
    const nonlinear = solveInterface2D(
      problem({ collector: { tips: [tip], kinetics: bv }, top: small }),
    ).collector;
    const linear = solveInterface2D(
      problem({
        collector: { tips: [tip], kinetics: { type: "linear", asr: linearisedAsr(bv) } },
        top: small,
      }),
    ).collector;
    nonlinear.currentDensity_A_m2.forEach((value, q) => {
      expect(value / linear.currentDensity_A_m2[q]).toBeCloseTo(1, 5);
    });
  });

  it("reproduces the 1D potentiostatic current i = -E / (H / sigma + ASR) on a flat collector", () => {
    const solution = solveInterface2D(problem({ top: { kind: "potential", electrodePotential_V: -10e-3 } }));
    const expected = 10e-3 / (10e-6 / 0.1 + 2e-4);
    for (const value of solution.collector.currentDensity_A_m2) expect(value / expected).toBeCloseTo(1, 9);
    expect(solution.cellPotential_V).toBeCloseTo(-10e-3, 12);
  });

  it("shares current among regions: fractions of a flat, uniform collector equal length fractions", () => {
    const solution = solveInterface2D(problem({}));
    const share = regionShare(solution.collector, solution.totalCurrent_A_m, -25e-6, 50e-6, 3.3e-6, 4.1e-6);
    expect(share.lengthFraction).toBeCloseTo(4.1 / 50, 12);
    expect(share.currentFraction).toBeCloseTo(4.1 / 50, 9);
  });

  it("wraps regions around a periodic collector (closing segment included)", () => {
    const tip2 = { ...tip, x_m: -25e-6 }; // centred on the period boundary
    const solution = solveInterface2D(problem({ sides: "periodic", collector: { tips: [tip2] } }));
    const whole = regionShare(solution.collector, solution.totalCurrent_A_m, -25e-6, 50e-6, 0, 50e-6, true);
    expect(whole.currentFraction).toBeCloseTo(1, 9);
    const wrapped = regionShare(
      solution.collector,
      solution.totalCurrent_A_m,
      -25e-6,
      50e-6,
      -25e-6,
      2e-6,
      true,
    );
    const centred = regionShare(
      solveInterface2D(problem({ sides: "periodic", collector: { tips: [tip] } })).collector,
      solution.totalCurrent_A_m,
      -25e-6,
      50e-6,
      0,
      2e-6,
      true,
    );
    // The same tip seen across the period boundary or in the middle takes the same share.
    expect(wrapped.currentFraction).toBeCloseTo(centred.currentFraction, 4);
  });

  it("pulls current toward an alloy site with a lithiation driving force", () => {
    const site = { name: "site", x_m: 10e-6, width_m: 2e-6, height_m: 0, drivingForce_V: 1e-3 };
    const solution = solveInterface2D(problem({ collector: { sites: [site] } }));
    const share = regionShare(solution.collector, solution.totalCurrent_A_m, -25e-6, 50e-6, 10e-6, 2e-6);
    expect(share.currentFraction).toBeGreaterThan(share.lengthFraction);
  });
});
