import { BOLTZMANN, ELEMENTARY_CHARGE, FARADAY } from "../units/index.js";

/**
 * Chemical potentials in a dilute solution of M in beta-Li (KimLi2021 eqs 3-4), in eV per atom,
 * relative to pure Li and pure M: with X_M = 1 / (1 + y) in beta-Li_yM,
 *   mu_Li ~ kT ln(1 - X_M) ~ -X_M kT,     mu_M ~ kT ln(gamma_inf X_M).
 * KimLi2021 (Supplementary) estimates gamma_inf(Ag) = 0.00143 from the TCAL6 database.
 */
export function diluteChemicalPotentials(y: number, gammaInfinity: number, temperature_K: number) {
  const kT = (BOLTZMANN * temperature_K) / ELEMENTARY_CHARGE;
  const xM = 1 / (1 + y);
  return {
    lithium_eV: kT * Math.log(1 - xM),
    lithiumLinear_eV: -xM * kT,
    metal_eV: kT * Math.log(gammaInfinity * xM),
  };
}

/**
 * Stress coupling (KimLi2021 eq 2): mu_Li = mu0 + kT ln(a) + Omega P. The pressure that an
 * overpotential eta can sustain is P = F eta / V_Li (per mole; Omega per atom gives the same):
 * 0.135 V with Omega = 21.6 A^3 (13.0 cm^3/mol) gives ~1 GPa, Xie2024's P_max ~ F phi / V_Li.
 */
export function pressureForOverpotential(overpotential_V: number, molarVolume_m3_mol: number): number {
  return (FARADAY * overpotential_V) / molarVolume_m3_mol;
}

export function stressedChemicalPotential_eV(
  activity: number,
  pressure_Pa: number,
  atomicVolume_m3: number,
  temperature_K: number,
): number {
  return (BOLTZMANN * temperature_K * Math.log(activity) + atomicVolume_m3 * pressure_Pa) / ELEMENTARY_CHARGE;
}

/**
 * Lithiation potential (V vs Li) of the Li-rich solid solution M Li_y as a regular solution whose
 * interaction follows from the activity coefficient of M at infinite dilution in Li,
 * Omega = kT ln gamma_inf (KimLi2021 Supplementary: gamma_inf(Ag) = 0.00143 from TCAL6):
 *   e U = -mu_Li = -kT ln(1 - X_M) - Omega X_M^2,   X_M = 1 / (1 + y).
 * With gamma_inf = 1 it is the ideal dilute limit of KimLi2021 eqs 3-4.
 */
export function regularSolutionLithiationPotential(
  y: number,
  gammaInfinity: number,
  temperature_K: number,
): number {
  const kT = (BOLTZMANN * temperature_K) / ELEMENTARY_CHARGE;
  const xM = 1 / (1 + y);
  return -kT * Math.log1p(-xM) - kT * Math.log(gammaInfinity) * xM * xM;
}
