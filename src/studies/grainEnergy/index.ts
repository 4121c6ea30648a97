import type { StudyDefinition } from "../types.js";
import { grainEnergyPlots } from "./plots.js";
import { grainEnergyReproductions } from "./reproductions.js";
import { runGrainEnergy } from "./run.js";
import { grainEnergySchema } from "./schema.js";

export const grainEnergyStudy: StudyDefinition<typeof grainEnergySchema> = {
  id: "grain-energy",
  description:
    "Which texture grows: surface-energy versus strain-energy density of two grain orientations (M7, Zhang2025 eqs 1-13)",
  schema: grainEnergySchema,
  run: runGrainEnergy,
  plots: grainEnergyPlots,
  reproductions: grainEnergyReproductions,
};
