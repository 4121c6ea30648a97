import { z } from "zod";
import { dimensions, positiveQuantity, quantity } from "../../units/index.js";

export const lithiationPotentialSchema = z.strictObject({
  system: z
    .union([
      z.enum(["Li-Mg", "none"]).meta({
        description: "built-in description (Li-Mg: Saunders, COST 507), or none: tabulated phases only",
      }),
      z.strictObject({
        tdb: z.string().min(1).meta({ description: "TDB file (read by the CLI, relative to the scenario)" }),
        metal: z.string().min(1).meta({ description: "host element (the other component)" }),
        lithium: z
          .string()
          .min(1)
          .default("LI")
          .meta({ description: "reacting element of the anode: LI, NA, K or any element of the database" }),
        phases: z.array(z.string()).min(1).optional(),
      }),
    ])
    .default("Li-Mg"),
  tabulatedPhases: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        points: z
          .array(
            z.strictObject({
              x: z.number().min(0).max(1),
              freeEnergy: quantity(dimensions.molarEnergy, {
                description: "F per mole of atoms (same reference as the database)",
              }),
            }),
          )
          .min(3),
        smoothing: z
          .number()
          .min(0)
          .default(0)
          .meta({ description: "lambda of the smoothing spline; 0 interpolates" }),
      }),
    )
    .default([])
    .meta({
      description: "phases known as F(x) tables, e.g. from cluster-expansion Monte Carlo (Xie2024 eqs 2-4)",
    }),
  lithiumReference: z
    .string()
    .default("BCC_A2")
    .meta({ description: "phase whose pure-Li end member is 0 V" }),
  temperature: positiveQuantity(dimensions.temperature, { description: "temperature", default: "300 K" }),
  yMax: z.number().gt(0).default(25).meta({ description: "largest y in MLi_y" }),
  points: z.number().int().min(10).max(100000).default(500),
});

export type LithiationPotentialParams = z.output<typeof lithiationPotentialSchema>;
