import { z } from "zod";
import { dimensions, positiveQuantity, quantity } from "../../units/index.js";
import { contourFields, refineContour } from "../shared/contours.js";

/** Zhang2024 Fig. 3 runs at 1 mA/cm^2; that is the default when no electrode potential is given. */
const DEFAULT_CURRENT_DENSITY_A_M2 = 10;

export const interface3dSchema = z
  .strictObject({
    ...contourFields,
    currentDensity: positiveQuantity(dimensions.currentDensity, {
      description: "galvanostatic: geometric current density (default 1 mA/cm^2)",
    }).optional(),
    electrodePotential: quantity(dimensions.potential, {
      description: "potentiostatic: electrode potential against the top of the electrolyte (negative plates)",
    }).optional(),
  })
  .superRefine((value, context) => {
    refineContour(value, context);
    if (value.currentDensity !== undefined && value.electrodePotential !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["electrodePotential"],
        message: "give either currentDensity (galvanostatic) or electrodePotential, not both",
      });
    }
  })
  .transform((value) => ({
    ...value,
    currentDensity:
      value.currentDensity ??
      (value.electrodePotential === undefined ? DEFAULT_CURRENT_DENSITY_A_M2 : undefined),
  }));

export type Interface3dParams = z.output<typeof interface3dSchema>;
