import { z } from "zod";
import type { GrainEnergyParameters } from "../../texture/index.js";
import { dimensions, positiveQuantity } from "../../units/index.js";

/**
 * Parameters of the grain energy density (Zhang2025 Methods, Table S2 defaults), shared by
 * grain-energy and grain-selection.
 */
export const grainEnergyParameterSchema = {
  thickness: positiveQuantity(dimensions.length, { description: "film thickness h", default: "10 um" }),
  grainSize: positiveQuantity(dimensions.length, { description: "grain size L", default: "10 um" }),
  depositionRate: positiveQuantity(dimensions.velocity, {
    description: "deposition rate R",
    default: "0.001 um/s",
  }),
  yieldStrength: positiveQuantity(dimensions.pressure, {
    description: "yield strength sigma_y",
    default: "0.55 MPa",
  }),
  strainRange: z.number().gt(0).default(0.2).meta({ description: "eps_T - eps_c" }),
  diffusionPrefactor: positiveQuantity(dimensions.diffusivity, { description: "D0", default: "1e-15 m^2/s" }),
  beta: z.number().gt(0).default(1),
};

type GrainEnergyInput = z.output<z.ZodObject<typeof grainEnergyParameterSchema>>;

/** The validated parameters above in SI, as the texture model takes them. */
export function grainEnergyParametersOf(params: GrainEnergyInput): GrainEnergyParameters {
  return {
    thickness_m: params.thickness,
    grainSize_m: params.grainSize,
    depositionRate_m_s: params.depositionRate,
    yieldStrength_Pa: params.yieldStrength,
    strainRange: params.strainRange,
    diffusionPrefactor_m2_s: params.diffusionPrefactor,
    beta: params.beta,
  };
}
