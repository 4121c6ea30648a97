import { GAS_CONSTANT } from "../../units/index.js";

/**
 * Two-state liquid–amorphous contribution (Ågren, Phys. Chem. Liq. 18 (1988) 123; Chen & Sundman,
 * J. Phase Equilib. 22 (2001) 631; pycalphad's Model.twostate_energy): with G_D the
 * Redlich–Kister sum of the GD parameters (the energy of a liquid-like atom relative to a solid-like
 * one),
 *   G_2state = -R T ln(1 + exp(-G_D / (R T))),
 * added to the G parameters, which describe the amorphous state. Returns it and its first and second
 * derivatives with respect to G_D at temperature t (K).
 */
export function twoStateEnergy(gd: number, t: number): { g: number; dg: number; d2g: number } {
  const rt = GAS_CONSTANT * t;
  const u = gd / rt;
  // ln(1 + e^-u) = max(-u, 0) + ln(1 + e^-|u|): no overflow for either sign of G_D.
  const softplus = Math.max(-u, 0) + Math.log1p(Math.exp(-Math.abs(u)));
  // dG/dG_D = 1 / (1 + e^u) (the fraction of liquid-like atoms); its derivative -p (1 - p) / RT.
  const p = u >= 0 ? Math.exp(-u) / (1 + Math.exp(-u)) : 1 / (1 + Math.exp(u));
  return { g: -rt * softplus, dg: p, d2g: (-p * (1 - p)) / rt };
}
