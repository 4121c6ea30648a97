import { z } from "zod";
import { dimensions, positiveQuantity, quantity } from "../../units/index.js";
import { dataFileSchema } from "../shared/cellData.js";
import { halfCellSchema } from "../shared/halfCell.js";

/**
 * What makes a simulated ramp fail. Today: a plating current density at and above which a dendrite
 * shorts the cell (from experiment or another model, e.g. `criticalCurrent_A_m2` of the
 * `critical-current` study, SPEC M2).
 */
const failureSchema = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("none") }),
    z.strictObject({
      type: z.literal("current-threshold"),
      criticalCurrent: positiveQuantity(dimensions.currentDensity, {
        description: "plating current that shorts the cell",
      }),
    }),
  ])
  .meta({ description: "failure criterion of the simulated cell" });

export const ccdRampSchema = z.strictObject({
  data: z.union([
    dataFileSchema,
    z.strictObject({
      synthetic: z.strictObject({
        cell: halfCellSchema.prefault({}),
        failure: failureSchema.prefault({ type: "none" }),
        startCurrent: positiveQuantity(dimensions.currentDensity, {
          description: "first plating current",
          default: "0.5 mA/cm^2",
        }),
        currentStep: positiveQuantity(dimensions.currentDensity, {
          description: "increase per cycle",
          default: "0.5 mA/cm^2",
        }),
        stripCurrent: positiveQuantity(dimensions.currentDensity, {
          description: "stripping current",
          default: "0.2 mA/cm^2",
        }),
        capacity: positiveQuantity(dimensions.arealCapacity, {
          description: "capacity per half cycle",
          default: "0.2 mAh/cm^2",
        }),
        cycles: z.number().int().min(1).max(1000).default(10),
      }),
    }),
  ]),
  area: positiveQuantity(dimensions.area, { description: "electrode area", default: "1 cm^2" }),
  platingCurrent: z.enum(["negative", "positive"]).default("negative"),
  dropThreshold: quantity(dimensions.potential, {
    description:
      "a sudden drop of the plating voltage by this much marks the dendrite short (Zhang2024: 2 mV)",
    default: "2 mV",
    exclusiveMinimum: 0,
  }),
  zeroCurrent: quantity(dimensions.current, {
    description: "|I| at or below this is rest",
    default: "1 nA",
    minimum: 0,
  }),
});

export type CcdRampParams = z.output<typeof ccdRampSchema>;
