import type { StudyDefinition } from "../types.js";
import { ceFreeEnergyPlots } from "./plots.js";
import { ceFreeEnergyReproductions } from "./reproductions.js";
import { runCeFreeEnergy } from "./run.js";
import { ceFreeEnergySchema } from "./schema.js";

export const ceFreeEnergyStudy: StudyDefinition<typeof ceFreeEnergySchema> = {
  id: "ce-free-energy",
  description:
    "Free energy of alloy lattices from cluster-expansion Monte Carlo and thermodynamic integration, formation free energy and lithiation potential (M4, Xie2024 eqs 2-5)",
  schema: ceFreeEnergySchema,
  run: runCeFreeEnergy,
  plots: ceFreeEnergyPlots,
  reproductions: ceFreeEnergyReproductions,
};
