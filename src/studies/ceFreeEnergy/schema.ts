import { z } from "zod";
import { dimensions, positiveQuantity, quantity } from "../../units/index.js";
import { expansionSchema } from "../shared/lattice.js";

const phaseSchema = z.strictObject({
  name: z.string().min(1).meta({ description: "phase name, e.g. BCC" }),
  expansion: expansionSchema.optional().meta({ description: "fitted expansion (ce-fit metrics.expansion)" }),
  expansionFile: z
    .string()
    .optional()
    .meta({ description: "JSON file: an expansion, or a ce-fit result whose metrics hold one" }),
  supercell: z
    .array(z.array(z.number().int()).length(3))
    .length(3)
    .meta({ description: "Monte Carlo supercell (Xie2024: 8x6x6 BCC, 6x6x4 FCC, 3x3x2 gamma)" }),
  compositions: z.array(z.number().min(0).max(1)).min(3).meta({ description: "fractions x of `species`" }),
  vibrational: z
    .array(
      z.strictObject({
        temperature: positiveQuantity(dimensions.temperature, {
          description: "temperature of this correction",
        }),
        points: z
          .array(
            z.strictObject({
              x: z.number().min(0).max(1),
              freeEnergy: quantity(dimensions.energy, { description: "phonon free energy per atom" }),
            }),
          )
          .min(2),
      }),
    )
    .default([])
    .meta({ description: "phonon free energy per atom, linear in x between points (Xie2024 eq 3)" }),
});

export const ceFreeEnergySchema = z.strictObject({
  phases: z.array(phaseSchema).min(1),
  species: z.string().default("Li").meta({ description: "species whose fraction x is the composition" }),
  schedule: z
    .discriminatedUnion("kind", [
      z.strictObject({
        kind: z.literal("xie2024"),
        stepsScale: z.number().gt(0).default(1).meta({ description: "multiplies every stage's step count" }),
      }),
      z.strictObject({
        kind: z.literal("custom"),
        stages: z
          .array(
            z.strictObject({
              temperature: positiveQuantity(dimensions.temperature, { description: "temperature" }),
              steps: z.number().int().min(2),
            }),
          )
          .min(2),
      }),
    ])
    .prefault({ kind: "xie2024" })
    .meta({ description: "annealing: Xie2024 (10 000 K -> 20 K -> 500 K) or a custom list" }),
  temperatures: z
    .array(positiveQuantity(dimensions.temperature, { description: "output temperature" }))
    .min(1)
    .default([200, 300])
    .meta({ description: "temperatures of the heating branch at which F(x) is reported" }),
  lithiumReference: z
    .string()
    .optional()
    .meta({ description: "phase whose x = 1 free energy is 0 V (default: first phase with x = 1)" }),
  yMax: z.number().gt(0).default(25),
  seed: z.number().int().default(1),
});

export type CeFreeEnergyParams = z.output<typeof ceFreeEnergySchema>;
