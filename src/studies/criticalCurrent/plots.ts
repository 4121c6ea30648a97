import { heatMap, linePlot } from "../plotSpecs.js";
import type { PlotSpec } from "../types.js";

export function criticalCurrentPlots(): PlotSpec[] {
  return [
    {
      name: "surface-pressure",
      title: "Excess interfacial pressure on a quarter of the unit cell, at the reference current",
      spec: heatMap({
        data: "surface",
        x: { expression: "datum.x_m * 1e6", title: "x (µm)" },
        y: { expression: "datum.y_m * 1e6", title: "y (µm)" },
        value: {
          expression: "datum.excessPressure_Pa / 1e6",
          title: "P − P_stack (MPa)",
          // Signed: compression above the stack pressure in red, relief below it in blue.
          diverging: true,
        },
        // Nodes lie on the edges of the quarter cell: the map stops there.
        edges: "clamp",
        width: 360,
        height: 360,
      }),
    },
    {
      name: "excess-pressure",
      title: "Excess interfacial pressure along the section y = S/2, trough (x = 0) to peak",
      spec: linePlot({
        data: "section",
        x: { expression: "datum.x_m * 1e6", title: "x (µm)" },
        y: { expression: "datum.excessPressure_Pa / 1e6", title: "P - P_stack (MPa)" },
      }),
    },
    {
      name: "section-current",
      title: "Local / geometric current along the same section",
      spec: linePlot({
        data: "section",
        x: { expression: "datum.x_m * 1e6", title: "x (µm)" },
        y: { expression: "datum.currentRatio", title: "i / i_geo" },
      }),
    },
  ];
}
