import { GAS_CONSTANT } from "../../units/index.js";

/**
 * Einstein contribution per mole of atoms (Chen & Sundman, J. Phase Equilib. 22 (2001) 631;
 * pycalphad's Model.einstein_energy):
 *   G_E = 1.5 R theta + 3 R T ln(1 - exp(-theta / T)),
 * with the TDB parameter THETA holding ln(theta), so that theta = exp(s) for the Redlich–Kister sum s
 * of the THETA parameters (mixing in log space, as pycalphad). Returns G_E and its first and second
 * derivatives with respect to s at temperature t (K).
 */
export function einsteinEnergy(lnTheta: number, t: number): { g: number; dg: number; d2g: number } {
  const theta = Math.exp(lnTheta);
  const r = theta / t;
  // ln(1 - e^-r) without cancellation when r is small.
  const g = 1.5 * GAS_CONSTANT * theta + 3 * GAS_CONSTANT * t * Math.log(-Math.expm1(-r));
  // dG/dtheta = 1.5 R + 3 R / (e^r - 1); d2G/dtheta2 = -3 R e^r / (T (e^r - 1)^2).
  const em1 = Math.expm1(r);
  const dTheta = 1.5 * GAS_CONSTANT + (3 * GAS_CONSTANT) / em1;
  const d2Theta = (-3 * GAS_CONSTANT * (em1 + 1)) / (t * em1 * em1);
  return { g, dg: theta * dTheta, d2g: theta * dTheta + theta * theta * d2Theta };
}
