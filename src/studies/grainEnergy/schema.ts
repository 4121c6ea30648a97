import { z } from "zod";
import { dimensions, positiveQuantity } from "../../units/index.js";
import { grainEnergyParameterSchema } from "../shared/grainEnergyParameters.js";
import { surfaceOrientation, surfacesSchema } from "../shared/surfaces.js";

export const grainEnergySchema = z.strictObject({
  metal: z.enum(["Li", "Na", "K"]).default("Li"),
  environment: z
    .enum(["solid", "liquid"])
    .default("solid")
    .meta({ description: "solid: strained surface energies under stack pressure" }),
  orientations: z
    .tuple([surfaceOrientation, surfaceOrientation])
    .default(["001", "101"])
    .meta({ description: "grain 1 and grain 2; dU < 0 favours grain 1" }),
  surfaces: surfacesSchema,
  temperature: positiveQuantity(dimensions.temperature, {
    description: "temperature for the metrics",
    default: "25 degC",
  }),
  temperatureRange: z
    .tuple([
      positiveQuantity(dimensions.temperature, { description: "from" }),
      positiveQuantity(dimensions.temperature, { description: "to" }),
    ])
    .prefault(["200 K", "400 K"]),
  ...grainEnergyParameterSchema,
});

export type GrainEnergyParams = z.output<typeof grainEnergySchema>;
