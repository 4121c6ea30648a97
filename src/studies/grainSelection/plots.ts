import { ORIENTATIONS } from "../../texture/index.js";
import { Axis, heatMap, linePlot } from "../plotSpecs.js";
import type { PlotSpec, StudyResult } from "../types.js";

/**
 * Orientation of each deposited cell, one panel per snapshot in time order, with lines between
 * cells of different grains, so two touching grains of one orientation show as two. Drawn at the
 * domain's aspect ratio.
 */
function grainMap(result: StudyResult): Record<string, unknown> {
  const grid = (result.inputs as { grid?: { nx: number; ny: number } }).grid;
  const width = 600;
  const height = grid ? Math.max(60, Math.round((width * grid.ny) / grid.nx)) : 210;
  return heatMap({
    data: "snapshots",
    x: { expression: "datum.x_m * 1e6", title: "x (µm)" },
    y: { expression: "datum.y_m * 1e6", title: "Height (µm)" },
    value: { expression: "datum.orientation", title: "Orientation", labels: ORIENTATION_LABELS },
    boundaries: { expression: "datum.grain", title: "grain boundary" },
    panels: { field: "time", label: "'t = ' + format(datum.time, '.3~r')" },
    width,
    height,
  });
}

const ORIENTATION_LABELS = ORIENTATIONS.map((o) => `(${o})`);

export function grainSelectionPlots(result: StudyResult): PlotSpec[] {
  return [
    {
      name: "texture-history",
      title: "Area fraction of each orientation during deposition",
      spec: linePlot({
        data: "history",
        x: { expression: "datum.time", title: "Time (model units)" },
        y: Axis.percent({ expression: "datum.value", title: "Area fraction" }, { full: true }),
        fold: {
          columns: ["fraction001", "fraction101", "fraction111"],
          labels: { fraction001: "(001)", fraction101: "(101)", fraction111: "(111)" },
        },
      }),
    },
    {
      name: "grain-map",
      title: "Grain orientation maps during deposition",
      spec: grainMap(result),
    },
  ];
}
