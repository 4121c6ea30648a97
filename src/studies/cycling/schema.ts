import { z } from "zod";
import { dimensions, positiveQuantity, quantity } from "../../units/index.js";
import { dataFileSchema } from "../shared/cellData.js";
import { halfCellSchema } from "../shared/halfCell.js";

export const cyclingSchema = z
  .strictObject({
    data: z.union([
      dataFileSchema,
      z.strictObject({
        synthetic: z.strictObject({
          cell: halfCellSchema.prefault({}),
          protocol: z.enum(["fixed-capacity", "reservoir"]).default("fixed-capacity"),
          currentDensity: positiveQuantity(dimensions.currentDensity, {
            description: "plating/stripping current",
            default: "1 mA/cm^2",
          }),
          capacity: positiveQuantity(dimensions.arealCapacity, {
            description: "capacity per half cycle",
            default: "1 mAh/cm^2",
          }),
          cycles: z.number().int().min(1).max(100000).default(10),
          cutoff: quantity(dimensions.potential, { description: "anodic cut-off", default: "0.2 V" }),
          formation: positiveQuantity(dimensions.arealCapacity, {
            description: "reservoir protocol: formation",
            default: "1 mAh/cm^2",
          }),
          reservoir: positiveQuantity(dimensions.arealCapacity, {
            description: "reservoir protocol: reservoir",
            default: "5 mAh/cm^2",
          }),
        }),
      }),
    ]),
    area: positiveQuantity(dimensions.area, {
      description: "electrode area (capacities are per area)",
      default: "1 cm^2",
    }),
    cellType: z.enum(["half", "full"]).default("half"),
    platingCurrent: z.enum(["negative", "positive"]).optional().meta({
      description:
        "sign of the current while Li plates (default: negative for half cells, positive for full-cell charge)",
    }),
    protocol: z
      .enum(["fixed-capacity", "reservoir"])
      .optional()
      .meta({ description: "reservoir: also compute the reservoir CE" }),
    zeroCurrent: quantity(dimensions.current, {
      description: "|I| at or below this is rest",
      default: "1 nA",
      minimum: 0,
    }),
    shortRatio: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.25)
      .meta({ description: "|V| below this fraction of the healthy plateau = short" }),
    minStepFraction: z.number().min(0).lt(1).default(0.05).meta({
      description:
        "files without a cycle column: current steps passing less than this fraction of the median step's charge (pulses, OCV probes) are not half cycles",
    }),
    dqdvBinWidth: positiveQuantity(dimensions.potential, {
      description: "voltage bin of the differential capacity dQ/dV (its only smoothing)",
      default: "5 mV",
    }),
    curveCycles: z.number().int().min(1).max(100).default(10).meta({
      description:
        "dQ/dV and voltage-capacity curves are reported for this many cycles, evenly spread, first and last included",
    }),
    referenceCycle: z
      .number()
      .int()
      .min(1)
      .default(1)
      .meta({ description: "capacity retention relative to this cycle" }),
  })
  .superRefine((value, context) => {
    if (
      "synthetic" in value.data &&
      value.data.synthetic.protocol === "reservoir" &&
      value.protocol === "fixed-capacity"
    ) {
      context.addIssue({
        code: "custom",
        path: ["protocol"],
        message: "the synthetic data follow the reservoir protocol",
      });
    }
  });

export type CyclingParams = z.output<typeof cyclingSchema>;
