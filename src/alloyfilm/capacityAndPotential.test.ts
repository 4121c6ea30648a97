import { describe, expect, it } from "vitest";
import { chemoMechanicalPotential, lithiumThicknessFromCapacity } from "./index.js";

describe("lithiumThicknessFromCapacity", () => {
  it("gives 1 mAh/cm^2 = 3.6 C/cm^2 / F x (6.94 / 0.534) cm^3/mol of dense Li", () => {
    const byHand_cm = (3.6 / 96485.33212) * (6.94 / 0.534);
    expect(lithiumThicknessFromCapacity(36000)).toBeCloseTo(byHand_cm / 100, 14);
  });
  it("is linear in the capacity", () => {
    expect(lithiumThicknessFromCapacity(5 * 36000)).toBeCloseTo(5 * lithiumThicknessFromCapacity(36000), 15);
  });
});

describe("chemoMechanicalPotential", () => {
  const base = {
    thickness_m: 140e-9,
    composition: { position_m: [0, 140e-9], liFraction: [0.17, 0.06] },
    chemicalPotential: { liFraction: [0.06, 0.17], potential_V: [0.342, 0.307] },
    points: 11,
  };

  it("is the chemical potential alone without strain energy", () => {
    const profile = chemoMechanicalPotential({
      ...base,
      strainEnergy: { position_m: [0], energy_J_mol: [0] },
    });
    expect(profile.totalPotential_V).toEqual(profile.chemicalPotential_V);
    expect(profile.chemicalPotential_V[0]).toBeCloseTo(0.307, 12);
    expect(profile.chemicalPotential_V[10]).toBeCloseTo(0.342, 12);
  });

  it("adds -E_e/F: 96.485 J/mol of strain energy lowers the potential by 1 mV", () => {
    const energy = 96.48533212;
    const profile = chemoMechanicalPotential({
      ...base,
      strainEnergy: { position_m: [0], energy_J_mol: [energy] },
    });
    profile.totalPotential_V.forEach((total, k) => {
      expect(total).toBeCloseTo(profile.chemicalPotential_V[k] - 1e-3, 12);
      expect(profile.mechanicalPotential_V[k]).toBeCloseTo(-1e-3, 12);
    });
  });
});
