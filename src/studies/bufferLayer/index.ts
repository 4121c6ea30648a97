import type { StudyDefinition } from "../types.js";
import { bufferLayerPlots } from "./plots.js";
import { bufferLayerReproductions } from "./reproductions.js";
import { runBufferLayer } from "./run.js";
import { bufferLayerSchema } from "./schema.js";

export const bufferLayerStudy: StudyDefinition<typeof bufferLayerSchema> = {
  id: "buffer-layer",
  description:
    "One lithiation of a metal/carbon buffer layer: alloying vs plating, pore filling, pressure, interface separation and extrusion (M5, Xie2024 Figs 6-7)",
  schema: bufferLayerSchema,
  run: runBufferLayer,
  plots: bufferLayerPlots,
  reproductions: bufferLayerReproductions,
};
