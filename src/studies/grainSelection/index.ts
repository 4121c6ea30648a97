import type { StudyDefinition } from "../types.js";
import { grainSelectionPlots } from "./plots.js";
import { grainSelectionReproductions } from "./reproductions.js";
import { runGrainSelection } from "./run.js";
import { grainSelectionSchema } from "./schema.js";

export const grainSelectionStudy: StudyDefinition<typeof grainSelectionSchema> = {
  id: "grain-selection",
  description:
    "Multi-grain Allen-Cahn phase field of texture selection during deposition (M7, Zhang2025 eqs 14-17)",
  schema: grainSelectionSchema,
  run: runGrainSelection,
  plots: grainSelectionPlots,
  reproductions: grainSelectionReproductions,
};
