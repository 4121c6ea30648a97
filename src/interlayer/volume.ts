import type { AlloyVolume } from "./problem.js";

/**
 * Vegard-type molar volume of M Li_y per mole of metal: linear from the pure metal (y = 0) to the
 * Li-richest phase of Xie2024 Table 2, whose volume is R times the metal's; beyond it (a solid
 * solution that continues towards Li, as Ag–Li does) each further Li adds the molar volume of Li
 * metal.
 */
export function vegardAlloyVolume(
  metalMolarVolume_m3_mol: number,
  volumeRatio: number,
  yAtRatio: number,
  lithiumMolarVolume_m3_mol: number,
): AlloyVolume {
  const slope =
    yAtRatio > 0 ? ((volumeRatio - 1) * metalMolarVolume_m3_mol) / yAtRatio : lithiumMolarVolume_m3_mol;
  const atRatio = metalMolarVolume_m3_mol + slope * yAtRatio;
  return {
    molarVolume_m3_mol: (y) =>
      y <= yAtRatio
        ? metalMolarVolume_m3_mol + slope * y
        : atRatio + lithiumMolarVolume_m3_mol * (y - yAtRatio),
    partialMolarVolume_m3_mol: (y) => (y < yAtRatio ? slope : lithiumMolarVolume_m3_mol),
  };
}
