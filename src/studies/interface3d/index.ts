import type { StudyDefinition } from "../types.js";
import { interface3dPlots } from "./plots.js";
import { interface3dReproductions } from "./reproductions.js";
import { runInterface3d } from "./run.js";
import { interface3dSchema } from "./schema.js";

export const interface3dStudy: StudyDefinition<typeof interface3dSchema> = {
  id: "interface-3d",
  description:
    "Current distribution on periodically contoured Li/electrolyte interfaces in 3D (M1 3D, Zhang2024)",
  schema: interface3dSchema,
  run: runInterface3d,
  plots: interface3dPlots,
  reproductions: interface3dReproductions,
};
