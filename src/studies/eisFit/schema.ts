import { z } from "zod";
import { dimensions, positiveQuantity, quantity } from "../../units/index.js";
import { dataFileSchema } from "../shared/cellData.js";

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
  confidenceLevel: z
    .number()
    .gt(0)
    .lt(1)
    .default(0.95)
    .meta({ description: "two-sided level of the linearised and bootstrap confidence intervals" }),
  bootstrapSamples: z.number().int().min(0).max(100000).default(200).meta({
    description:
      "wild-bootstrap refits for intervals that hold for CPE parameters and mismatched weighting (0: none)",
  }),
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
  drt: z
    .strictObject({
      lambda: z
        .union([z.number().gt(0), z.literal("cross-validate")])
        .default(1e-3)
        .meta({ description: "Tikhonov weight, or cross-validate (generalised cross-validation)" }),
      tauPoints: z
        .number()
        .int()
        .min(10)
        .max(1000)
        .optional()
        .meta({ description: "number of relaxation times (default: 10 per decade)" }),
      shortestTau: positiveQuantity(dimensions.time, {
        description: "shortest relaxation time (default: a decade below 1/ω at the highest frequency)",
      }).optional(),
      longestTau: positiveQuantity(dimensions.time, {
        description: "longest relaxation time (default: a decade above 1/ω at the lowest frequency)",
      }).optional(),
      inductance: z.boolean().default(false).meta({ description: "fit a series inductance as well" }),
      derivative: z
        .union([z.literal(1), z.literal(2)])
        .default(1)
        .meta({ description: "order of the derivative of γ(ln τ) the regularisation penalises" }),
    })
    .optional()
    .meta({ description: "distribution of relaxation times by Tikhonov-regularised NNLS, as pyDRTtools" }),
});

export type EisFitParams = z.output<typeof eisFitSchema>;
