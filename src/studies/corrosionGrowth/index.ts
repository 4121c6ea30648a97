import type { StudyDefinition } from "../types.js";
import { corrosionGrowthPlots } from "./plots.js";
import { corrosionGrowthReproductions } from "./reproductions.js";
import { runCorrosionGrowth } from "./run.js";
import { corrosionGrowthSchema } from "./schema.js";

export const corrosionGrowthStudy: StudyDefinition<typeof corrosionGrowthSchema> = {
  id: "corrosion-growth",
  description:
    "Fit corrosion-layer thickness versus time with linear and parabolic laws; apparent activation energy (M8, Wang2024)",
  schema: corrosionGrowthSchema,
  run: runCorrosionGrowth,
  plots: corrosionGrowthPlots,
  reproductions: corrosionGrowthReproductions,
};
