/**
 * M5: one lithiation (and optionally a delithiation) of a metal/carbon buffer layer (BL) between
 * the solid electrolyte (SE) and the current collector (CC), Xie2024 section 2.2.2 and Figs 6–7.
 * Everything here is SI and already validated; the study turns a scenario into this object.
 */
export interface BufferLayerProblem {
  layer: {
    thickness_m: number;
    porosity: number;
    /** Li+ conductivity of the lithiated carbon (LiC6) skeleton, Xie2024: 1 mS/cm. */
    ionicConductivity_S_m: number;
  };
  metal: {
    /** Volume fraction of the unlithiated metal particles in the layer. */
    volumeFraction: number;
    particleDiameter_m: number;
    /** Plane of the particles, as a fraction of the thickness measured from the BL/SE side (0.5: Fig 6a). */
    depthFraction: number;
    /** Charge-transfer ASR of the particle/carbon interface, per particle surface area. */
    surfaceAsr_ohm_m2: number;
    /** Molar volume of the alloy M Li_y per mole of metal, and its derivative d V / d y. */
    alloyVolume: AlloyVolume;
    /** Equilibrium lithiation potential of M Li_y against Li/Li+ (V), from the thermodynamics. */
    lithiationPotential_V: (y: number) => number;
    /** Largest y the metal takes up (Infinity for a solid solution that goes on to Li). */
    maxY: number;
  };
  interfaces: { se: InterfaceProperties; cc: InterfaceProperties };
  /** Every sink linear (i = eta / ASR) or symmetric Butler-Volmer with the i_ex that has the same ASR at eta = 0. */
  kinetics: { type: "linear" } | { type: "butler-volmer"; alpha: number; temperature_K: number };
  mechanics: {
    /** Bulk modulus of the confined alloy (Xie2024: estimated as that of Li). */
    bulkModulus_Pa: number;
    /** Partial molar volume of Li in the stress terms (Xie2024 eqs 9, 12: that of Li metal). */
    lithiumMolarVolume_m3_mol: number;
    stackPressure_Pa: number;
  };
  /** Galvanostatic steps: positive current lithiates (plates), negative delithiates (strips). */
  steps: { current_A_m2: number; duration_s: number }[];
  timeStep_s: number;
}

export interface InterfaceProperties {
  asr_ohm_m2: number;
  adhesion_Pa: number;
}

export interface AlloyVolume {
  molarVolume_m3_mol(y: number): number;
  partialMolarVolume_m3_mol(y: number): number;
}

export type InterfaceName = "BL/CC" | "BL/SE";
