import { z } from "zod";
import type { Kinetics } from "../../interface/index.js";
import { dimensions } from "../../units/index.js";
import { positiveQuantity, quantity } from "../schema.js";

/** The kinetics block shared by the interface studies (2D collector, 3D contoured Li surface). */
export const interfaceKinetics = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("primary") }),
    z.strictObject({
      type: z.literal("linear"),
      asr: quantity(dimensions.arealResistance, {
        description: "area-specific charge-transfer resistance",
        minimum: 0,
      }),
    }),
    z.strictObject({
      type: z.literal("butler-volmer"),
      exchangeCurrentDensity: positiveQuantity(dimensions.currentDensity, {
        description: "exchange current density i_ex",
      }),
      alphaAnodic: z.number().gt(0).lt(1).default(0.5),
      alphaCathodic: z.number().gt(0).lt(1).default(0.5),
      temperature: positiveQuantity(dimensions.temperature, {
        description: "temperature",
        default: "25 degC",
      }),
      pressure: quantity(dimensions.pressure, {
        description: "excess pressure Delta P (Xie2024 eqs 8-9)",
        default: "0 Pa",
      }),
      molarVolume: positiveQuantity(dimensions.molarVolume, {
        description: "partial molar volume of Li in the stress terms",
        default: "13.0 cm^3/mol",
      }),
    }),
  ])
  .meta({
    description: "Interface kinetics: primary, linear (ASR) or Butler-Volmer with stress (Xie2024 eqs 8-9)",
  });

export type KineticsInput = z.output<typeof interfaceKinetics>;

export function kineticsOf(input: KineticsInput): Kinetics {
  switch (input.type) {
    case "primary":
      return { kind: "primary" };
    case "linear":
      // ASR = 0 is primary kinetics (no charge-transfer resistance).
      return input.asr === 0 ? { kind: "primary" } : { kind: "linear", asr_ohm_m2: input.asr };
    case "butler-volmer":
      return {
        kind: "butlerVolmer",
        exchangeCurrentDensity_A_m2: input.exchangeCurrentDensity,
        alphaAnodic: input.alphaAnodic,
        alphaCathodic: input.alphaCathodic,
        temperature_K: input.temperature,
        pressure_Pa: input.pressure,
        molarVolume_m3_mol: input.molarVolume,
      };
  }
}
