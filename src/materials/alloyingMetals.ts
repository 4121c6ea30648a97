/**
 * Metals that alloy with Li (Xie2024 Table 2): the Li-richest phase reached at room temperature, its
 * Li fraction and the volume expansion ratio R = V(alloy) / V(metal) per metal atom, with the
 * references Xie2024 cites. Molar volumes of the pure metals: molar mass / density at 20 °C (CRC
 * Handbook of Chemistry and Physics, 97th ed.). Bulk moduli where a paper of ours uses them
 * (Zhang2025 Fig. 5A via the Materials Project: Li 14 GPa, Cu 151 GPa; Na 8 GPa from its text).
 */
export interface AlloyingMetal {
  symbol: string;
  richestPhase: string;
  maxLiFraction: number;
  volumeRatio: number;
  /** Xie2024 reference numbers for the phase and volume data. */
  xieReferences: string;
  molarVolume_m3_mol: number;
}

const cm3 = 1e-6;

export const ALLOYING_METALS: AlloyingMetal[] = [
  {
    symbol: "Ag",
    richestPhase: "γ1",
    maxLiFraction: 0.94,
    volumeRatio: 17.7,
    xieReferences: "[33]",
    molarVolume_m3_mol: 10.27 * cm3,
  },
  {
    symbol: "Au",
    richestPhase: "Au4Li15",
    maxLiFraction: 0.789,
    volumeRatio: 4.7,
    xieReferences: "[69]",
    molarVolume_m3_mol: 10.21 * cm3,
  },
  {
    symbol: "Zn",
    richestPhase: "ZnLi",
    maxLiFraction: 0.5,
    volumeRatio: 2.0,
    xieReferences: "[63]",
    molarVolume_m3_mol: 9.16 * cm3,
  },
  {
    symbol: "Sn",
    richestPhase: "Sn4Li17",
    maxLiFraction: 0.809,
    volumeRatio: 3.6,
    xieReferences: "[70, 71]",
    molarVolume_m3_mol: 16.29 * cm3,
  },
  {
    symbol: "Al",
    richestPhase: "Al4Li9",
    maxLiFraction: 0.692,
    volumeRatio: 3.4,
    xieReferences: "[72]",
    molarVolume_m3_mol: 10.0 * cm3,
  },
  {
    symbol: "Cu",
    richestPhase: "(Cu)",
    maxLiFraction: 0.25,
    volumeRatio: 1.4,
    xieReferences: "[73]",
    molarVolume_m3_mol: 7.11 * cm3,
  },
  {
    symbol: "Ni",
    richestPhase: "(Ni)",
    maxLiFraction: 0,
    volumeRatio: 1,
    xieReferences: "[74]",
    molarVolume_m3_mol: 6.59 * cm3,
  },
  {
    symbol: "Si",
    richestPhase: "Si4Li17",
    maxLiFraction: 0.809,
    volumeRatio: 4.1,
    xieReferences: "[75, 76]",
    molarVolume_m3_mol: 12.06 * cm3,
  },
  {
    symbol: "Bi",
    richestPhase: "BiLi3",
    maxLiFraction: 0.94,
    volumeRatio: 2.1,
    xieReferences: "[77]",
    molarVolume_m3_mol: 21.31 * cm3,
  },
  {
    symbol: "Pt",
    richestPhase: "PtLi5 (uncertain)",
    maxLiFraction: 0.833,
    volumeRatio: 6,
    xieReferences: "[78]",
    molarVolume_m3_mol: 9.09 * cm3,
  },
  {
    symbol: "Ga",
    richestPhase: "GaLi2",
    maxLiFraction: 0.667,
    volumeRatio: 2.4,
    xieReferences: "[79]",
    molarVolume_m3_mol: 11.8 * cm3,
  },
  {
    symbol: "Ge",
    richestPhase: "Ge4Li17",
    maxLiFraction: 0.809,
    volumeRatio: 3.7,
    xieReferences: "[71, 80]",
    molarVolume_m3_mol: 13.63 * cm3,
  },
  {
    symbol: "Pb",
    richestPhase: "Pb4Li17",
    maxLiFraction: 0.809,
    volumeRatio: 3.2,
    xieReferences: "[71, 81]",
    molarVolume_m3_mol: 18.26 * cm3,
  },
  {
    symbol: "Tl",
    richestPhase: "Tl5Li22",
    maxLiFraction: 0.815,
    volumeRatio: 3.5,
    xieReferences: "[82]",
    molarVolume_m3_mol: 17.22 * cm3,
  },
  {
    symbol: "Sb",
    richestPhase: "SbLi3",
    maxLiFraction: 0.75,
    volumeRatio: 2.3,
    xieReferences: "[83]",
    molarVolume_m3_mol: 18.19 * cm3,
  },
  {
    symbol: "In",
    richestPhase: "In3Li13",
    maxLiFraction: 0.812,
    volumeRatio: 4.0,
    xieReferences: "[84]",
    molarVolume_m3_mol: 15.76 * cm3,
  },
];

export const BULK_MODULUS_Pa: Record<string, number> = { Li: 14e9, Cu: 151e9, Na: 8e9 };

/**
 * Mg is not in Table 2: Li and Mg form one BCC solid solution over most of the range, so the alloy
 * keeps absorbing Li (Xie2024 Fig 10c–d). Molar volume 24.305 g/mol / 1.738 g/cm^3 (CRC Handbook).
 */
export const MAGNESIUM = { symbol: "Mg", molarVolume_m3_mol: 13.98e-6 } as const;
