import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { findRoot } from "../numerics/index.js";
import { BOLTZMANN, ELEMENTARY_CHARGE, FARADAY, GAS_CONSTANT } from "../units/index.js";
import {
  binaryPhases,
  Database,
  diluteChemicalPotentials,
  equilibriumPath,
  LI_MG_TDB,
  lithiationPotential,
  overSaturationPath,
  pressureForOverpotential,
  tabulatedPhase,
} from "./index.js";

/** A test system: Li and M on one BCC-like sublattice with a regular-solution interaction. */
const regular = (omega: number) => `
ELEMENT LI BCC_A2 6.94 0 0 ! ELEMENT XX BCC_A2 100 0 0 ! ELEMENT VA VACUUM 0 0 0 !
PHASE SOLN % 1 1 ! CONSTITUENT SOLN : LI,XX : !
PARAMETER G(SOLN,LI;0) 1 -1000; 6000 N !
PARAMETER G(SOLN,XX;0) 1 -2000; 6000 N !
PARAMETER G(SOLN,LI,XX;0) 1 ${omega}; 6000 N !
`;

describe("TDB reader", () => {
  it("evaluates the shipped Li-Mg description as by hand at two temperatures", () => {
    const db = Database.parse(LI_MG_TDB);
    for (const t of [300, 600]) {
      // GHSERLI, 200-453.6 K and 500-3000 K pieces (SGTE unary data).
      const byHand =
        t < 453.6
          ? -10583.817 +
            217.637482 * t -
            38.940488 * t * Math.log(t) +
            35.466931e-3 * t ** 2 -
            19.869816e-6 * t ** 3 +
            159994 / t
          : -9062.994 +
            179.278285 * t -
            31.2283718 * t * Math.log(t) +
            2.633221e-3 * t ** 2 -
            0.438058e-6 * t ** 3 -
            102387 / t;
      expect(db.functionValue("GHSERLI", t)).toBeCloseTo(byHand, 8);
      const l2 = db.parameters.find((p) => p.phase === "BCC_A2" && p.order === 2);
      expect(db.parameterValue(l2 as NonNullable<typeof l2>, t)).toBeCloseTo(2658 - 0.114 * t, 10);
    }
  });

  it("reads the real COST 507 database, reports its broken statement and still evaluates Li-Mg", () => {
    const db = Database.parse(readFileSync("../shared/data/tdb/COST507.tdb", "utf8"));
    expect(db.parameters.length).toBeGreaterThan(1500);
    expect(db.problems.some((p) => p.line === 8872)).toBe(true);
    const shipped = binaryPhases(Database.parse(LI_MG_TDB), "Mg", 300, ["BCC_A2", "HCP_A3"]);
    const cost = binaryPhases(db, "Mg", 300, ["BCC_A2", "HCP_A3"]);
    for (const x of [0.05, 0.5, 0.95]) expect(cost[0].energy(x)).toBeCloseTo(shipped[0].energy(x), 8);
  });

  it("names the line of syntax errors and refuses unknown elements and phases", () => {
    const db = Database.parse("ELEMENT LI BCC_A2 6.94 0 0 !\nFUNCTION BAD 298.15 1+*T; 6000 N !\n");
    expect(db.problems[0].line).toBe(2);
    expect(() => binaryPhases(Database.parse(LI_MG_TDB), "Zn", 300)).toThrow(
      /element Zn is not in the database/,
    );
    expect(() => binaryPhases(Database.parse(LI_MG_TDB), "Mg", 300, ["GAMMA"])).toThrow(InputError);
  });
});

