import type { StudyDefinition } from "../types.js";
import { ceFitPlots } from "./plots.js";
import { ceFitReproductions } from "./reproductions.js";
import { runCeFit } from "./run.js";
import { ceFitSchema } from "./schema.js";

export const ceFitStudy: StudyDefinition<typeof ceFitSchema> = {
  id: "ce-fit",
  description:
    "Cluster expansion fit: orbits within cutoffs, correlation functions, lasso with 5-fold CV over alpha (M4, Xie2024 eq 1, Table 3)",
  schema: ceFitSchema,
  run: runCeFit,
  plots: ceFitPlots,
  reproductions: ceFitReproductions,
};
