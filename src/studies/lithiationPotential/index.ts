import type { StudyDefinition } from "../types.js";
import { lithiationPotentialPlots } from "./plots.js";
import { lithiationPotentialReproductions } from "./reproductions.js";
import { runLithiationPotential } from "./run.js";
import { lithiationPotentialSchema } from "./schema.js";

export const lithiationPotentialStudy: StudyDefinition<typeof lithiationPotentialSchema> = {
  id: "lithiation-potential",
  description:
    "Lithiation potential of Li–M alloys from CALPHAD free energies: equilibrium and over-saturation paths (M3, Xie2024 eqs 3-5)",
  schema: lithiationPotentialSchema,
  run: runLithiationPotential,
  plots: lithiationPotentialPlots,
  reproductions: lithiationPotentialReproductions,
};
