import { z } from "zod";
import type { KineticsLaw } from "./law.js";

export const primarySchema = z.strictObject({ type: z.literal("primary") });
export type Primary = z.output<typeof primarySchema>;

/**
 * Primary kinetics: no charge-transfer resistance, eta = 0 everywhere (the limit ASR -> 0 of the
 * linear law). Field solvers impose it as a potential; as a current law it is a vertical line.
 */
export const primary: KineticsLaw<Primary> = {
  type: "primary",
  title: "primary",
  treatment: "potential",
  schema: primarySchema,
  citations: ["Newman & Thomas-Alyea, Electrochemical Systems, 3rd ed. (2004), section 18.1"],
  current: (eta) => (eta === 0 ? 0 : eta * Number.POSITIVE_INFINITY),
  slope: () => Number.POSITIVE_INFINITY,
  overpotential: () => 0,
  currentRange: () => [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  stressShift_V: () => 0,
  exchangeCurrent: () => Number.POSITIVE_INFINITY,
};
