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
  /**
   * Steady power-law creep eps_dot = A sigma^n exp(-Q/(R T)) of bulk polycrystalline Li.
   * n = 6.6 and Q = 37 kJ/mol: LePage et al., J. Electrochem. Soc. 166 (2019) A89 (Masias et al.,
   * J. Mater. Sci. 54 (2019) 2585 report n = 6.56 at room temperature), as quoted in SPEC M2.
   * The prefactor is written as a reference point instead: 0.8 MPa at 1e-3 1/s and 298 K is the
   * order of the room-temperature flow stress both papers report (0.5-1 MPa); their fitted A was not
   * reachable here, so treat this point as an assumption and override it (`creep.referenceStress`).
   * It sets absolute pressures and critical currents, not the critical-current gain of a contour.
   */
  creep: {
    stressExponent: 6.6,
    activationEnergy_J_mol: 37e3,
    referenceStress_Pa: 0.8e6,
    referenceStrainRate_s: 1e-3,
    referenceTemperature_K: 298.15,
  },
} as const;
