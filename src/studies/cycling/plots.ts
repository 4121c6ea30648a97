import { linePlot } from "../plotSpecs.js";
import type { PlotSpec } from "../types.js";

export function cyclingPlots(): PlotSpec[] {
  const cycleAxis = { expression: "datum.cycle", title: "Cycle" };
  return [
    {
      name: "voltage",
      title: "Voltage versus time (Wang2024 Fig. 2d)",
      spec: linePlot({
        data: "voltageTrace",
        x: { expression: "datum.time_s / 3600", title: "Time (h)" },
        y: { expression: "datum.voltage_V * 1000", title: "Voltage (mV)" },
      }),
    },
    {
      name: "coulombic-efficiency",
      title: "Coulombic efficiency per cycle (Wang2024 Fig. 2e)",
      spec: linePlot({
        data: "cycles",
        x: cycleAxis,
        y: {
          expression: "datum.coulombicEfficiency * 100",
          title: "Coulombic efficiency (%)",
          scale: { zero: false },
        },
        points: true,
      }),
    },
    {
      name: "overpotentials",
      title: "Plating and stripping overpotentials (Wang2024 Fig. 2i)",
      spec: linePlot({
        data: "cycles",
        x: cycleAxis,
        y: { expression: "datum.value * 1000", title: "Overpotential (mV)" },
        fold: {
          columns: ["platingOverpotential_V", "strippingOverpotential_V"],
          labels: { platingOverpotential_V: "plating", strippingOverpotential_V: "stripping" },
        },
        points: true,
      }),
    },
  ];
}
