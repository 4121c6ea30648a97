import type { PowerLawCreep } from "./powerLaw.js";

/**
 * Dendrite-crack growth criterion (M2), after Ning et al., Nature 618 (2023) 287 (Zhang2024 ref. 37):
 * a Li-filled surface crack grows when the Li pressure in it, built by Li that plates inside the
 * crack and must creep back out, opens it against the fracture toughness of the electrolyte. Ning's
 * published relation was not reachable here; this is our reconstruction with the same ingredients
 * (local current, local interfacial pressure, crack size, Li creep), stated so it can be checked:
 *
 * - An edge crack of depth c and uniform opening w stands normal to the interface at the worst
 *   point. Li plates on both crack faces at the local interfacial current density i, so the volume
 *   flux through the crack section at distance x from the tip is q(x) = 2 i V_Li x / F per unit width.
 * - That Li creeps out through the slit (half-opening h = w/2) as a power-law fluid in shear,
 *   gamma_dot = 3^((n+1)/2) A' tau^n, whose mean velocity under a pressure gradient G is
 *   u = 3^((n+1)/2) A' G^n h^(n+1) / (n + 2). Integrating G(x) from the mouth to the tip gives the
 *   extrusion pressure at the tip, dp_tip = [(n+2) 2 i V_Li / (F w K h^(n+1))]^(1/n) c^(1+1/n) n/(n+1)
 *   with K = 3^((n+1)/2) A'; the mean over the crack is dp_tip (1 + 1/n)/(2 + 1/n).
 * - The crack is opened by its mean Li pressure above the stack pressure, P_excess + dp_mean (the
 *   stack pressure acts on the Li and on the electrolyte alike and drops out), and grows when
 *   Y (P_excess + dp_mean) sqrt(pi c) >= K_Ic, with Y = 1.12 for an edge crack.
 *
 * Both pressures scale as current^(1/n) under a fixed current distribution, so the critical current
 * follows in closed form; the critical-current gain of a contour over a flat interface is
 * independent of A', K_Ic and the stack pressure.
 */
export interface DendriteCrack {
  length_m: number;
  opening_m: number;
  fractureToughness_Pa_m05: number;
  /** Geometry factor of K_I = Y p sqrt(pi c); 1.12 for an edge crack. */
  shapeFactor: number;
}

/** Mean Li pressure (above the mouth) needed to extrude what plates inside the crack. */
export function crackExtrusionPressure(
  currentDensity_A_m2: number,
  molarVolume_m3_mol: number,
  faraday: number,
  crack: DendriteCrack,
  creep: PowerLawCreep,
): number {
  const n = creep.stressExponent;
  const halfOpening = crack.opening_m / 2;
  const shearCoefficient = 3 ** ((n + 1) / 2) * creep.rateCoefficient;
  const gradientScale =
    ((n + 2) * 2 * Math.max(currentDensity_A_m2, 0) * molarVolume_m3_mol) /
    (faraday * crack.opening_m * shearCoefficient * halfOpening ** (n + 1));
  const tip = gradientScale ** (1 / n) * crack.length_m ** (1 + 1 / n) * (n / (n + 1));
  return (tip * (1 + 1 / n)) / (2 + 1 / n);
}

/** Mean crack pressure (above the stack pressure) at which the crack grows. */
export function crackGrowthPressure(crack: DendriteCrack): number {
  return crack.fractureToughness_Pa_m05 / (crack.shapeFactor * Math.sqrt(Math.PI * crack.length_m));
}

/**
 * Critical geometric current: the current at which the worst surface point reaches the growth
 * pressure, given the local current ratio i_n/i_geo and the excess pressure P_ref computed at the
 * geometric current i_ref with the same current distribution (both pressures ~ current^(1/n)).
 */
export function criticalGeometricCurrent(options: {
  currentRatio: ArrayLike<number>;
  excessPressure_Pa: ArrayLike<number>;
  referenceCurrent_A_m2: number;
  molarVolume_m3_mol: number;
  faraday: number;
  crack: DendriteCrack;
  creep: PowerLawCreep;
}): { criticalCurrent_A_m2: number; worstIndex: number } {
  const { currentRatio, excessPressure_Pa, referenceCurrent_A_m2: reference, crack, creep } = options;
  const n = creep.stressExponent;
  const drives = Array.from(
    { length: currentRatio.length },
    (_, k) =>
      excessPressure_Pa[k] +
      crackExtrusionPressure(
        currentRatio[k] * reference,
        options.molarVolume_m3_mol,
        options.faraday,
        crack,
        creep,
      ),
  );
  const worst = Math.max(...drives);
  // Mirror-symmetric points (e.g. the egg-box's two peaks) tie up to round-off: name the first.
  const worstIndex = drives.findIndex((drive) => drive >= worst - 1e-9 * Math.abs(worst));
  return {
    criticalCurrent_A_m2: reference * (crackGrowthPressure(crack) / worst) ** n,
    worstIndex,
  };
}
