import { describe, expect, it } from "vitest";
import { BOLTZMANN, FARADAY, GAS_CONSTANT } from "../units/index.js";
import { type Kinetics, lawOf } from "./index.js";

const T = 298.15;
const F_RT = FARADAY / (GAS_CONSTANT * T);
const I0 = 10;
const mhc = (lambda_kT: number): Kinetics => ({
  type: "marcus-hush-chidsey",
  exchangeCurrentDensity: I0,
  reorganizationEnergy: lambda_kT * BOLTZMANN * T,
  temperature: T,
});
const bv: Kinetics = {
  type: "butler-volmer",
  exchangeCurrentDensity: I0,
  alphaAnodic: 0.5,
  alphaCathodic: 0.5,
  temperature: T,
  pressure: 0,
  molarVolume: 13e-6,
};

/** Adaptive Simpson quadrature (Lyness, Comm. ACM 12 (1969) 698) to an absolute tolerance. */
function integrate(f: (x: number) => number, a: number, b: number, tolerance: number): number {
  const simpson = (l: number, r: number, fl: number, fm: number, fr: number) =>
    ((r - l) / 6) * (fl + 4 * fm + fr);
  const recurse = (
    l: number,
    r: number,
    fl: number,
    fm: number,
    fr: number,
    whole: number,
    tol: number,
    depth: number,
  ): number => {
    const m = (l + r) / 2;
    const flm = f((l + m) / 2);
    const fmr = f((m + r) / 2);
    const left = simpson(l, m, fl, flm, fm);
    const right = simpson(m, r, fm, fmr, fr);
    if (depth > 40 || Math.abs(left + right - whole) <= 15 * tol)
      return left + right + (left + right - whole) / 15;
    return (
      recurse(l, m, fl, flm, fm, left, tol / 2, depth + 1) +
      recurse(m, r, fm, fmr, fr, right, tol / 2, depth + 1)
    );
  };
  const fa = f(a);
  const fb = f(b);
  const fm = f((a + b) / 2);
  return recurse(a, b, fa, fm, fb, simpson(a, b, fa, fm, fb), tolerance, 0);
}

/**
 * The MHC oxidation rate as its defining integral over the electrode's Fermi distribution (Chidsey
 * 1991; Zeng2014 eq. 2), energies in k_B T: k_ox(x) = int exp(-(z - lambda + x)^2 / (4 lambda)) / (1 + e^z) dz.
 */
function oxidationRate(x: number, lambda: number): number {
  const centre = lambda - x;
  const half = 20 * Math.sqrt(lambda) + 40;
  return integrate(
    (z) => Math.exp(-((z - centre) ** 2) / (4 * lambda)) / (1 + Math.exp(z)),
    centre - half,
    centre + half,
    1e-13,
  );
}

describe("Marcus-Hush-Chidsey (Zeng2014 closed form)", () => {
  it("matches the MHC integral by quadrature: within 2 % near equilibrium, 20 % anywhere for lambda = 4-20 kT", () => {
    for (const lambda of [4, 10, 20]) {
      const k = mhc(lambda);
      const law = lawOf(k);
      const exchange = oxidationRate(0, lambda);
      for (const x of [-30, -10, -3, -0.5, 0.5, 3, 10, 30]) {
        const exact = (I0 * (oxidationRate(x, lambda) - oxidationRate(-x, lambda))) / exchange;
        const approximate = law.current(x / F_RT, k);
        // Each closed-form rate is off by up to ~9 % at these lambda (more beyond lambda ~ 30 kT), and
        // the normalised net current is a ratio of differences of three of them; near equilibrium the
        // errors of k_ox and k_red cancel.
        expect(Math.abs(approximate / exact - 1)).toBeLessThan(Math.abs(x) <= 0.5 ? 0.02 : 0.2);
      }
    }
  });

  it("has the slope of symmetric Butler-Volmer at equilibrium and stays close to it for |eta| << lambda", () => {
    const k = mhc(10);
    const law = lawOf(k);
    expect(law.slope(0, k)).toBeCloseTo(lawOf(bv).slope(0, bv), 6);
    for (const x of [0.1, 0.5, 1, 2, 4]) {
      const ratio = law.current(x / F_RT, k) / lawOf(bv).current(x / F_RT, bv);
      // The Marcus parabola bends the log-rate by about -x^2 / (4 lambda) below Butler-Volmer.
      expect(ratio).toBeLessThan(1);
      expect(Math.abs(Math.log(ratio))).toBeLessThan((x * x) / (4 * 10));
    }
  });

  it("is odd in eta and saturates at +-4 i_ex / erfc(a(0)) beyond |eta| ~ lambda, where Butler-Volmer grows on", () => {
    const k = mhc(10);
    const law = lawOf(k);
    const [low, high] = law.currentRange(k);
    expect(low).toBe(-high);
    for (const x of [0.3, 5, 25])
      expect(law.current(-x / F_RT, k)).toBeCloseTo(-law.current(x / F_RT, k), 10);
    expect(law.current(200 / F_RT, k) / high).toBeCloseTo(1, 8);
    expect(law.current(20 / F_RT, k)).toBeLessThan(high);
    // Saturation relative to the BV exponential: at x = 3 lambda BV is orders of magnitude above.
    expect(lawOf(bv).current(30 / F_RT, bv) / law.current(30 / F_RT, k)).toBeGreaterThan(1e3);
    expect(law.overpotential(1.01 * high, k)).toBeNaN();
  });
});
