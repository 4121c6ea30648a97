import { describe, expect, it } from "vitest";
import { FARADAY, GAS_CONSTANT } from "../units/index.js";
import { type Kinetics, kineticsSchema, kineticsTypes, lawOf } from "./index.js";

const T = 298.15;
const F_RT = FARADAY / (GAS_CONSTANT * T);
const I0 = 10; // A/m^2 = 1 mA/cm^2

/** One parameter set per law (and both Tafel branches, an asymmetric and a stressed Butler-Volmer). */
const examples: Kinetics[] = [
  { type: "linear", asr: 2e-4 },
  {
    type: "butler-volmer",
    exchangeCurrentDensity: I0,
    alphaAnodic: 0.5,
    alphaCathodic: 0.5,
    temperature: T,
    pressure: 0,
    molarVolume: 13e-6,
  },
  {
    type: "butler-volmer",
    exchangeCurrentDensity: I0,
    alphaAnodic: 0.3,
    alphaCathodic: 0.7,
    temperature: T,
    pressure: 5e6,
    molarVolume: 13e-6,
  },
  { type: "tafel", branch: "cathodic", exchangeCurrentDensity: I0, alpha: 0.5, temperature: T },
  { type: "tafel", branch: "anodic", exchangeCurrentDensity: I0, alpha: 0.4, temperature: T },
  {
    type: "marcus-hush-chidsey",
    exchangeCurrentDensity: I0,
    reorganizationEnergy: 10 * 1.380649e-23 * T,
    temperature: T,
  },
];

const label = (k: Kinetics) =>
  `${k.type}${"branch" in k ? ` ${k.branch}` : ""}${"alphaAnodic" in k ? ` a=${k.alphaAnodic}/${k.alphaCathodic}` : ""}`;
const ETAS = [-0.4, -0.12, -0.02, -1e-3, 0, 1e-3, 0.02, 0.12, 0.4];

describe("kinetics laws: properties every law must have", () => {
  it("has one record per schema member, and the schema parses the scenario spelling with units", () => {
    expect([...kineticsTypes].sort()).toEqual(
      ["butler-volmer", "linear", "marcus-hush-chidsey", "primary", "tafel"].sort(),
    );
    const parsed = kineticsSchema.parse({ type: "butler-volmer", exchangeCurrentDensity: "1 mA/cm^2" });
    expect(parsed).toMatchObject({ type: "butler-volmer", exchangeCurrentDensity: 10, temperature: 298.15 });
    expect(lawOf(parsed).treatment).toBe("nonlinear");
  });

  for (const k of examples) {
    const law = lawOf(k);
    it(`${label(k)}: slope equals the central difference of current, and is positive`, () => {
      for (const eta of ETAS) {
        const h = 1e-6;
        const numeric = (law.current(eta + h, k) - law.current(eta - h, k)) / (2 * h);
        const slope = law.slope(eta, k);
        expect(slope).toBeGreaterThan(0);
        expect(Math.abs(slope - numeric)).toBeLessThan(1e-6 * Math.max(slope, 1));
      }
    });
    it(`${label(k)}: overpotential inverts current inside the current range`, () => {
      const [low, high] = law.currentRange(k);
      for (const eta of ETAS) {
        const current = law.current(eta, k);
        if (!(current > low && current < high)) continue;
        expect(law.overpotential(current, k)).toBeCloseTo(eta, 10);
      }
    });
  }
});

describe("Butler-Volmer", () => {
  const [symmetric, asymmetric] = examples.filter((k) => k.type === "butler-volmer");
  const bv = lawOf(symmetric);
  it("is odd when symmetric, with equilibrium slope (a_a + a_c) F i_ex / (R T)", () => {
    for (const eta of ETAS) expect(bv.current(-eta, symmetric)).toBeCloseTo(-bv.current(eta, symmetric), 10);
    expect(bv.slope(0, symmetric)).toBeCloseTo(F_RT * I0, 8);
    expect(bv.overpotential(1e3, symmetric)).toBeCloseTo(Math.asinh(1e3 / (2 * I0)) / (0.5 * F_RT), 12);
  });
  it("tends to the Tafel branches at |eta| >> RT/F", () => {
    const cathodic = examples.find((k) => k.type === "tafel" && k.branch === "cathodic") as Kinetics;
    for (const eta of [-0.3, -0.5]) {
      const ratio = bv.current(eta, symmetric) / lawOf(cathodic).current(eta, cathodic);
      // The neglected branch is exp(a F eta / RT) / exp(-a F eta / RT) = exp(F eta / RT) relative.
      expect(Math.abs(ratio - 1)).toBeLessThan(2 * Math.exp(F_RT * eta));
    }
  });
  it("carries the stress terms of Xie2024 eqs 8-9: prefactor exp((1 - a_a) V dP / RT), shift V dP / F", () => {
    const law = lawOf(asymmetric);
    if (asymmetric.type !== "butler-volmer") throw new Error("example order");
    const free = { ...asymmetric, pressure: 0 };
    const factor = Math.exp((0.7 * 13e-6 * 5e6) / (GAS_CONSTANT * T));
    for (const eta of [-0.05, 0.05])
      expect(law.current(eta, asymmetric) / law.current(eta, free)).toBeCloseTo(factor, 12);
    expect(law.stressShift_V(asymmetric)).toBeCloseTo((13e-6 * 5e6) / FARADAY, 15);
  });
  it("is not symmetric with a_a != a_c: |i(-eta)| / i(eta) = exp((a_c - a_a) F eta / RT) at large eta", () => {
    const law = lawOf(asymmetric);
    const eta = 0.4;
    expect(-law.current(-eta, asymmetric) / law.current(eta, asymmetric)).toBeCloseTo(
      Math.exp(0.4 * F_RT * eta),
      3,
    );
  });
});

describe("Tafel", () => {
  it("is the exponential i = -/+ i_ex exp(-/+ a F eta / RT), carrying current of one sign only", () => {
    const [cathodic, anodic] = examples.filter((k) => k.type === "tafel");
    expect(lawOf(cathodic).current(0, cathodic)).toBe(-I0);
    expect(lawOf(cathodic).current(-0.1, cathodic)).toBeCloseTo(-I0 * Math.exp(0.05 * F_RT), 10);
    expect(lawOf(anodic).current(0.1, anodic)).toBeCloseTo(I0 * Math.exp(0.04 * F_RT), 10);
    expect(lawOf(cathodic).overpotential(5, cathodic)).toBeNaN();
    expect(lawOf(anodic).currentRange(anodic)).toEqual([0, Number.POSITIVE_INFINITY]);
  });
});
