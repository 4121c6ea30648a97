import { z } from "zod";
import { dimensions, quantity } from "../units/index.js";
import type { KineticsLaw } from "./law.js";

export const linearSchema = z.strictObject({
  type: z.literal("linear"),
  asr: quantity(dimensions.arealResistance, {
    description: "area-specific charge-transfer resistance",
    minimum: 0,
  }),
});
export type Linear = z.output<typeof linearSchema>;

/** Linear kinetics i = eta / ASR: Butler-Volmer linearised at equilibrium, or an interphase resistance. */
export const linear: KineticsLaw<Linear> = {
  type: "linear",
  title: "linear (ASR)",
  treatment: "linear",
  schema: linearSchema,
  citations: ["Xie2024 eq. 8 linearised at eta = 0"],
  current: (eta, k) => eta / k.asr,
  slope: (_eta, k) => 1 / k.asr,
  overpotential: (current, k) => current * k.asr,
  currentRange: () => [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  stressShift_V: () => 0,
  exchangeCurrent: () => null,
};
