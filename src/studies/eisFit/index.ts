import type { StudyDefinition } from "../types.js";
import { eisFitPlots } from "./plots.js";
import { eisFitReproductions } from "./reproductions.js";
import { runEisFit } from "./run.js";
import { eisFitSchema } from "./schema.js";

export const eisFitStudy: StudyDefinition<typeof eisFitSchema> = {
  id: "eis-fit",
  description:
    "Fit equivalent circuits to impedance spectra, with standard errors and the Lin-KK validity test (M8)",
  schema: eisFitSchema,
  run: runEisFit,
  plots: eisFitPlots,
  reproductions: eisFitReproductions,
};
