import { PiecewiseLinear } from "../numerics/index.js";
import { FARADAY } from "../units/index.js";

/**
 * Li open-circuit potential in an alloy film under mechanical constraint (Wang2024 Fig. 4g).
 * Chemical part: -mu_Li(x) / F, tabulated over the Li fraction x (Wang2024 Fig. S15: 307 mV at
 * x = 0.17, 342 mV at x = 0.06). Mechanical part: the stored strain energy E_e (J per mol Li)
 * raises mu_Li, so it lowers the potential by E_e / F. Wang2024 calls the total "the summation"
 * of the two curves; we take the mechanical curve as -E_e / F, the only sign under which the
 * stress "further promotes" Li segregation away from the electrolyte, as the paper states.
 */
export interface ChemoMechanicalInput {
  thickness_m: number;
  /** Li fraction x versus position from the electrolyte side. */
  composition: { position_m: number[]; liFraction: number[] };
  /** Chemical open-circuit potential -mu_Li / F versus Li fraction. */
  chemicalPotential: { liFraction: number[]; potential_V: number[] };
  /** Stored strain energy per mole of Li versus position from the electrolyte side. */
  strainEnergy: { position_m: number[]; energy_J_mol: number[] };
  points: number;
}

export interface ChemoMechanicalProfile {
  position_m: number[];
  liFraction: number[];
  chemicalPotential_V: number[];
  mechanicalPotential_V: number[];
  totalPotential_V: number[];
}

export function chemoMechanicalPotential(input: ChemoMechanicalInput): ChemoMechanicalProfile {
  const composition = new PiecewiseLinear(input.composition.position_m, input.composition.liFraction);
  const chemical = new PiecewiseLinear(
    input.chemicalPotential.liFraction,
    input.chemicalPotential.potential_V,
  );
  const strain = new PiecewiseLinear(input.strainEnergy.position_m, input.strainEnergy.energy_J_mol);
  const profile: ChemoMechanicalProfile = {
    position_m: [],
    liFraction: [],
    chemicalPotential_V: [],
    mechanicalPotential_V: [],
    totalPotential_V: [],
  };
  for (let k = 0; k < input.points; k++) {
    const position = (input.thickness_m * k) / (input.points - 1);
    const x = composition.value(position);
    const chemicalPart = chemical.value(x);
    const mechanicalPart = -strain.value(position) / FARADAY;
    profile.position_m.push(position);
    profile.liFraction.push(x);
    profile.chemicalPotential_V.push(chemicalPart);
    profile.mechanicalPotential_V.push(mechanicalPart);
    profile.totalPotential_V.push(chemicalPart + mechanicalPart);
  }
  return profile;
}
