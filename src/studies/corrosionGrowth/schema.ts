import { z } from "zod";
import { dimensions, positiveQuantity } from "../../units/index.js";

export const corrosionGrowthSchema = z.strictObject({
  series: z
    .array(
      z.strictObject({
        temperature: positiveQuantity(dimensions.temperature, { description: "storage temperature" }),
        points: z
          .array(
            z.strictObject({
              time: positiveQuantity(dimensions.time, { description: "storage time" }),
              thickness: positiveQuantity(dimensions.length, { description: "corrosion-layer thickness" }),
            }),
          )
          .min(2),
      }),
    )
    .min(1)
    // Wang2024 section 2 (Cu held against LPSCl, cryo-FIB thicknesses); room temperature = 23 degC (Methods).
    .prefault([
      {
        temperature: "23 degC",
        points: [
          { time: "1 d", thickness: "62 nm" },
          { time: "4 d", thickness: "83 nm" },
          { time: "7 d", thickness: "462 nm" },
        ],
      },
      {
        temperature: "60 degC",
        points: [
          { time: "1 d", thickness: "243 nm" },
          { time: "4 d", thickness: "2005 nm" },
          { time: "7 d", thickness: "2337 nm" },
        ],
      },
    ]),
  tolerance: z
    .number()
    .gt(0)
    .lt(10)
    .default(0.3)
    .meta({ description: "largest relative deviation for a law to describe the data" }),
});

export type CorrosionGrowthParams = z.output<typeof corrosionGrowthSchema>;
