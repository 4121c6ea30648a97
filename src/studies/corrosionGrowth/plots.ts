import { pointsAndCurve } from "../plotSpecs.js";
import type { PlotSpec, StudyResult } from "../types.js";
import type { CorrosionGrowthParams } from "./schema.js";

// Legend label of a series: its temperature in degrees Celsius, as the paper states them.
const celsius = "format(datum.temperature_K - 273.15, '.0f') + ' °C'";

export function corrosionGrowthPlots(result: StudyResult): PlotSpec[] {
  return [
    {
      name: "growth",
      title: `Corrosion-layer thickness and the two fitted growth laws: ${result.name}`,
      spec: pointsAndCurve({
        data: "growth",
        x: { expression: "datum.time_s / 86400", title: "Time (d)" },
        y: { expression: "datum.thickness_m * 1e9", title: "Thickness (nm)" },
        curve: {
          data: "laws",
          x: "datum.time_s / 86400",
          y: "datum.value * 1e9",
          fold: {
            columns: ["linear_m", "parabolic_m"],
            labels: { linear_m: "linear law", parabolic_m: "parabolic law" },
            title: "fitted law",
          },
        },
        group: {
          points: celsius,
          curve: celsius,
          title: "temperature",
          order: [...new Set((result.inputs as CorrosionGrowthParams).series.map((s) => s.temperature))]
            .sort((a, b) => a - b)
            .map((t) => `${(t - 273.15).toFixed(0)} °C`),
        },
      }),
    },
  ];
}
