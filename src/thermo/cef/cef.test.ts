import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findRoot } from "../../numerics/index.js";
import { expectDerivativesMatchDifferences } from "../../testing/cefDerivatives.js";
import { GAS_CONSTANT } from "../../units/index.js";
import { binaryPhase, binaryPhases } from "../binary.js";
import { LI_MG_TDB } from "../databases/liMg.js";
import { lithiationPotential } from "../potential.js";
import { Database } from "../tdb/database.js";
import { ihjFunction } from "./magnetic.js";
import { compileCef, derivatives, formulaUnitEnergy } from "./model.js";
import type { SublatticeBinaryPhase } from "./sublatticePhase.js";
import { cefSurface, partitionedSurface } from "./surface.js";

const R = GAS_CONSTANT;
const xlnx = (y: number) => y * Math.log(y);
const read = (file: string) => readFileSync(`../shared/data/tdb/${file}`, "utf8");

/** G per mole of atoms of a phase at given site fractions (layout order: R, M, VA per sublattice). */
function energyAt(db: Database, phase: string, reactant: string, host: string, t: number, y: number[]) {
  const model = compileCef(
    db,
    db.phases.get(phase) as NonNullable<ReturnType<typeof db.phases.get>>,
    reactant,
    host,
    t,
  );
  if (!model) throw new Error(`no model for ${phase}`);
  const d = derivatives(model.layout.size);
  cefSurface(model).evaluate(Float64Array.from(y), d);
  return { value: d.value, model, gradient: d.gradient };
}

describe("compound energy formalism, evaluated by hand", () => {
  it("Cu2Mg (Cu,Mg)2(Cu,Mg)1 of cumg.tdb with wildcard interactions at 600 K", () => {
    const t = 600;
    const db = Database.parse(read("pycalphad-tests/cumg.tdb"));
    const lnT = Math.log(t);
    const ghserCu =
      -7770.458 +
      130.485403 * t -
      24.112392 * t * lnT -
      0.00265684 * t ** 2 +
      1.29223e-7 * t ** 3 +
      52478 / t;
    const ghserMg =
      -8367.34 + 143.677875 * t - 26.1849782 * t * lnT + 4.858e-4 * t ** 2 - 1.393669e-6 * t ** 3 + 78950 / t;
    const gCuCu = 21014.88 + 3 * ghserCu;
    const gCuMg =
      -54690.99 + 364.73085 * t - 69.276417 * t * lnT - 5.1925e-4 * t ** 2 + 143502 / t - 5.65953e-6 * t ** 3;
    const gMgCu = 105000 - 16.5 * t + 2 * ghserMg + ghserCu;
    const gMgMg = 27357.33 + 3 * ghserMg;
    // Sublattice 1: Mg 0.3, Cu 0.7; sublattice 2: Mg 0.8, Cu 0.2 (reactant Mg first).
    const [a1, c1, a2, c2] = [0.3, 0.7, 0.8, 0.2];
    const perFormula =
      c1 * c2 * gCuCu +
      c1 * a2 * gCuMg +
      a1 * c2 * gMgCu +
      a1 * a2 * gMgMg +
      R * t * (2 * (xlnx(a1) + xlnx(c1)) + (xlnx(a2) + xlnx(c2))) +
      c1 * a1 * 6599.45 +
      c2 * a2 * 13011.35;
    expect(energyAt(db, "CU2MG", "MG", "CU", t, [a1, c1, a2, c2]).value).toBeCloseTo(perFormula / 3, 7);
  });

  it("LiAl (Al,Li)1(Li,Va)1 of COST 507 per mole of atoms, vacancies excluded, at 500 K", () => {
    const t = 500;
    const db = Database.parse(read("COST507.tdb"));
    const gAl = db.functionValue("GHSERAL", t);
    const gLi = db.functionValue("GHSERLI", t);
    const [li1, al1, li2, va2] = [0.2, 0.8, 0.7, 0.3];
    const perFormula =
      al1 * li2 * (-41300 + 16.86 * t + gAl + gLi) +
      li1 * li2 * (2 + 2 * gLi) +
      al1 * va2 * (24000 + gAl) +
      li1 * va2 * (50000 + gLi) +
      al1 * li1 * li2 * (20000 - 26000 * (al1 - li1)) +
      al1 * li1 * va2 * 2000 +
      al1 * li2 * va2 * (-24000 + 10 * t) +
      R * t * (xlnx(li1) + xlnx(al1) + xlnx(li2) + xlnx(va2));
    expect(energyAt(db, "ALLI", "LI", "AL", t, [li1, al1, li2, va2]).value).toBeCloseTo(
      perFormula / (1 + li2),
      7,
    );
  });
});

