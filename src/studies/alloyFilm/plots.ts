import { Axis, linePlot } from "../plotSpecs.js";
import type { PlotSpec, StudyResult } from "../types.js";

export const distanceAxis = { expression: "datum.position_m * 1e6", title: "Distance from electrolyte (µm)" };
export const concentrationAxis = {
  expression: "datum.concentration_mol_m3 / 1000",
  title: "Li concentration (mmol/cm³)",
};

export function alloyFilmPlots(result: StudyResult): PlotSpec[] {
  const plots: PlotSpec[] = [
    {
      name: "concentration-profiles",
      title: "Li concentration in the film up to surface saturation",
      spec: linePlot({
        data: "concentrationProfiles",
        x: distanceAxis,
        y: concentrationAxis,
        color: { expression: "format(datum.time_s, '.4~r') + ' s'", title: "Time", sortBy: "time_s" },
      }),
    },
  ];
  if (result.series.utilizationMap) {
    plots.push({
      name: "utilization-map",
      title: "Film utilization at surface saturation",
      spec: linePlot({
        data: "utilizationMap",
        x: Axis.log({ expression: "datum.diffusivity_m2_s * 1e4", title: "Li diffusivity (cm²/s)" }),
        y: Axis.percent({ expression: "datum.utilization", title: "Utilization θ" }, { full: true }),
        color: {
          expression: "format(datum.currentDensity_A_m2 / 10, '.3~r') + ' mA/cm²'",
          title: "Current density",
          sortBy: "currentDensity_A_m2",
        },
        points: true,
      }),
    });
  }
  if (result.series.chemoMechanicalPotential) {
    plots.push({
      name: "chemo-mechanical-potential",
      title: "Li open-circuit potential under mechanical constraint",
      spec: linePlot({
        data: "chemoMechanicalPotential",
        x: { expression: "datum.position_m * 1e9", title: "Distance from electrolyte (nm)" },
        y: { expression: "datum.value * 1000", title: "Potential (mV)" },
        fold: {
          columns: ["chemicalPotential_V", "mechanicalPotential_V", "totalPotential_V"],
          labels: {
            chemicalPotential_V: "chemical −μ/F",
            mechanicalPotential_V: "mechanical −E_e/F",
            totalPotential_V: "total",
          },
        },
      }),
    });
  }
  return plots;
}
