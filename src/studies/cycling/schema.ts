import { z } from "zod";
import { dimensions } from "../../units/index.js";
import { dataFileSchema } from "../cellData.js";
import { positiveQuantity, quantity } from "../schema.js";

/** The synthetic half cell of src/cell/cycling/synthetic.ts, for examples and tests. */
export const halfCellSchema = z.strictObject({
  resistance: quantity(dimensions.arealResistance, {
    description: "ohmic area-specific resistance",
    default: "2 ohm*cm^2",
    minimum: 0,
  }),
  exchangeCurrentDensity: positiveQuantity(dimensions.currentDensity, {
    description: "Butler-Volmer i0",
    default: "2 mA/cm^2",
  }),
  temperature: positiveQuantity(dimensions.temperature, { description: "temperature", default: "25 degC" }),
  nucleationOverpotential: quantity(dimensions.potential, {
    description: "nucleation dip on a Li-free collector",
    default: "30 mV",
    minimum: 0,
  }),
  nucleationTime: positiveQuantity(dimensions.time, { description: "decay time of the dip", default: "5 s" }),
  coulombicEfficiency: z.number().gt(0).lte(1).default(0.99),
  shortAt: quantity(dimensions.time, {
    description: "time of a short circuit (omit for none)",
    minimum: 0,
  }).optional(),
  sampleInterval: positiveQuantity(dimensions.time, { description: "sampling interval", default: "1 s" }),
});

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
export type HalfCellInput = z.output<typeof halfCellSchema>;
