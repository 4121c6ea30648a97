/**
 * Surface energies and surface self-diffusion barriers of alkali-metal grain orientations, as used
 * by Zhang2025 (Table S2 for Li; main text for Na and K). "liquid" surface energies are unstrained
 * (liquid electrolyte, low stack pressure); "solid" ones are under the ~3% compressive lattice strain
 * of a solid-electrolyte stack (Stottmeister & Gross, ChemSusChem 13 (2020) 3147). Barriers: Jaeckle
 * et al., Energy Environ. Sci. 11 (2018) 3400, as quoted by Zhang2025.
 *
 * Na and K: Zhang2025 quotes only the (101) barriers (Na 0.04 eV, K 0.02 eV) and that (101) has the
 * lowest barrier; their other values (Fig. S4) are not in the text we have, so they are absent here.
 */
export type Orientation = "001" | "101" | "111";
export type Environment = "liquid" | "solid";

export interface OrientationData {
  surfaceEnergy_J_m2: Partial<Record<Environment, number>>;
  diffusionBarrier_eV: number;
}

export const ALKALI_SURFACES: Record<string, Partial<Record<Orientation, Partial<OrientationData>>>> = {
  Li: {
    "001": { surfaceEnergy_J_m2: { liquid: 0.46, solid: 0.465 }, diffusionBarrier_eV: 0.14 },
    "101": { surfaceEnergy_J_m2: { liquid: 0.49, solid: 0.57 }, diffusionBarrier_eV: 0.02 },
    "111": { surfaceEnergy_J_m2: { liquid: 0.53, solid: 0.565 }, diffusionBarrier_eV: 0.41 },
  },
  Na: { "101": { diffusionBarrier_eV: 0.04 } },
  K: { "101": { diffusionBarrier_eV: 0.02 } },
};
