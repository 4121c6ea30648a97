import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../errors.js";
import { expectDerivativesMatchDifferences } from "../../testing/cefDerivatives.js";
import { GAS_CONSTANT } from "../../units/index.js";
import { binaryPhases } from "../binary.js";
import { equilibriumPath } from "../potential.js";
import { Database } from "../tdb/database.js";
import { einsteinEnergy } from "./einstein.js";
import { compileCef, derivatives, formulaUnitEnergy } from "./model.js";
import { twoStateEnergy } from "./twoState.js";
import { xiongFunction } from "./xiong.js";

const R = GAS_CONSTANT;
const FEMN = readFileSync("../shared/data/tdb/pycalphad-tests/femn.tdb", "utf8");

/** Xiong et al., Calphad 39 (2012) 11, eqs 5-7, written out term by term. */
function xiongByHand(tau: number, p: number): number {
  const d = 0.33471979 + 0.49649686 * (1 / p - 1);
  if (tau <= 1)
    return (
      1 -
      (0.38438376 / (p * tau) +
        0.63570895 * (1 / p - 1) * (tau ** 3 / 6 + tau ** 9 / 135 + tau ** 15 / 600 + tau ** 21 / 1617)) /
        d
    );
  return -(tau ** -7 / 21 + tau ** -21 / 630 + tau ** -35 / 2975 + tau ** -49 / 8232) / d;
}

/**
 * G per mole of atoms of the femn.tdb liquid (FE,MN)1(VA)1 at y_Fe, evaluated from the file's
 * parameters by hand: G parameters, ideal mixing, Xiong magnetism (TC = 200 y_Fe, NT = -200 y_Fe
 * contributes nothing, BMAGN = 1.7 y_Fe, p = 0.25), Einstein (ln theta mixed linearly), two-state (GD).
 */
function femnLiquidByHand(fe: number, t: number): number {
  const mn = 1 - fe;
  const gFe = 7103.20801 - 0.0019730116 * t ** 2 + 1392.1182 - 8.2584018 * t;
  const gMn = 13256.8283 - 0.0017557494 * t ** 2;
  const mixing = R * t * (fe > 0 ? fe * Math.log(fe) : 0) + R * t * (mn > 0 ? mn * Math.log(mn) : 0);
  const tc = 200 * fe;
  const magnetic = tc > 0 ? R * t * Math.log(1 + 1.7 * fe) * xiongByHand(t / tc, 0.25) : 0;
  const theta = Math.exp(fe * Math.log(245) + mn * Math.log(119.579259));
  const einstein = 1.5 * R * theta + 3 * R * t * Math.log(1 - Math.exp(-theta / t));
  const gd =
    fe * (42754.9478 - 7.624 * t - 1.08230446 * t * Math.log(t)) +
    mn * (50493.6966 - 8.314 * t - 1.07778322 * t * Math.log(t));
  const twoState = -R * t * Math.log(1 + Math.exp(-gd / (R * t)));
  return fe * gFe + mn * gMn + mixing + magnetic + einstein + twoState;
}

function femnLiquid(t: number) {
  const db = Database.parse(FEMN);
  const model = compileCef(
    db,
    db.phases.get("LIQUID") as NonNullable<ReturnType<typeof db.phases.get>>,
    "FE",
    "MN",
    t,
  );
  if (!model) throw new Error("no Fe-Mn liquid");
  return model;
}

describe("Xiong magnetic function", () => {
  it("follows the published polynomial at T/T* = 0.5, 1, 2 for p = 0.37 and 0.25", () => {
    for (const p of [0.37, 0.25])
      for (const tau of [0.5, 1, 2]) expect(xiongFunction(tau, p).g).toBeCloseTo(xiongByHand(tau, p), 14);
    // p = 0.25: D = 0.33471979 + 3 * 0.49649686 = 1.82421037; f(2) = -(2^-7/21 + 2^-21/630 + ...) / D.
    expect(xiongFunction(2, 0.25).g).toBeCloseTo(-(1 / (128 * 21) + 2 ** -21 / 630) / 1.82421037, 9);
  });

  it("is continuous at T = T* (D is the matching condition) and has the derivatives of its polynomial", () => {
    for (const p of [0.37, 0.25]) {
      // The published constants are rounded to 8 digits.
      expect(xiongFunction(1, p).g).toBeCloseTo(xiongFunction(1 + 1e-12, p).g, 6);
      for (const tau of [0.5, 0.9, 1.3, 3]) {
        const h = 1e-5;
        const f = xiongFunction(tau, p);
        expect(f.dg).toBeCloseTo((xiongByHand(tau + h, p) - xiongByHand(tau - h, p)) / (2 * h), 6);
        expect(f.d2g).toBeCloseTo((xiongFunction(tau + h, p).dg - xiongFunction(tau - h, p).dg) / (2 * h), 5);
      }
    }
  });
});

