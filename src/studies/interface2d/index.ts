import type { StudyDefinition } from "../types.js";
import { interface2dPlots } from "./plots.js";
import { interface2dReproductions } from "./reproductions.js";
import { runInterface2D } from "./run.js";
import { interface2dSchema } from "./schema.js";

export const interface2dStudy: StudyDefinition<typeof interface2dSchema> = {
  id: "interface-2d",
  description:
    "Li current distribution at a rough collector under a conducting layer: tips, alloy sites, kinetics (M1, Xie2024 Figs 8-9)",
  schema: interface2dSchema,
  run: runInterface2D,
  plots: interface2dPlots,
  reproductions: interface2dReproductions,
};
