import type { StudyDefinition } from "../types.js";
import { ccdRampPlots } from "./plots.js";
import { ccdRampReproductions } from "./reproductions.js";
import { runCcdRamp } from "./run.js";
import { ccdRampSchema } from "./schema.js";

export const ccdRampStudy: StudyDefinition<typeof ccdRampSchema> = {
  id: "ccd-ramp",
  description:
    "Critical-current ramps: simulate with a pluggable failure criterion or analyse measured ramps (M8, Zhang2024)",
  schema: ccdRampSchema,
  run: runCcdRamp,
  plots: ccdRampPlots,
  reproductions: ccdRampReproductions,
};
