import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { binaryPhases } from "./binary.js";
import { equilibriumPath } from "./potential.js";
import { Database } from "./tdb/database.js";

const cost = Database.parse(readFileSync("../shared/data/tdb/COST507.tdb", "utf8"));

function path(t: number) {
  const phases = binaryPhases(cost, "AL", t);
  const lithium = phases.find((p) => p.name === "BCC_A2") as (typeof phases)[number];
  return equilibriumPath(phases, lithium.energy(1));
}

const stable = (segments: ReturnType<typeof path>) => [
  ...new Set(segments.flatMap((s) => (s.kind === "single" ? [s.phase.name] : [s.left.name, s.right.name]))),
];

describe("Li-Al from COST 507 (multi-sublattice beta-LiAl with vacancies, compounds, liquid)", () => {
  it("has the phases of the Al-Li diagram along x_Li at 300 K and 600 K", () => {
    // Al (fcc), beta-LiAl, Li3Al2, Li9Al4, then Li (bcc) at 300 K and Li-rich liquid above Li's
    // melting point (453.7 K) at 600 K.
    expect(stable(path(300))).toEqual(["FCC_A1", "ALLI", "AL2LI3", "AL4LI9", "BCC_A2"]);
    expect(stable(path(600))).toEqual(["FCC_A1", "ALLI", "AL2LI3", "AL4LI9", "LIQUID"]);
  });

  it("puts the Al/LiAl plateau within 20 mV of the measured 451 - 0.220 T mV (573-923 K)", () => {
    // Huggins, Lithium alloy anodes, Handbook of Battery Materials 2nd ed. (Wiley-VCH 2011), ch. 14,
    // Fig. 14.2: E(Al/"LiAl") = 451 - 0.220 T(K) mV vs Li, measured from 300 to 650 degC.
    for (const t of [600, 700, 800]) {
      const plateau = path(t).find((s) => s.kind === "two-phase" && s.left.name === "FCC_A1");
      if (plateau?.kind !== "two-phase") throw new Error("no Al/LiAl plateau");
      expect(plateau.right.name).toBe("ALLI");
      expect(Math.abs(plateau.potential_V * 1000 - (451 - 0.22 * t))).toBeLessThan(20);
    }
  });

  it("keeps beta-LiAl a non-stoichiometric single phase around x = 0.5 bounded by its plateaus", () => {
    const segments = path(600);
    const beta = segments.find((s) => s.kind === "single" && s.phase.name === "ALLI");
    if (!beta) throw new Error("no single-phase LiAl");
    expect(beta.from).toBeLessThan(0.5);
    expect(beta.to).toBeGreaterThan(0.5);
    const k = segments.indexOf(beta);
    const before = segments[k - 1];
    const after = segments[k + 1];
    if (before?.kind !== "two-phase" || after?.kind !== "two-phase")
      throw new Error("LiAl not between plateaus");
    expect(before.to).toBeCloseTo(beta.from, 10);
    expect(after.from).toBeCloseTo(beta.to, 10);
    // Potentials fall with x: each plateau lies below the previous one.
    expect(after.potential_V).toBeLessThan(before.potential_V);
  });
});
