import { z } from "zod";
import { LITHIUM } from "../../materials/index.js";
import { dimensions, positiveQuantity } from "../../units/index.js";
import { contourFields, refineContour } from "../shared/contours.js";

export const creepDefaults = LITHIUM.creep;

/**
 * Creep mesh: 16 cells per period resolves the peak pressure of a H25S150 egg-box to 0.3%
 * (0.7572 MPa against 0.7548 MPa at 24); from 16 to 32 cells one solve costs ~30x more
 * (0.35 s against 10.8 s, `npm run bench -- creep`).
 */
const DEFAULT_CREEP_CELLS = 16;

export function creepCellsPerPeriod(value: {
  creep: { cellsPerPeriod?: number };
  numerics: { cellsPerPeriod: number };
}) {
  return value.creep.cellsPerPeriod ?? Math.min(DEFAULT_CREEP_CELLS, value.numerics.cellsPerPeriod);
}

export const criticalCurrentSchema = z
  .strictObject({
    ...contourFields,
    temperature: positiveQuantity(dimensions.temperature, {
      description: "cell temperature",
      default: "25 degC",
    }),
    creep: z
      .strictObject({
        stressExponent: z
          .number()
          .min(1)
          .max(20)
          .default(creepDefaults.stressExponent)
          .meta({ description: "n of eps_dot = A sigma^n exp(-Q/RT) (LePage 2019)" }),
        activationEnergy: positiveQuantity(dimensions.molarEnergy, {
          description: "Q (LePage 2019)",
          default: `${creepDefaults.activationEnergy_J_mol / 1e3} kJ/mol`,
        }),
        referenceStress: positiveQuantity(dimensions.pressure, {
          description: "flow stress at the reference strain rate and 25 degC (sets A; assumed)",
          default: `${creepDefaults.referenceStress_Pa / 1e6} MPa`,
        }),
        referenceStrainRate: positiveQuantity(dimensions.strainRate, {
          description: "strain rate of the reference point",
          default: `${creepDefaults.referenceStrainRate_s} s^-1`,
        }),
        cellsPerPeriod: z
          .number()
          .int()
          .min(4)
          .max(64)
          .optional()
          .meta({
            description: `cells per period of the creep mesh (even, divides numerics.cellsPerPeriod; default the smaller of ${DEFAULT_CREEP_CELLS} and numerics.cellsPerPeriod)`,
          }),
      })
      .prefault({}),
    crack: z
      .strictObject({
        length: positiveQuantity(dimensions.length, {
          description: "dendrite crack depth c",
          default: "10 um",
        }),
        opening: positiveQuantity(dimensions.length, { description: "crack opening w", default: "0.3 um" }),
        fractureToughness: positiveQuantity(dimensions.fractureToughness, {
          description: "K_Ic of the electrolyte (assumed, order of argyrodites)",
          default: "0.3 MPa*m^0.5",
        }),
        shapeFactor: z.number().gt(0).default(1.12).meta({ description: "Y in K_I = Y p sqrt(pi c)" }),
      })
      .prefault({}),
  })
  .superRefine((value, context) => {
    refineContour(value, context);
    const issue = (path: PropertyKey[], message: string) =>
      context.addIssue({ code: "custom", path, message });
    if (value.contour.shape === "height-map") {
      issue(
        ["contour", "shape"],
        "critical-current needs a contour mirror-symmetric about x = 0 and x = S/2 (egg-box, pyramid, frustum or flat), got height-map",
      );
    }
    const creepCells = creepCellsPerPeriod(value);
    if (creepCells % 2 !== 0 || value.numerics.cellsPerPeriod % creepCells !== 0) {
      issue(
        ["creep", "cellsPerPeriod"],
        `expected an even number of creep cells per period that divides numerics.cellsPerPeriod (${value.numerics.cellsPerPeriod}), got ${creepCells}`,
      );
    }
    if (!(value.crack.opening < value.crack.length)) {
      issue(
        ["crack", "opening"],
        `expected a crack opening smaller than the crack length (${value.crack.length * 1e6} um), got ${value.crack.opening * 1e6} um`,
      );
    }
  });

export type CriticalCurrentParams = z.output<typeof criticalCurrentSchema>;
