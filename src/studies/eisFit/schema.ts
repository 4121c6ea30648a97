import { z } from "zod";
import { dimensions } from "../../units/index.js";
import { dataFileSchema } from "../cellData.js";
import { positiveQuantity, quantity } from "../schema.js";

/** A circuit parameter: a bare number (SI) or a quantity string ("2 uF", "54 ohm"). */
const parameterValue = z.union([z.number(), z.string()]);

export const eisFitSchema = z.strictObject({
  circuit: z
    .string()
    .default("R0-p(R1,CPE1)-p(R2,CPE2)")
    .meta({ description: "e.g. R0-p(R1,CPE1)-W1; elements R C L CPE W Wo Ws G" }),
  data: z.union([
    dataFileSchema,
    z.strictObject({
      synthetic: z.strictObject({
        parameters: z
          .record(z.string(), parameterValue)
          .meta({ description: "true values of every circuit parameter" }),
        from: positiveQuantity(dimensions.frequency, { description: "highest frequency", default: "1 MHz" }),
        to: positiveQuantity(dimensions.frequency, { description: "lowest frequency", default: "1 Hz" }),
        pointsPerDecade: z.number().int().min(1).max(100).default(10),
        noise: z
          .number()
          .min(0)
          .max(0.5)
          .default(0)
          .meta({ description: "relative Gaussian noise on Re and Im" }),
        seed: z.number().int().default(1),
        resistanceDrift: quantity(dimensions.resistance, {
          description: "resistance added in proportion to elapsed measurement time (a drifting cell)",
          default: "0 ohm",
          minimum: 0,
        }),
      }),
    }),
  ]),
  initial: z
    .record(z.string(), parameterValue)
    .default({})
    .meta({ description: "starting values; estimated when missing" }),
  bounds: z.record(z.string(), z.tuple([parameterValue, parameterValue])).default({}),
  weighting: z.enum(["modulus", "unit", "proportional"]).default("modulus"),
  seed: z
    .number()
    .int()
    .default(1)
    .meta({ description: "seed of the global stage (differential evolution): same seed, same fit" }),
  kkThreshold: z
    .number()
    .gt(0)
    .lt(1)
    .default(0.01)
    .meta({ description: "Lin-KK: largest relative residual of a valid spectrum" }),
  kkFit: z
    .enum(["complex", "real", "imaginary"])
    .default("complex")
    .meta({ description: "Lin-KK: fit the RC elements to both parts, the real or the imaginary part" }),
  kkMuCutoff: z
    .number()
    .gt(0)
    .lt(1)
    .default(0.85)
    .meta({ description: "Lin-KK: stop adding RC elements when mu falls below this" }),
  kkMaxElements: z
    .number()
    .int()
    .min(2)
    .optional()
    .meta({ description: "Lin-KK: most RC elements (default: the number of frequencies)" }),
});

export type EisFitParams = z.output<typeof eisFitSchema>;