describe("magnetic contribution (Inden-Hillert-Jarl)", () => {
  it("follows the published polynomial at T/TC = 0.5, 1, 2 for p = 0.4 and 0.28", () => {
    // Hillert & Jarl 1978, as printed in Dinsdale 1991 (SGTE), eqs 9-11, evaluated term by term.
    for (const p of [0.4, 0.28]) {
      const a = 518 / 1125 + (11692 / 15975) * (1 / p - 1);
      const below = (tau: number) =>
        1 -
        (79 / (140 * p) / tau +
          (474 / 497) * (1 / p - 1) * (tau ** 3 / 6 + tau ** 9 / 135 + tau ** 15 / 600)) /
          a;
      const above = (tau: number) => -(tau ** -5 / 10 + tau ** -15 / 315 + tau ** -25 / 1500) / a;
      expect(ihjFunction(0.5, p).g).toBeCloseTo(below(0.5), 14);
      expect(ihjFunction(1, p).g).toBeCloseTo(above(1), 14);
      expect(ihjFunction(2, p).g).toBeCloseTo(above(2), 14);
      // The two branches meet at T = TC (the model is continuous there).
      expect(below(1 - 1e-12)).toBeCloseTo(above(1), 8);
    }
    // p = 0.4: A = 518/1125 + (11692/15975) * 1.5 = 1.55828482...; g(2) = -(1/320 + 2^-15/315 + 2^-25/1500) / A.
    expect(ihjFunction(2, 0.4).g).toBeCloseTo(
      -(1 / 320 + 2 ** -15 / 315 + 2 ** -25 / 1500) / 1.55828482003,
      10,
    );
  });

  it("adds R T ln(beta + 1) g(T/TC) to Cr-Fe BCC, negative TC and beta divided by the AFM factor -1", () => {
    const db = Database.parse(read("pycalphad-tests/crfe_bcc_magnetic.tdb"));
    const t = 300;
    const ghserFe =
      1225.7 + 124.134 * t - 23.5143 * t * Math.log(t) - 0.00439752 * t ** 2 - 5.8927e-8 * t ** 3 + 77359 / t;
    const ghserCr =
      -8856.94 +
      157.48 * t -
      26.908 * t * Math.log(t) +
      0.00189435 * t ** 2 -
      1.47721e-6 * t ** 3 +
      139250 / t;
    for (const [fe, cr] of [
      [0.5, 0.5],
      [0.1, 0.9],
    ]) {
      // y = [Fe, Cr on sublattice 1 (reactant Fe first), Va on sublattice 2].
      const tcRaw = fe * 1043 + cr * -311.5;
      const betaRaw = fe * 2.22 + cr * -0.008;
      const tc = tcRaw < 0 ? tcRaw / -1 : tcRaw;
      const beta = betaRaw < 0 ? betaRaw / -1 : betaRaw;
      const a = 518 / 1125 + (11692 / 15975) * (1 / 0.4 - 1);
      const tau = t / tc;
      const g =
        tau < 1
          ? 1 - (79 / 56 / tau + (474 / 497) * 1.5 * (tau ** 3 / 6 + tau ** 9 / 135 + tau ** 15 / 600)) / a
          : -(tau ** -5 / 10 + tau ** -15 / 315 + tau ** -25 / 1500) / a;
      const expected =
        fe * ghserFe +
        cr * ghserCr +
        R * t * (xlnx(fe) + xlnx(cr)) +
        fe * cr * 1000 +
        R * t * Math.log(beta + 1) * g;
      expect(energyAt(db, "BCC_A2", "FE", "CR", t, [fe, cr, 1]).value).toBeCloseTo(expected, 7);
    }
  });

  it("has gradient and Hessian equal to central differences of the energy (magnetic, Cr-Fe)", () => {
    const db = Database.parse(read("pycalphad-tests/crfe_bcc_magnetic.tdb"));
    const model = compileCef(
      db,
      db.phases.get("BCC_A2") as NonNullable<ReturnType<typeof db.phases.get>>,
      "FE",
      "CR",
      700,
    );
    if (!model) throw new Error("no model");
    const y = [0.62, 0.38, 1];
    expectDerivativesMatchDifferences(model, y);
  });
});

