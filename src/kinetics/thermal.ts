import { BOLTZMANN, FARADAY, GAS_CONSTANT } from "../units/index.js";

/** F / (R T) in 1/V: the inverse thermal voltage of one-electron transfer. */
export function inverseThermalVoltage(temperature_K: number): number {
  return FARADAY / (GAS_CONSTANT * temperature_K);
}

/** k_B T in J. */
export function thermalEnergy(temperature_K: number): number {
  return BOLTZMANN * temperature_K;
}
