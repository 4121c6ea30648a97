import { heatMap, linePlot } from "../plotSpecs.js";
import type { PlotSpec } from "../types.js";

export const xAxis = { expression: "datum.x_m * 1e6", title: "x (µm)" };
export const currentAxis = {
  expression: "datum.currentDensity_A_m2 / 10",
  title: "Li current density (mA/cm²)",
  scale: { zero: false },
};

export function interface2dPlots(): PlotSpec[] {
  return [
    {
      name: "collector-current",
      title: "Plating current along the collector",
      spec: linePlot({ data: "collectorCurrent", x: xAxis, y: currentAxis }),
    },
    {
      name: "collector-overpotential",
      title: "Overpotential along the collector",
      spec: linePlot({
        data: "collectorCurrent",
        x: xAxis,
        y: { expression: "datum.overpotential_V * 1000", title: "Overpotential η (mV)" },
      }),
    },
    {
      name: "potential-map",
      title: "Ionic potential in the layer (height stretched)",
      spec: heatMap({
        data: "potentialField",
        x: xAxis,
        y: { expression: "datum.y_m * 1e6", title: "y (µm)" },
        value: { expression: "datum.potential_V * 1000", title: "φ (mV)" },
        // The field's nodes lie on the collector and the top of the layer: the map ends there.
        edges: "clamp",
        width: 560,
        height: 220,
      }),
    },
  ];
}