/** (A,B)0.5(A,B)0.5 with nearest-neighbour ordering energy omega on the unlike pairs A:B and B:A. */
const orderingTdb = (omega: number) => `
ELEMENT LI BCC_A2 6.94 0 0 ! ELEMENT XX BCC_A2 100 0 0 !
PHASE ORD % 2 0.5 0.5 ! CONSTITUENT ORD : LI,XX : LI,XX : !
PARAMETER G(ORD,LI:LI;0) 1 0; 6000 N !   PARAMETER G(ORD,XX:XX;0) 1 0; 6000 N !
PARAMETER G(ORD,LI:XX;0) 1 ${omega}; 6000 N !   PARAMETER G(ORD,XX:LI;0) 1 ${omega}; 6000 N !
`;

describe("ordering: Bragg-Williams closed form", () => {
  // G = omega (y'_A y''_B + y'_B y''_A) + R T / 2 sum y ln y; with y' = x + d, y'' = x - d the
  // order parameter eta = 2d at x = 1/2 obeys eta = tanh(eta T_c / T), T_c = -omega / R; at other x
  // the disordered state becomes unstable below T_c(x) = -4 omega x (1 - x) / R.
  const tc = 1000;
  const omega = -R * tc;
  const ordPhase = (t: number) =>
    binaryPhase(Database.parse(orderingTdb(omega)), "ORD", "XX", t, {
      reactant: "LI",
    }) as SublatticeBinaryPhase;

  it("gives the order parameter of eta = tanh(eta Tc / T) below Tc and none above", () => {
    for (const t of [500, 800, 950]) {
      const eta = findRoot((e) => e - Math.tanh((e * tc) / t), 1e-3, 1, { absoluteTolerance: 1e-14 });
      const state = ordPhase(t).state(0.5);
      expect(state.ordered).toBe(true);
      expect(Math.abs(state.y[0] - state.y[2])).toBeCloseTo(eta, 8);
      // The disordered state is a saddle there, not a minimum: only the two ordered variants are kept.
      expect(
        ordPhase(t)
          .minima(0.5)
          .map((m) => m.ordered),
      ).toEqual([true, true]);
    }
    const above = ordPhase(1050).state(0.5);
    expect(above.ordered).toBe(false);
    expect(above.y[0]).toBeCloseTo(0.5, 10);
  });

  it("puts the transition temperature at Tc and at Tc(x) = 4 x (1 - x) Tc", () => {
    const orderedAt = (t: number, x: number) => ordPhase(t).state(x).ordered;
    const transition = (x: number) =>
      findRoot((t) => (orderedAt(t, x) ? -1 : 1), 300, 1200, { absoluteTolerance: 0.01 });
    expect(transition(0.5)).toBeCloseTo(tc, -1);
    expect(Math.abs(transition(0.5) - tc)).toBeLessThan(0.5);
    expect(Math.abs(transition(0.3) - 4 * 0.3 * 0.7 * tc)).toBeLessThan(0.5);
  });

  it("satisfies equal chemical potentials between the sublattices at internal equilibrium (to 1e-8)", () => {
    const db = Database.parse(orderingTdb(omega));
    const phase = ordPhase(600);
    const model = compileCef(
      db,
      db.phases.get("ORD") as NonNullable<ReturnType<typeof db.phases.get>>,
      "LI",
      "XX",
      600,
    );
    if (!model) throw new Error("no model");
    for (const x of [0.3, 0.45, 0.5]) {
      const state = phase.state(x);
      const d = derivatives(4);
      formulaUnitEnergy(model, state.y, d);
      // dG/dy'_A - dG/dy'_B = a' (mu_A - mu_B), the same on both sublattices.
      const first = (d.gradient[0] - d.gradient[1]) / 0.5;
      const second = (d.gradient[2] - d.gradient[3]) / 0.5;
      expect(Math.abs(first - second)).toBeLessThan(1e-8 * R * 600);
      // ... and mu_A - mu_B = dG_m/dx, the slope the potentials use.
      expect(first).toBeCloseTo(state.slope, 6);
    }
  });

  it("satisfies the equilibrium conditions with vacancies (LiAl of COST 507, mu_Va = 0)", () => {
    const db = Database.parse(read("COST507.tdb"));
    const t = 600;
    const phase = binaryPhase(db, "ALLI", "AL", t) as SublatticeBinaryPhase;
    const model = compileCef(
      db,
      db.phases.get("ALLI") as NonNullable<ReturnType<typeof db.phases.get>>,
      "LI",
      "AL",
      t,
    );
    if (!model) throw new Error("no model");
    for (const x of [0.45, 0.5, 0.52]) {
      const state = phase.state(x);
      const muLi = state.energy + (1 - x) * state.slope;
      const muAl = state.energy - x * state.slope;
      const d = derivatives(4);
      formulaUnitEnergy(model, state.y, d);
      // y = [Li', Al', Li'', Va'']; a' = a'' = 1.
      expect(Math.abs(d.gradient[0] - d.gradient[1] - (muLi - muAl))).toBeLessThan(1e-8 * R * t);
      expect(Math.abs(d.gradient[2] - d.gradient[3] - muLi)).toBeLessThan(1e-8 * R * t);
    }
  });
});

