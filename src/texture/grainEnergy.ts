import { findRoot } from "../numerics/index.js";

const BOLTZMANN_EV = 8.617333262e-5; // eV/K

/**
 * Energy-density difference between two grain orientations growing side by side (Zhang2025 eqs 4-13):
 *   dU = dGamma + dF_strain                                            (eq 4, thermal part neglected)
 *   dGamma = (E_s1 - E_s2) / h                                         (eq 5)
 *   dF_strain = A [exp(-beta D1 / (L R)) - exp(-beta D2 / (L R))], A = sigma_y (eps_T - eps_c)   (eq 12)
 *   D_i = D0 exp(-E_a,i / (kB T))                                      (eq 13)
 * dU < 0 favours grain 1.
 */
export interface GrainPair {
  surfaceEnergy1_J_m2: number;
  surfaceEnergy2_J_m2: number;
  barrier1_eV: number;
  barrier2_eV: number;
}

export interface GrainEnergyParameters {
  thickness_m: number;
  grainSize_m: number;
  depositionRate_m_s: number;
  yieldStrength_Pa: number;
  strainRange: number;
  diffusionPrefactor_m2_s: number;
  beta: number;
}

export interface GrainEnergy {
  deltaU_J_m3: number;
  deltaGamma_J_m3: number;
  deltaStrain_J_m3: number;
}

export function grainEnergyDifference(
  pair: GrainPair,
  p: GrainEnergyParameters,
  temperature_K: number,
): GrainEnergy {
  const deltaGamma = (pair.surfaceEnergy1_J_m2 - pair.surfaceEnergy2_J_m2) / p.thickness_m;
  const diffusivity = (barrier: number) =>
    p.diffusionPrefactor_m2_s * Math.exp(-barrier / (BOLTZMANN_EV * temperature_K));
  const scale = p.beta / (p.grainSize_m * p.depositionRate_m_s);
  const amplitude = p.yieldStrength_Pa * p.strainRange;
  const deltaStrain =
    amplitude *
    (Math.exp(-scale * diffusivity(pair.barrier1_eV)) - Math.exp(-scale * diffusivity(pair.barrier2_eV)));
  return {
    deltaU_J_m3: deltaGamma + deltaStrain,
    deltaGamma_J_m3: deltaGamma,
    deltaStrain_J_m3: deltaStrain,
  };
}

/** Temperature in [from, to] where dU changes sign (first crossing on a fine scan), or null. */
export function crossoverTemperature(
  pair: GrainPair,
  p: GrainEnergyParameters,
  from_K: number,
  to_K: number,
): number | null {
  const f = (t: number) => grainEnergyDifference(pair, p, t).deltaU_J_m3;
  const steps = 400;
  let previousT = from_K;
  let previous = f(from_K);
  for (let k = 1; k <= steps; k++) {
    const t = from_K + ((to_K - from_K) * k) / steps;
    const value = f(t);
    if (previous === 0) return previousT;
    if (Math.sign(value) !== Math.sign(previous))
      return findRoot(f, previousT, t, { absoluteTolerance: 1e-9 });
    previousT = t;
    previous = value;
  }
  return null;
}

/**
 * Upper bound of dF_strain over all temperatures: with D <= D0, exp(-beta D / (L R)) >= exp(-beta D0 / (L R)),
 * so dF_strain < A (1 - exp(-beta D0 / (L R))). If |dGamma| exceeds it, no temperature can reverse dU.
 */
export function strainEnergyBound(p: GrainEnergyParameters): number {
  return (
    p.yieldStrength_Pa *
    p.strainRange *
    (1 - Math.exp((-p.beta * p.diffusionPrefactor_m2_s) / (p.grainSize_m * p.depositionRate_m_s)))
  );
}
