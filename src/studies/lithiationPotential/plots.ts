import { Axis, linePlot } from "../plotSpecs.js";
import type { PlotSpec, StudyResult } from "../types.js";

export function lithiationPotentialPlots(result: StudyResult): PlotSpec[] {
  return [
    {
      name: "free-energy",
      title: "Formation free energy of each phase",
      spec: linePlot({
        data: "freeEnergy",
        x: { expression: "datum.x", title: "Li fraction x" },
        y: { expression: "datum.value / 1000", title: "ΔF (kJ/mol)" },
        fold: {
          columns: Object.keys(result.series.freeEnergy ?? {}).filter((c) => c !== "x"),
          labels: Object.fromEntries(
            Object.keys(result.series.freeEnergy ?? {})
              .filter((c) => c !== "x")
              .map((c) => [c, c.replace(/_J_mol$/, "")]),
          ),
        },
      }),
    },
    {
      name: "lithiation-potential",
      title: "Lithiation potential versus y in MLi_y",
      spec: linePlot({
        data: "potential",
        x: Axis.log({ expression: "datum.y", title: "y in MLi_y" }),
        y: { expression: "datum.value * 1000", title: "Potential vs Li (mV)" },
        fold: {
          columns: ["equilibrium_V", "overSaturation_V"],
          labels: { equilibrium_V: "equilibrium", overSaturation_V: "over-saturation" },
        },
      }),
    },
  ];
}
