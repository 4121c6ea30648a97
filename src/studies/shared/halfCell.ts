import { z } from "zod";
import type { HalfCellModel } from "../../cell/index.js";
import { dimensions, positiveQuantity, quantity } from "../../units/index.js";

/**
 * The synthetic half cell of src/cell/cycling/synthetic.ts, for examples and tests; shared by cycling
 * and ccd-ramp.
 */
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

export type HalfCellInput = z.output<typeof halfCellSchema>;

export function halfCellModel(cell: HalfCellInput, area_m2: number): HalfCellModel {
  return {
    area_m2,
    resistance_ohm_m2: cell.resistance,
    exchangeCurrentDensity_A_m2: cell.exchangeCurrentDensity,
    temperature_K: cell.temperature,
    nucleationOverpotential_V: cell.nucleationOverpotential,
    nucleationTime_s: cell.nucleationTime,
    coulombicEfficiency: cell.coulombicEfficiency,
    shortAt_s: cell.shortAt ?? null,
    shortFactor: 0.05,
    initialLithium_C_m2: 0,
    failureCurrent_A_m2: null,
    sampleInterval_s: cell.sampleInterval,
  };
}
