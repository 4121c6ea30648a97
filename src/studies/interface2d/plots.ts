import { linePlot } from "../plotSpecs.js";
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
      title: "Plating current along the collector (Xie2024 Fig. 8b, lower panel)",
      spec: linePlot({ data: "collectorCurrent", x: xAxis, y: currentAxis }),
    },
    {
      name: "collector-overpotential",
      title: "Overpotential along the collector (Xie2024 Fig. 8b, upper panel)",
      spec: linePlot({
        data: "collectorCurrent",
        x: xAxis,
        y: { expression: "datum.overpotential_V * 1000", title: "Overpotential η (mV)" },
      }),
    },
    {
      name: "potential-map",
      title: "Ionic potential in the layer",
      spec: {
        $schema: "https://vega.github.io/schema/vega-lite/v6.json",
        width: 560,
        height: 220,
        data: { name: "potentialField" },
        transform: [
          { calculate: "datum.x_m * 1e6", as: "x" },
          { calculate: "datum.y_m * 1e6", as: "y" },
          { calculate: "datum.potential_V * 1000", as: "potential" },
        ],
        mark: { type: "square", size: 14, opacity: 1 },
        encoding: {
          x: { field: "x", type: "quantitative", title: "x (µm)" },
          y: { field: "y", type: "quantitative", title: "y (µm)" },
          color: { field: "potential", type: "quantitative", title: "φ (mV)", scale: { scheme: "viridis" } },
        },
      },
    },
  ];
}
