import { z } from "zod";
import { dimensions, positiveQuantity } from "../../units/index.js";
import { grainEnergyParameterSchema } from "../shared/grainEnergyParameters.js";
import { surfacesSchema } from "../shared/surfaces.js";

export const grainSelectionSchema = z.strictObject({
  metal: z.enum(["Li", "Na", "K"]).default("Li"),
  environment: z.enum(["solid", "liquid"]).default("solid"),
  surfaces: surfacesSchema,
  temperature: positiveQuantity(dimensions.temperature, {
    description: "deposition temperature",
    default: "25 degC",
  }),
  ...grainEnergyParameterSchema,
  grid: z
    .strictObject({
      nx: z.number().int().min(4).max(4000).default(200),
      ny: z.number().int().min(4).max(4000).default(70),
      dx: z
        .number()
        .gt(0)
        .default(0.5)
        .meta({ description: "grid spacing in um, the length unit of kappa (Zhang2025: 0.5)" }),
    })
    .prefault({}),
  nuclei: z.number().int().min(1).default(75),
  endTime: z.number().gt(0).max(1e6).default(400).meta({
    description:
      "model time at the end of the run (Zhang2025: 40,000 steps of 0.01 = 400); steps = endTime / dt",
  }),
  scheme: z.enum(["explicit", "semi-implicit"]).default("semi-implicit").meta({
    description:
      "semi-implicit (gradient term implicit, second order in time (SBDF2), stable at Zhang2025's dt = 0.01, after a start in explicit sub-steps that ends by a local-error rule; at 200 x 70 on seeds 1-3 the same final texture as the dt-converged explicit scheme and the same history within 1 point in all but 2 of 3981 records every 0.1, those up to 1.6 points, docs/texture.md) or explicit Euler (dt below ~1.3e-3 for Li; at its default dt further from the converged history than the semi-implicit scheme)",
  }),
  dt: z.number().gt(0).optional().meta({
    description:
      "time step (model units); default 0.9 x the explicit stability limit (explicit) or 0.01 (semi-implicit, Zhang2025); values above the scheme's stability limit are refused",
  }),
  fillFraction: z
    .number()
    .gt(0)
    .lte(1)
    .default(0.8)
    .meta({ description: "fraction of the run after which the film is fully deposited" }),
  mobility: z
    .strictObject({ L1: z.number().gt(0).default(7.5), L2: z.number().min(0).default(0.27) })
    .prefault({}),
  gradient: z
    .strictObject({ k1: z.number().gt(0).default(4.1e-9), k2: z.number().min(0).default(20) })
    .prefault({}),
  w: z.number().gt(0).default(1),
  seed: z.number().int().default(1),
  snapshots: z.array(z.number().gt(0).lte(1)).default([0.25, 1]),
});

export type GrainSelectionParams = z.output<typeof grainSelectionSchema>;
