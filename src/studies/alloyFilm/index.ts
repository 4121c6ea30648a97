import type { StudyDefinition } from "../types.js";
import { alloyFilmPlots } from "./plots.js";
import { alloyFilmReproductions } from "./reproductions.js";
import { runAlloyFilm } from "./run.js";
import { alloyFilmSchema } from "./schema.js";

export const alloyFilmStudy: StudyDefinition<typeof alloyFilmSchema> = {
  id: "alloy-film",
  description:
    "Li diffusion into an alloy film until its surface saturates; utilization, chemo-mechanical potential (M6, Wang2024 Fig. 4)",
  schema: alloyFilmSchema,
  run: runAlloyFilm,
  plots: alloyFilmPlots,
  reproductions: alloyFilmReproductions,
};
