import { LITHIUM } from "../materials/index.js";
import { FARADAY } from "../units/index.js";

/**
 * Thickness of dense Li metal holding an areal capacity: h = (Q / F) V_m(Li).
 * 1 mAh/cm^2 = 36 000 C/m^2 gives 4.85 um (Wang2024 section 2 quotes 4.9 um).
 */
export function lithiumThicknessFromCapacity(
  capacity_C_m2: number,
  molarVolume_m3_mol: number = LITHIUM.molarVolume_m3_mol,
): number {
  return (capacity_C_m2 / FARADAY) * molarVolume_m3_mol;
}
