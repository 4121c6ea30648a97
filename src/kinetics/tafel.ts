import { z } from "zod";
import { exchangeCurrentField, temperatureField } from "./butlerVolmer.js";
import type { KineticsLaw } from "./law.js";
import { inverseThermalVoltage } from "./thermal.js";

export const tafelSchema = z.strictObject({
  type: z.literal("tafel"),
  branch: z.enum(["cathodic", "anodic"]).default("cathodic"),
  exchangeCurrentDensity: exchangeCurrentField,
  alpha: z.number().gt(0).lt(1).default(0.5).meta({ description: "transfer coefficient of the branch" }),
  temperature: temperatureField,
});
export type Tafel = z.output<typeof tafelSchema>;

/** +1 for the anodic branch, -1 for the cathodic. */
const sign = (k: Tafel) => (k.branch === "anodic" ? 1 : -1);

/**
 * One branch of Butler-Volmer, the other neglected (Tafel 1905; Bard & Faulkner eq. 3.4.15):
 *   cathodic i = -i_ex exp(-a F eta / (R T)),  anodic i = i_ex exp(a F eta / (R T)).
 * It carries current of one sign only, and i(0) = -/+ i_ex, not 0: valid for |eta| >> RT/F.
 */
export const tafel: KineticsLaw<Tafel> = {
  type: "tafel",
  title: "Tafel",
  treatment: "nonlinear",
  schema: tafelSchema,
  citations: [
    "Tafel, Z. Phys. Chem. 50 (1905) 641",
    "Bard & Faulkner, Electrochemical Methods, 2nd ed. (2001), eq. 3.4.15",
  ],
  current: (eta, k) =>
    sign(k) *
    k.exchangeCurrentDensity *
    Math.exp(sign(k) * k.alpha * inverseThermalVoltage(k.temperature) * eta),
  slope(eta, k) {
    const af = k.alpha * inverseThermalVoltage(k.temperature);
    return af * k.exchangeCurrentDensity * Math.exp(sign(k) * af * eta);
  },
  overpotential(current, k) {
    const ratio = (sign(k) * current) / k.exchangeCurrentDensity;
    if (!(ratio > 0)) return Number.NaN;
    return (sign(k) * Math.log(ratio)) / (k.alpha * inverseThermalVoltage(k.temperature));
  },
  currentRange: (k) =>
    k.branch === "anodic" ? [0, Number.POSITIVE_INFINITY] : [Number.NEGATIVE_INFINITY, 0],
  stressShift_V: () => 0,
  exchangeCurrent: (k) => k.exchangeCurrentDensity,
};
