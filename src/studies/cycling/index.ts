import type { StudyDefinition } from "../types.js";
import { cyclingPlots } from "./plots.js";
import { cyclingReproductions } from "./reproductions.js";
import { runCycling } from "./run.js";
import { cyclingSchema } from "./schema.js";

export const cyclingStudy: StudyDefinition<typeof cyclingSchema> = {
  id: "cycling",
  description:
    "Analyse galvanostatic cycling data: capacities, Coulombic efficiency, overpotentials, shorts (M8, Wang2024 Fig. 2)",
  schema: cyclingSchema,
  run: runCycling,
  plots: cyclingPlots,
  reproductions: cyclingReproductions,
};
