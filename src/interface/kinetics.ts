import { type Kinetics, lawOf } from "../kinetics/index.js";

/**
 * The interface solvers' view of a kinetics law at one point of the electrode, with phi_s = 0 and a
 * local equilibrium potential phi_0 (the lithiation driving force of an alloy site, 0 on bare
 * Li/collector):
 *   eta = phi_s - phi - phi_0 - V_Li dP / F                                   (Xie2024 eq. 9)
 * and the plating current i_n = -i(eta), positive for plating (the layer's anodic convention flipped
 * to the solvers' "current flows down into the collector").
 */
export function overpotential(kinetics: Kinetics, phi: number, equilibriumShift_V: number): number {
  return -phi - equilibriumShift_V - lawOf(kinetics).stressShift_V(kinetics);
}

/** Plating current density i_n (A/m^2) and d i_n / d phi = d i / d eta >= 0 (since d eta / d phi = -1). */
export function platingCurrent(kinetics: Kinetics, eta: number): { current: number; dCurrent_dPhi: number } {
  const law = lawOf(kinetics);
  return { current: -law.current(eta, kinetics), dCurrent_dPhi: law.slope(eta, kinetics) };
}

/** Charge-transfer resistance at equilibrium, 1 / (d i / d eta)(0): R T / ((a_a + a_c) F i_ex) for Butler-Volmer. */
export function linearisedAsr(kinetics: Kinetics): number {
  return 1 / lawOf(kinetics).slope(0, kinetics);
}
