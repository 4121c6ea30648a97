import { z } from "zod";
import { dimensions, positiveQuantity, quantity } from "../../units/index.js";
import { formatNumber } from "../reproduction.js";

const fraction = (description: string) => z.number().min(0).max(1).meta({ description });

function strictlyIncreasing(values: number[]): boolean {
  return values.every((v, i) => i === 0 || v > values[i - 1]);
}

const diffusivityTable = z
  .array(
    z.strictObject({
      fraction: fraction("filling fraction c / c_max"),
      value: positiveQuantity(dimensions.diffusivity, { description: "Li diffusivity at this filling" }),
    }),
  )
  .min(1)
  .refine((rows) => strictlyIncreasing(rows.map((r) => r.fraction)), {
    message: "expected table rows in strictly increasing fraction",
  })
  .meta({ description: "Li diffusivity over the filling fraction c / c_max (interpolated in ln D)" });

const chemoMechanics = z
  .strictObject({
    thickness: positiveQuantity(dimensions.length, {
      description: "Film thickness for the potential profile (Wang2024 Fig. 4d: 140 nm)",
      default: "140 nm",
    }),
    composition: z
      .array(
        z.strictObject({
          position: quantity(dimensions.length, { description: "distance from the electrolyte", minimum: 0 }),
          liFraction: fraction("Li fraction x in Li_xMg"),
        }),
      )
      .min(1)
      .meta({ description: "Li fraction versus distance from the electrolyte side" }),
    chemicalPotential: z
      .array(
        z.strictObject({
          liFraction: fraction("Li fraction x"),
          potential: quantity(dimensions.potential, { description: "-mu_Li / F at this x" }),
        }),
      )
      .min(1)
      .meta({ description: "Li open-circuit potential without mechanical constraint, over x" }),
    strainEnergy: z
      .array(
        z.strictObject({
          position: quantity(dimensions.length, { description: "distance from the electrolyte", minimum: 0 }),
          energy: quantity(dimensions.molarEnergy, {
            description: "stored strain energy per mol Li",
            minimum: 0,
          }),
        }),
      )
      .min(1)
      .meta({ description: "Stored strain energy E_e versus distance from the electrolyte side" }),
    points: z.number().int().min(2).max(100000).default(101),
  })
  .superRefine((value, context) => {
    const tables = [
      ["composition", value.composition.map((r) => r.position)],
      ["chemicalPotential", value.chemicalPotential.map((r) => r.liFraction)],
      ["strainEnergy", value.strainEnergy.map((r) => r.position)],
    ] as const;
    for (const [field, keys] of tables) {
      if (!strictlyIncreasing(keys)) {
        context.addIssue({
          code: "custom",
          path: [field],
          message: "expected table rows in strictly increasing order",
        });
      }
    }
  })
  .meta({ description: "Open-circuit potential with stored strain energy (Wang2024 Fig. 4g)" });

export const alloyFilmSchema = z
  .strictObject({
    film: z
      .strictObject({
        thickness: positiveQuantity(dimensions.length, {
          description: "Alloy film thickness",
          default: "5 um",
        }),
        maxConcentration: positiveQuantity(dimensions.concentration, {
          description: "Li concentration at which the film surface saturates",
          default: "69.6 mmol/cm^3",
        }),
        initialConcentration: quantity(dimensions.concentration, {
          description: "Uniform Li concentration at the start",
          default: "0 mol/m^3",
          minimum: 0,
        }),
        diffusivity: z
          .union([
            positiveQuantity(dimensions.diffusivity, { description: "Constant Li diffusivity" }),
            diffusivityTable,
          ])
          .prefault("6e-11 cm^2/s")
          .meta({ description: "Li diffusivity: one value, or a table over c / c_max" }),
      })
      .prefault({}),
    currentDensity: positiveQuantity(dimensions.currentDensity, {
      description: "Galvanostatic plating current density",
      default: "1 mA/cm^2",
    }),
    profileFractions: z
      .array(z.number().gt(0).lte(1))
      .default([0.25, 0.5, 0.75, 1])
      .meta({ description: "Record concentration profiles at these fractions of the saturation time" }),
    platedCapacity: quantity(dimensions.arealCapacity, {
      description: "Plated capacity converted to a Li metal thickness",
      default: "1 mAh/cm^2",
      minimum: 0,
    }),
    utilizationMap: z
      .strictObject({
        diffusivities: z
          .array(positiveQuantity(dimensions.diffusivity, { description: "Li diffusivity" }))
          .min(1),
        currentDensities: z
          .array(positiveQuantity(dimensions.currentDensity, { description: "current density" }))
          .min(1),
      })
      .optional()
      .meta({ description: "Utilization over diffusivity x current density (Wang2024 Fig. 4c)" }),
    chemoMechanics: chemoMechanics.optional(),
    numerics: z
      .strictObject({
        cells: z.number().int().min(10).max(100000).default(200).meta({ description: "Finite-volume cells" }),
        timeSteps: z
          .number()
          .int()
          .min(20)
          .max(1000000)
          .default(400)
          .meta({ description: "Time steps per estimated saturation time" }),
      })
      .prefault({}),
  })
  .superRefine((value, context) => {
    if (value.film.initialConcentration >= value.film.maxConcentration) {
      context.addIssue({
        code: "custom",
        path: ["film", "initialConcentration"],
        message: `expected a concentration below film.maxConcentration (${formatNumber(value.film.maxConcentration)} mol/m^3), got ${formatNumber(value.film.initialConcentration)} mol/m^3`,
      });
    }
  });

export type AlloyFilmParams = z.output<typeof alloyFilmSchema>;
