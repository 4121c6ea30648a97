import { FARADAY, GAS_CONSTANT } from "../units/index.js";
import type { Kinetics } from "./problem.js";

/**
 * Plating current density i_n and its derivative with respect to the layer potential phi at one
 * point of the collector, with phi_s = 0 and local equilibrium potential phi_0 (the lithiation
 * driving force of an alloy site, 0 on bare Li/collector):
 *   eta = phi_s - phi - phi_0 - V_Li dP / F                                   (Xie2024 eq. 9)
 *   i_n = -i_ex exp((1 - a_a) V_Li dP / (R T)) [exp(a_a F eta / (R T)) - exp(-a_c F eta / (R T))]
 *                                                                             (Xie2024 eq. 8)
 * and i_n = -eta / ASR for linear kinetics. Primary kinetics (eta = 0) is imposed as a potential,
 * not through this function.
 */
export function overpotential(kinetics: Kinetics, phi: number, equilibriumShift_V: number): number {
  const stress =
    kinetics.kind === "butlerVolmer" ? (kinetics.molarVolume_m3_mol * kinetics.pressure_Pa) / FARADAY : 0;
  return -phi - equilibriumShift_V - stress;
}

export function platingCurrent(kinetics: Kinetics, eta: number): { current: number; dCurrent_dPhi: number } {
  switch (kinetics.kind) {
    case "linear":
      return { current: -eta / kinetics.asr_ohm_m2, dCurrent_dPhi: 1 / kinetics.asr_ohm_m2 };
    case "butlerVolmer": {
      const rt = GAS_CONSTANT * kinetics.temperature_K;
      const f = FARADAY / rt;
      const prefactor =
        kinetics.exchangeCurrentDensity_A_m2 *
        Math.exp(((1 - kinetics.alphaAnodic) * kinetics.molarVolume_m3_mol * kinetics.pressure_Pa) / rt);
      const anodic = Math.exp(kinetics.alphaAnodic * f * eta);
      const cathodic = Math.exp(-kinetics.alphaCathodic * f * eta);
      // d eta / d phi = -1
      return {
        current: -prefactor * (anodic - cathodic),
        dCurrent_dPhi: prefactor * f * (kinetics.alphaAnodic * anodic + kinetics.alphaCathodic * cathodic),
      };
    }
    case "primary":
      throw new Error("platingCurrent: primary kinetics is imposed as a potential");
  }
}

/** Charge-transfer resistance of Butler-Volmer kinetics at equilibrium: R T / ((a_a + a_c) F i_ex). */
export function linearisedAsr(kinetics: Kinetics & { kind: "butlerVolmer" }): number {
  return (
    (GAS_CONSTANT * kinetics.temperature_K) /
    ((kinetics.alphaAnodic + kinetics.alphaCathodic) * FARADAY * kinetics.exchangeCurrentDensity_A_m2)
  );
}
