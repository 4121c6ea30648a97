import { describe, expect, it } from "vitest";
import { chordConductance, type Kinetics, lawOf, seriesCurrent } from "./index.js";

const bv: Kinetics = {
  type: "butler-volmer",
  exchangeCurrentDensity: 10,
  alphaAnodic: 0.5,
  alphaCathodic: 0.5,
  temperature: 298.15,
  pressure: 0,
  molarVolume: 13e-6,
};
const tafel: Kinetics = {
  type: "tafel",
  branch: "cathodic",
  exchangeCurrentDensity: 10,
  alpha: 0.5,
  temperature: 298.15,
};
const mhc: Kinetics = {
  type: "marcus-hush-chidsey",
  exchangeCurrentDensity: 10,
  reorganizationEnergy: 0.25 * 1.602176634e-19,
  temperature: 298.15,
};

describe("starting linearisation", () => {
  it("is the chord through equilibrium and the operating point: current / eta(current)", () => {
    for (const ratio of [1e-3, 1, 1e2, 1e4]) {
      const current = -10 * ratio;
      const g = chordConductance(bv, current);
      expect(current / g).toBeCloseTo(lawOf(bv).overpotential(current, bv), 12);
    }
  });
  it("stays positive and finite where the chord does not exist (wrong-sign Tafel, beyond MHC saturation)", () => {
    for (const [k, current] of [
      [tafel, 5],
      [tafel, 0],
      [mhc, -1e9],
      [bv, 0],
    ] as const) {
      const g = chordConductance(k, current);
      expect(Number.isFinite(g) && g > 0).toBe(true);
    }
  });
  it("solves eta + R i(eta) = E for a law in series with a resistance", () => {
    for (const k of [bv, mhc, tafel]) {
      for (const E of [-0.8, -0.05]) {
        const i = seriesCurrent(k, E, 1e-3);
        const eta = lawOf(k).overpotential(i, k);
        expect(eta + 1e-3 * i).toBeCloseTo(E, 10);
      }
    }
  });
});
