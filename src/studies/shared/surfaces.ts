import { z } from "zod";
import { inputError } from "../../errors.js";
import { ALKALI_SURFACES, type Orientation } from "../../materials/index.js";
import { dimensions, ELEMENTARY_CHARGE, quantity } from "../../units/index.js";

export const surfaceOrientation = z.enum(["001", "101", "111"]);

/**
 * Surface energies and self-diffusion barriers of the (001), (101) and (111) faces of an alkali metal
 * (Zhang2025 Table S2 for Li), as a scenario overrides them; shared by grain-energy and
 * grain-selection.
 */
export const surfacesSchema = z
  .partialRecord(
    surfaceOrientation,
    z.strictObject({
      surfaceEnergy: quantity(dimensions.surfaceEnergy, {
        description: "surface energy",
        exclusiveMinimum: 0,
      }).optional(),
      diffusionBarrier: quantity(dimensions.energy, {
        description: "surface self-diffusion barrier",
        minimum: 0,
      }).optional(),
    }),
  )
  .default({})
  .meta({ description: "override or supply surface energies and barriers (e.g. for Na, K)" });

/** Surface energy and barrier of one orientation: the scenario's values, else the materials table. */
export function orientationData(
  params: { metal: string; environment: "solid" | "liquid"; surfaces: z.output<typeof surfacesSchema> },
  o: Orientation,
  path: string,
) {
  const table = ALKALI_SURFACES[params.metal]?.[o];
  const given = params.surfaces[o];
  const surfaceEnergy = given?.surfaceEnergy ?? table?.surfaceEnergy_J_m2?.[params.environment];
  const barrier =
    given?.diffusionBarrier !== undefined
      ? given.diffusionBarrier / ELEMENTARY_CHARGE
      : table?.diffusionBarrier_eV;
  if (surfaceEnergy === undefined || barrier === undefined) {
    throw inputError(
      path,
      `no ${surfaceEnergy === undefined ? `${params.environment} surface energy` : "diffusion barrier"} for ${params.metal} (${o}) in the materials table (Zhang2025 gives them for Li only); supply it in params.surfaces.${o}`,
    );
  }
  return { surfaceEnergy, barrier };
}
