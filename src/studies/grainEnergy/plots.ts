import { linePlot } from "../plotSpecs.js";
import type { PlotSpec } from "../types.js";

export function grainEnergyPlots(): PlotSpec[] {
  return [
    {
      name: "energies",
      title: "Energy-density differences U(1) − U(2) of the two orientations versus temperature",
      spec: linePlot({
        data: "energies",
        x: { expression: "datum.temperature_K", title: "Temperature (K)" },
        y: { expression: "datum.value / 1000", title: "Energy density (kJ/m³)" },
        fold: {
          columns: ["deltaU_J_m3", "deltaGamma_J_m3", "deltaStrain_J_m3"],
          labels: { deltaU_J_m3: "ΔU", deltaGamma_J_m3: "ΔΓ surface", deltaStrain_J_m3: "ΔF strain" },
        },
      }),
    },
  ];
}
