import { type Kinetics, kineticsSchema } from "../../kinetics/index.js";

/**
 * The kinetics block of a scenario, the same schema as the kinetics layer's core type (one name per
 * thing: `type: butler-volmer` in the file is `type: "butler-volmer"` in the solvers). Used by
 * interface-2d (collector, tips, sites), interface-3d and critical-current (through contours.ts).
 */
export const interfaceKinetics = kineticsSchema;

export type KineticsInput = Kinetics;

/** The core kinetics of a scenario block: a linear law with ASR = 0 is primary kinetics. */
export function kineticsOf(input: KineticsInput): Kinetics {
  return input.type === "linear" && input.asr === 0 ? { type: "primary" } : input;
}
