import type { StudyDefinition } from "../types.js";
import { criticalCurrentPlots } from "./plots.js";
import { criticalCurrentReproductions } from "./reproductions.js";
import { runCriticalCurrent } from "./run.js";
import { criticalCurrentSchema } from "./schema.js";

export const criticalCurrentStudy: StudyDefinition<typeof criticalCurrentSchema> = {
  id: "critical-current",
  description:
    "Creep pressure (3D) and the geometrical critical current for dendrites on contoured Li/electrolyte interfaces (M1 3D + M2, Zhang2024)",
  schema: criticalCurrentSchema,
  run: runCriticalCurrent,
  plots: criticalCurrentPlots,
  reproductions: criticalCurrentReproductions,
};
