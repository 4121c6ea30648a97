import { Axis, linePlot } from "../plotSpecs.js";
import type { PlotSpec, StudyResult } from "../types.js";

const minutes = { expression: "datum.time_s / 60", title: "Time (min)" };

/** Columns of the history against time, one curve per column, named by `labels`. */
function historyPlot(y: Axis, labels: Record<string, string>): Record<string, unknown> {
  return linePlot({ data: "history", x: minutes, y, fold: { columns: Object.keys(labels), labels } });
}

/** Figures like Xie2024 Figs 6b-d and 7a, 7c, 7d. */
export function bufferLayerPlots(_result: StudyResult): PlotSpec[] {
  const potentials = historyPlot(
    { expression: "datum.value * 1e3", title: "Potential vs Li/Li+ (mV)", scale: { domain: [-2, 10] } },
    {
      particlePotential_V: "particle (with overpotentials)",
      bulkEquilibriumPotential_V: "bulk equilibrium (all alloyed)",
      particleEquilibriumPotential_V: "particle equilibrium U(y)",
    },
  );
  return [
    {
      name: "potentials",
      title: "Particle potential and equilibrium potential (axis cut at −2 and 10 mV)",
      spec: potentials,
    },
    {
      name: "current-fractions",
      title: "Share of the Li current into the particles, onto BL/CC and onto BL/SE",
      spec: historyPlot(Axis.percent({ expression: "datum.value", title: "Share of the applied current" }), {
        particleFraction: "particles",
        collectorFraction: "BL/CC",
        electrolyteFraction: "BL/SE",
      }),
    },
    {
      name: "alloy-volume",
      title: "Alloy volume in the layer and the level at which the pores are full",
      spec: historyPlot(Axis.percent({ expression: "datum.value", title: "Volume of the layer" }), {
        alloyVolumeFraction: "alloy",
        fillLevel: "pores + metal (full)",
      }),
    },
    {
      name: "pressure",
      title: "Hydrostatic pressure in the layer and the pressures that open each interface",
      spec: historyPlot(
        { expression: "datum.value / 1e6", title: "Pressure (MPa)" },
        {
          pressure_Pa: "pressure",
          separationPressureCC_Pa: "BL/CC adhesion + stack",
          separationPressureSE_Pa: "BL/SE adhesion + stack",
        },
      ),
    },
    {
      name: "thickness",
      title: "Li plated on each interface and alloy extruded out of the layer",
      spec: historyPlot(
        { expression: "datum.value * 1e6", title: "Thickness (µm)" },
        {
          lithiumThicknessCC_m: "Li on BL/CC",
          lithiumThicknessSE_m: "Li on BL/SE",
          extrudedAlloyThickness_m: "extruded alloy",
        },
      ),
    },
  ];
}