describe("Einstein contribution", () => {
  it("is 1.5 R theta + 3 R T ln(1 - exp(-theta/T)) with THETA = ln theta", () => {
    const theta = 245;
    for (const t of [300, 600, 1500]) {
      const expected = 1.5 * R * theta + 3 * R * t * Math.log(1 - Math.exp(-theta / t));
      expect(einsteinEnergy(Math.log(theta), t).g).toBeCloseTo(expected, 8);
    }
  });

  it("gives the Einstein heat capacity -T d2G/dT2 = 3R x^2 e^x / (e^x - 1)^2, x = theta/T", () => {
    const lnTheta = Math.log(119.579259);
    const theta = Math.exp(lnTheta);
    for (const t of [50, 300, 2000]) {
      const h = 1e-2;
      const second =
        (einsteinEnergy(lnTheta, t + h).g -
          2 * einsteinEnergy(lnTheta, t).g +
          einsteinEnergy(lnTheta, t - h).g) /
        h ** 2;
      const x = theta / t;
      const cp = (3 * R * x * x * Math.exp(x)) / Math.expm1(x) ** 2;
      expect(-t * second).toBeCloseTo(cp, 3);
    }
  });

  it("has the derivatives in ln theta of its closed form", () => {
    const t = 400;
    const s = Math.log(245);
    const h = 1e-5;
    const f = einsteinEnergy(s, t);
    expect(f.dg).toBeCloseTo((einsteinEnergy(s + h, t).g - einsteinEnergy(s - h, t).g) / (2 * h), 4);
    expect(f.d2g).toBeCloseTo((einsteinEnergy(s + h, t).dg - einsteinEnergy(s - h, t).dg) / (2 * h), 4);
  });
});

describe("two-state liquid contribution", () => {
  it("is -R T ln(1 + exp(-GD / RT)), finite for GD far from 0 of either sign", () => {
    for (const [gd, t] of [
      [20000, 600],
      [-5000, 1000],
      [0, 300],
    ]) {
      const expected = -R * t * Math.log(1 + Math.exp(-gd / (R * t)));
      expect(twoStateEnergy(gd, t).g).toBeCloseTo(expected, 8);
    }
    // GD = 0: half the atoms liquid-like, G = -RT ln 2.
    expect(twoStateEnergy(0, 300).g).toBeCloseTo(-R * 300 * Math.LN2, 10);
    // |GD| >> RT: G -> GD (all liquid-like) or -> 0 (all solid-like), where exp overflows naively.
    expect(twoStateEnergy(-1e7, 300).g).toBeCloseTo(-1e7, 6);
    expect(twoStateEnergy(1e7, 300).g).toBeCloseTo(0, 10);
    const h = 1e-2;
    const f = twoStateEnergy(3000, 500);
    expect(f.dg).toBeCloseTo(
      (twoStateEnergy(3000 + h, 500).g - twoStateEnergy(3000 - h, 500).g) / (2 * h),
      7,
    );
    expect(f.d2g).toBeCloseTo(
      (twoStateEnergy(3000 + h, 500).dg - twoStateEnergy(3000 - h, 500).dg) / (2 * h),
      9,
    );
  });
});

describe("Fe-Mn liquid of femn.tdb (Xiong magnetism, Einstein, two-state)", () => {
  it("equals the hand evaluation of its parameters, below and above T_C", () => {
    // T = 150 K with y_Fe = 0.9 puts T below T_C = 180 K (the tau <= 1 branch).
    for (const [fe, t] of [
      [0.9, 150],
      [0.3, 300],
      [0.3, 600],
      [0.75, 1800],
    ]) {
      const d = derivatives(3);
      formulaUnitEnergy(femnLiquid(t), [fe, 1 - fe, 1], d);
      expect(d.value).toBeCloseTo(femnLiquidByHand(fe, t), 6);
    }
  });

  it("has gradient and Hessian equal to central differences of the energy", () => {
    for (const [fe, t] of [
      [0.9, 150],
      [0.4, 600],
    ]) {
      const model = femnLiquid(t);
      expectDerivativesMatchDifferences(model, [fe, 1 - fe, 1]);
    }
  });

  it("evaluates as a binary (Fe reacting with Mn and the reverse) at 300, 600 and 1000 K", () => {
    const db = Database.parse(FEMN);
    for (const t of [300, 600, 1000]) {
      const [liquid] = binaryPhases(db, "MN", t, undefined, { reactant: "FE" });
      expect(liquid.name).toBe("LIQUID");
      expect(liquid.energy(0.3)).toBeCloseTo(femnLiquidByHand(0.3, t), 5);
      const h = 1e-5;
      expect(liquid.slope(0.3)).toBeCloseTo(
        (femnLiquidByHand(0.3 + h, t) - femnLiquidByHand(0.3 - h, t)) / (2 * h),
        3,
      );
      const reverse = binaryPhases(db, "FE", t, undefined, { reactant: "MN" });
      expect(reverse[0].energy(0.7)).toBeCloseTo(femnLiquidByHand(0.3, t), 5);
      expect(equilibriumPath(reverse, 0).length).toBeGreaterThan(0);
    }
  });

  it("refuses a Néel temperature in a phase without the Xiong model, naming the parameter", () => {
    const db = Database.parse(FEMN.replace("MAGNETIC   0.0    0.25", "MAGNETIC   -3.0    0.28"));
    expect(() => binaryPhases(db, "MN", 600, undefined, { reactant: "FE" })).toThrow(InputError);
    expect(() => binaryPhases(db, "MN", 600, undefined, { reactant: "FE" })).toThrow(
      /NT\(LIQUID,FE:VA;0\).*-200 K.*Xiong.*antiferromagnetic factor 0, got factor -3/,
    );
  });
});