describe("lithiation potentials", () => {
  it("gives phi = -(kT/e) ln x for an ideal solution (Xie2024 eq 5)", () => {
    const [phase] = binaryPhases(Database.parse(regular(0)), "XX", 300);
    const reference = phase.energy(1);
    for (const x of [0.01, 0.3, 0.9]) {
      expect(lithiationPotential(phase, x, reference)).toBeCloseTo(
        (-(BOLTZMANN * 300) / ELEMENTARY_CHARGE) * Math.log(x),
        9,
      );
    }
  });

  it("finds the symmetric miscibility gap of a regular solution (independent root solve)", () => {
    const t = 300;
    const omega = 3 * GAS_CONSTANT * t;
    const phases = binaryPhases(Database.parse(regular(omega)), "XX", t);
    const path = equilibriumPath(phases, phases[0].energy(1));
    const gap = path.find((s) => s.kind === "two-phase");
    // Binodal of a regular solution: ln(x / (1 - x)) = omega (2x - 1) / RT.
    const binodal = findRoot(
      (x) => Math.log(x / (1 - x)) - (omega * (2 * x - 1)) / (GAS_CONSTANT * t),
      1e-6,
      0.49,
    );
    expect(gap?.from).toBeCloseTo(binodal, 6);
    expect(gap?.to).toBeCloseTo(1 - binodal, 6);
  });

  it("puts the spinodal of a regular solution at x (1 - x) = RT / (2 omega)", () => {
    const t = 300;
    const omega = 3 * GAS_CONSTANT * t;
    const [phase] = binaryPhases(Database.parse(regular(omega)), "XX", t);
    const curvature = (x: number) => (phase.slope(x + 1e-6) - phase.slope(x - 1e-6)) / 2e-6;
    const spinodal = findRoot(curvature, 0.01, 0.49, { absoluteTolerance: 1e-12 });
    const analytic = (1 - Math.sqrt(1 - (4 * GAS_CONSTANT * t) / (2 * omega))) / 2;
    expect(spinodal).toBeCloseTo(analytic, 6);
  });

  it("turns tabulated free energies into a phase (smoothing spline) with the right potential", () => {
    const t = 300;
    const [ideal] = binaryPhases(Database.parse(regular(0)), "XX", t);
    const xs = Array.from({ length: 81 }, (_, i) => 0.05 + (0.9 * i) / 80);
    const table = tabulatedPhase(
      "TABLE",
      xs,
      xs.map((x) => ideal.energy(x)),
    );
    const reference = ideal.energy(1);
    for (const x of [0.2, 0.5, 0.8]) {
      expect(lithiationPotential(table, x, reference)).toBeCloseTo(
        lithiationPotential(ideal, x, reference),
        4,
      );
    }
  });

  it("keeps Li-Mg above 0 V on both paths at 300 K and switches HCP -> BCC (Xie2024 Fig. 10d)", () => {
    const phases = binaryPhases(Database.parse(LI_MG_TDB), "Mg", 300);
    const reference = (phases.find((p) => p.name === "BCC_A2") as (typeof phases)[number]).energy(1);
    const over = overSaturationPath(phases, reference, 25 / 26);
    expect(over.map((s) => s.phase.name)).toEqual(["HCP_A3", "BCC_A2"]);
    expect(Math.min(...over.map((s) => s.minPotential_V))).toBeGreaterThan(0);
  });
});

describe("dilute solutions and stress", () => {
  it("follows KimLi2021 eqs 2-4", () => {
    const kT = (BOLTZMANN * 298.15) / ELEMENTARY_CHARGE;
    const mu = diluteChemicalPotentials(99, 0.00143, 298.15);
    expect(mu.lithiumLinear_eV).toBeCloseTo(-0.01 * kT, 12);
    expect(mu.metal_eV).toBeCloseTo(kT * Math.log(0.00143 * 0.01), 12);
    // 0.135 V over the molar volume of Li: ~1 GPa.
    expect(pressureForOverpotential(0.135, 13.0e-6) / 1e9).toBeCloseTo((FARADAY * 0.135) / 13.0e-6 / 1e9, 12);
    expect(pressureForOverpotential(0.135, 13.0e-6)).toBeGreaterThan(0.9e9);
  });
});
