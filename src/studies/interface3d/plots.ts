import { heatMap, linePlot } from "../plotSpecs.js";
import type { PlotSpec } from "../types.js";

export function interface3dPlots(): PlotSpec[] {
  return [
    {
      name: "surface-current",
      title: "Local current / geometric current on the contoured surface, one period",
      spec: heatMap({
        data: "surface",
        x: { expression: "datum.x_m * 1e6", title: "x (µm)" },
        y: { expression: "datum.y_m * 1e6", title: "y (µm)" },
        value: { expression: "datum.currentRatio", title: "i / i_geo" },
        width: 360,
        height: 360,
      }),
    },
    {
      name: "section-profile",
      title: "Current ratio along the section y = S/2 (through peaks and troughs)",
      spec: linePlot({
        data: "section",
        x: { expression: "datum.x_m * 1e6", title: "x (µm)" },
        y: { expression: "datum.currentRatio", title: "i / i_geo" },
      }),
    },
  ];
}
