/**
 * Alloy films that take up lithium before Li metal plates on top of them.
 * Li–Mg: maximum Li concentration 69.6 mmol/cm^3 and room-temperature Li diffusivity in Li–Mg of
 * ~6e-11 cm^2/s are the values used for Wang2024 Fig. 4a (Wang2024 section 2, "Figure 4a shows…").
 */
export interface AlloyFilmMaterial {
  name: string;
  maxConcentration_mol_m3: number;
  diffusivity_m2_s: number;
  source: string;
}

export const MAGNESIUM_FILM: AlloyFilmMaterial = {
  name: "Li-Mg solid solution",
  maxConcentration_mol_m3: 69.6e3,
  diffusivity_m2_s: 6e-15,
  source: "Wang2024, Fig. 4a and text",
};
