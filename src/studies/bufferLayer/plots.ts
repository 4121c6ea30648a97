import { linePlot } from "../plotSpecs.js";
import type { PlotSpec, StudyResult } from "../types.js";

const minutes = { expression: "datum.time_s / 60", title: "Time (min)" };

/** Figures like Xie2024 Figs 6b-d and 7a, 7c, 7d. */
export function bufferLayerPlots(_result: StudyResult): PlotSpec[] {
  const potentials = linePlot({
    data: "history",
    x: minutes,
    y: { expression: "datum.value * 1e3", title: "Potential vs Li/Li+ (mV)", scale: { domain: [-2, 10] } },
    fold: {
      columns: ["particlePotential_V", "bulkEquilibriumPotential_V", "particleEquilibriumPotential_V"],
      labels: {
        particlePotential_V: "particle (with overpotentials)",
        bulkEquilibriumPotential_V: "bulk equilibrium (all charge alloyed)",
        particleEquilibriumPotential_V: "particle equilibrium U(y)",
      },
    },
  });
  (potentials.mark as Record<string, unknown>).clip = true;
  return [
    { name: "potentials", title: "Particle potential and equilibrium potential (Fig 6b)", spec: potentials },
    {
      name: "current-fractions",
      title: "Share of the Li current into the particles, onto BL/CC and onto BL/SE (Fig 6c-d)",
      spec: linePlot({
        data: "history",
        x: minutes,
        y: { expression: "datum.value", title: "Fraction of the applied current" },
        fold: {
          columns: ["particleFraction", "collectorFraction", "electrolyteFraction"],
          labels: { particleFraction: "particles", collectorFraction: "BL/CC", electrolyteFraction: "BL/SE" },
        },
      }),
    },
    {
      name: "alloy-volume",
      title: "Alloy volume in the layer and the level at which the pores are full (Fig 7a)",
      spec: linePlot({
        data: "history",
        x: minutes,
        y: { expression: "datum.value * 100", title: "Volume of the layer (%)" },
        fold: {
          columns: ["alloyVolumeFraction", "fillLevel"],
          labels: { alloyVolumeFraction: "alloy", fillLevel: "pores + metal (full)" },
        },
      }),
    },
    {
      name: "pressure",
      title: "Hydrostatic pressure in the layer and the pressures that open each interface (Fig 7c)",
      spec: linePlot({
        data: "history",
        x: minutes,
        y: { expression: "datum.value / 1e6", title: "Pressure (MPa)" },
        fold: {
          columns: ["pressure_Pa", "separationPressureCC_Pa", "separationPressureSE_Pa"],
          labels: {
            pressure_Pa: "pressure",
            separationPressureCC_Pa: "BL/CC adhesion + stack",
            separationPressureSE_Pa: "BL/SE adhesion + stack",
          },
        },
      }),
    },
    {
      name: "thickness",
      title: "Li plated on each interface and alloy extruded out of the layer (Fig 7d)",
      spec: linePlot({
        data: "history",
        x: minutes,
        y: { expression: "datum.value * 1e6", title: "Thickness (µm)" },
        fold: {
          columns: ["lithiumThicknessCC_m", "lithiumThicknessSE_m", "extrudedAlloyThickness_m"],
          labels: {
            lithiumThicknessCC_m: "Li on BL/CC",
            lithiumThicknessSE_m: "Li on BL/SE",
            extrudedAlloyThickness_m: "extruded alloy",
          },
        },
      }),
    },
  ];
}