describe("order-disorder partitioned model (DIS_PART)", () => {
  const tdb = (omega: number) => `
ELEMENT LI BCC_A2 6.94 0 0 ! ELEMENT XX BCC_A2 100 0 0 ! ELEMENT VA VACUUM 0 0 0 !
TYPE_DEFINITION D GES A_P_D B2 DIS_PART A2,,,!
PHASE A2 % 2 1 3 ! CONSTITUENT A2 : LI,XX : VA : !
PARAMETER G(A2,LI:VA;0) 1 -1000-2*T; 6000 N ! PARAMETER G(A2,XX:VA;0) 1 -3000; 6000 N !
PARAMETER G(A2,LI,XX:VA;0) 1 -5000; 6000 N ! PARAMETER G(A2,LI,XX:VA;1) 1 1500; 6000 N !
PHASE B2 %D 3 0.5 0.5 3 ! CONSTITUENT B2 : LI,XX : LI,XX : VA : !
PARAMETER G(B2,LI:XX:VA;0) 1 ${omega}; 6000 N ! PARAMETER G(B2,XX:LI:VA;0) 1 ${omega}; 6000 N !
`;

  it("is G_dis(x) + G_ord(y) - G_ord(y = x), by hand at given site fractions", () => {
    const t = 700;
    const omega = -4000;
    const db = Database.parse(tdb(omega));
    const [a1, a2] = [0.8, 0.3];
    const x = (a1 + a2) / 2;
    const dis = (xx: number) =>
      xx * (-1000 - 2 * t) +
      (1 - xx) * -3000 +
      R * t * (xlnx(xx) + xlnx(1 - xx)) +
      xx * (1 - xx) * (-5000 + 1500 * (2 * xx - 1));
    const ord = (p: number, q: number) =>
      omega * (p * (1 - q) + (1 - p) * q) + 0.5 * R * t * (xlnx(p) + xlnx(1 - p) + xlnx(q) + xlnx(1 - q));
    const phaseOf = (name: string) => db.phases.get(name) as NonNullable<ReturnType<typeof db.phases.get>>;
    const ordered = compileCef(db, phaseOf("B2"), "LI", "XX", t);
    const disordered = compileCef(db, phaseOf("A2"), "LI", "XX", t);
    if (!ordered || !disordered) throw new Error("no model");
    const d = derivatives(5);
    partitionedSurface(ordered, disordered).evaluate(Float64Array.from([a1, 1 - a1, a2, 1 - a2, 1]), d);
    const expected = dis(x) + ord(a1, a2) - ord(x, x);
    expect(d.value).toBeCloseTo(expected, 6);
    const model = binaryPhase(db, "B2", "XX", t) as SublatticeBinaryPhase;
    // Disordered states of B2 are A2's states.
    const a2Phase = binaryPhase(db, "A2", "XX", t) as NonNullable<ReturnType<typeof binaryPhase>>;
    const hot = binaryPhase(Database.parse(tdb(-1000)), "B2", "XX", t) as SublatticeBinaryPhase;
    for (const xx of [0.2, 0.5, 0.7]) expect(hot.energy(xx)).toBeCloseTo(a2Phase.energy(xx), 6);
    // Ordered: the minimum over y at fixed x lies at or below the hand value at (a1, a2).
    expect(model.energy(x)).toBeLessThanOrEqual(expected + 1e-9);
    // ... and equals the hand formula at the site fractions it found.
    const found = model.state(x).y;
    expect(model.energy(x)).toBeCloseTo(dis(x) + ord(found[0], found[2]) - ord(x, x), 6);
  });
});

describe("fast and general paths", () => {
  it("agree on Li-Mg to 1e-9 V", () => {
    const db = Database.parse(LI_MG_TDB);
    const fast = binaryPhases(db, "Mg", 300);
    const general = binaryPhases(db, "Mg", 300, undefined, { general: true });
    const reference = (fast.find((p) => p.name === "BCC_A2") as (typeof fast)[number]).energy(1);
    expect(general.map((p) => "state" in p)).toEqual(fast.map(() => true));
    for (let k = 0; k < fast.length; k++)
      for (const x of [0.001, 0.05, 0.3, 0.5, 0.8, 0.999]) {
        expect(
          Math.abs(
            lithiationPotential(fast[k], x, reference) - lithiationPotential(general[k], x, reference),
          ),
        ).toBeLessThan(1e-9);
      }
  });
});
