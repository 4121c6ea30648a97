import { z } from "zod";
import { findRoot } from "../numerics/index.js";
import { dimensions, FARADAY, GAS_CONSTANT, positiveQuantity, quantity } from "../units/index.js";
import type { KineticsLaw } from "./law.js";
import { inverseThermalVoltage } from "./thermal.js";

export const temperatureField = positiveQuantity(dimensions.temperature, {
  description: "temperature",
  default: "25 degC",
});

export const exchangeCurrentField = positiveQuantity(dimensions.currentDensity, {
  description: "exchange current density i_ex",
});

export const butlerVolmerSchema = z.strictObject({
  type: z.literal("butler-volmer"),
  exchangeCurrentDensity: exchangeCurrentField,
  alphaAnodic: z.number().gt(0).lt(1).default(0.5),
  alphaCathodic: z.number().gt(0).lt(1).default(0.5),
  temperature: temperatureField,
  pressure: quantity(dimensions.pressure, {
    description: "excess pressure Delta P (Xie2024 eqs 8-9)",
    default: "0 Pa",
  }),
  molarVolume: positiveQuantity(dimensions.molarVolume, {
    description: "partial molar volume of Li in the stress terms",
    default: "13.0 cm^3/mol",
  }),
});
export type ButlerVolmer = z.output<typeof butlerVolmerSchema>;

/** i_ex exp((1 - a_a) V_Li dP / (R T)): compression raises the exchange current (Xie2024 eq. 8). */
function stressedExchangeCurrent(k: ButlerVolmer): number {
  return (
    k.exchangeCurrentDensity *
    Math.exp(((1 - k.alphaAnodic) * k.molarVolume * k.pressure) / (GAS_CONSTANT * k.temperature))
  );
}

/**
 * Butler-Volmer kinetics with the stress terms of Xie2024 eqs 8-9 (Monroe & Newman, J. Electrochem.
 * Soc. 152 (2005) A396 for the pressure-dependent exchange current):
 *   i = i_ex exp((1 - a_a) V_Li dP / (R T)) [exp(a_a F eta / (R T)) - exp(-a_c F eta / (R T))]
 * with eta = phi_s - phi - phi_0 - V_Li dP / F. Symmetric when a_a = a_c.
 */
export const butlerVolmer: KineticsLaw<ButlerVolmer> = {
  type: "butler-volmer",
  title: "Butler-Volmer",
  treatment: "nonlinear",
  schema: butlerVolmerSchema,
  citations: [
    "Xie2024 eqs 8-9",
    "Bard & Faulkner, Electrochemical Methods, 2nd ed. (2001), eq. 3.4.10",
    "Monroe & Newman, J. Electrochem. Soc. 152 (2005) A396",
  ],
  current(eta, k) {
    const f = inverseThermalVoltage(k.temperature);
    return (
      stressedExchangeCurrent(k) * (Math.exp(k.alphaAnodic * f * eta) - Math.exp(-k.alphaCathodic * f * eta))
    );
  },
  slope(eta, k) {
    const f = inverseThermalVoltage(k.temperature);
    return (
      stressedExchangeCurrent(k) *
      f *
      (k.alphaAnodic * Math.exp(k.alphaAnodic * f * eta) +
        k.alphaCathodic * Math.exp(-k.alphaCathodic * f * eta))
    );
  },
  overpotential(current, k) {
    const f = inverseThermalVoltage(k.temperature);
    const i0 = stressedExchangeCurrent(k);
    if (k.alphaAnodic === k.alphaCathodic) return Math.asinh(current / (2 * i0)) / (k.alphaAnodic * f);
    if (current === 0) return 0;
    // The dominant exponential alone bounds |eta|: i0 (exp(a f |eta|) - 1) <= |i|.
    const alpha = current > 0 ? k.alphaAnodic : k.alphaCathodic;
    const bound = (Math.sign(current) * Math.log1p(Math.abs(current) / i0)) / (alpha * f);
    return findRoot((eta) => butlerVolmer.current(eta, k) - current, 0, bound, { absoluteTolerance: 1e-15 });
  },
  currentRange: () => [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  stressShift_V: (k) => (k.molarVolume * k.pressure) / FARADAY,
  exchangeCurrent: (k) => k.exchangeCurrentDensity,
};
