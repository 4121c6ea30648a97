import type { GrainSelectionInput } from "../texture/index.js";

/** Zhang2025 Table S2's film and deposition parameters of the grain-energy terms (eqs 4-13). */
export const liSolidGrainEnergy = {
  thickness_m: 1e-5,
  grainSize_m: 1e-5,
  depositionRate_m_s: 1e-9,
  yieldStrength_Pa: 0.55e6,
  strainRange: 0.2,
  diffusionPrefactor_m2_s: 1e-15,
  beta: 1,
};

/**
 * Zhang2025 Table S2, Li deposited under a solid electrolyte at 25 °C, as a grain-selection input
 * without its time step: shared by the phase-field tests and the grain-selection bench (the study
 * builds the same from its schema's defaults).
 */
export const liSolidGrainSelection = (
  grid: { nx: number; ny: number },
  nuclei: number,
): Omit<GrainSelectionInput, "dt" | "steps"> => ({
  grid: { ...grid, dx: 0.5 },
  nuclei,
  surfaceEnergy_J_m2: { "001": 0.465, "101": 0.57, "111": 0.565 },
  barrier_eV: { "001": 0.14, "101": 0.02, "111": 0.41 },
  temperature_K: 298.15,
  energy: liSolidGrainEnergy,
  mobilityPrefactor: 7.5,
  mobilityExponent: 0.27,
  gradientPrefactor: 4.1e-9,
  gradientExponent: 20,
  w: 1,
  fillFraction: 0.8,
  seed: 1,
  records: 40,
  snapshotFractions: [],
});
