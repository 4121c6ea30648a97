/**
 * Lithium metal. Molar mass: IUPAC 2021 standard atomic weight (abridged, 6.94 g/mol).
 * Density 0.534 g/cm^3 at 20 degC: CRC Handbook of Chemistry and Physics, 97th ed., "Physical
 * constants of inorganic compounds". Molar volume follows as M / rho = 13.0 cm^3/mol.
 */
export const LITHIUM = {
  molarMass_kg_mol: 6.94e-3,
  density_kg_m3: 534,
  get molarVolume_m3_mol(): number {
    return this.molarMass_kg_mol / this.density_kg_m3;
  },
} as const;
