import { LITHIUM } from "../../materials/index.js";
import { GAS_CONSTANT } from "../../units/index.js";

/**
 * Steady power-law creep (M2): uniaxial strain rate eps_dot = A' sigma^n, with the temperature in
 * A' = eps_ref / sigma_ref^n exp(-Q/R (1/T - 1/T_ref)). Written around a reference point
 * (sigma_ref at eps_ref and T_ref) so that the prefactor carries readable units.
 */
export interface CreepLaw {
  stressExponent: number;
  activationEnergy_J_mol: number;
  referenceStress_Pa: number;
  referenceStrainRate_s: number;
  referenceTemperature_K: number;
}

/** The law at one temperature: eps_dot = rateCoefficient sigma^n (sigma in Pa, eps_dot in 1/s). */
export interface PowerLawCreep {
  stressExponent: number;
  rateCoefficient: number;
}

export function creepAt(law: CreepLaw, temperature_K: number): PowerLawCreep {
  const n = law.stressExponent;
  const arrhenius = Math.exp(
    (-law.activationEnergy_J_mol / GAS_CONSTANT) * (1 / temperature_K - 1 / law.referenceTemperature_K),
  );
  return {
    stressExponent: n,
    rateCoefficient: (law.referenceStrainRate_s / law.referenceStress_Pa ** n) * arrhenius,
  };
}

/** Uniaxial (von Mises) stress that creeps at the given strain rate. */
export function flowStress(creep: PowerLawCreep, strainRate_s: number): number {
  return (strainRate_s / creep.rateCoefficient) ** (1 / creep.stressExponent);
}

/** Li creep defaults: see LITHIUM.creep for sources and what is assumed. */
export const LITHIUM_CREEP: CreepLaw = LITHIUM.creep;
