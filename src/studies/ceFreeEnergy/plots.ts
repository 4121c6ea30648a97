import { Axis, linePlot } from "../plotSpecs.js";
import type { PlotSpec, StudyResult } from "../types.js";

export function ceFreeEnergyPlots(result: StudyResult): PlotSpec[] {
  return Object.keys(result.series).flatMap((name) => {
    if (name.startsWith("freeEnergy_")) {
      const columns = Object.keys(result.series[name]).filter((c) => c !== "x");
      return [
        {
          name: name.replace("_", "-"),
          title: `Formation free energy at ${name.slice(11)}`,
          spec: linePlot({
            data: name,
            x: { expression: "datum.x", title: "x_Li" },
            y: { expression: "datum.value * 1000", title: "Formation free energy (meV/atom)" },
            fold: {
              columns,
              labels: Object.fromEntries(columns.map((c) => [c, c.replace("_formation_eV_per_atom", "")])),
            },
          }),
        },
      ];
    }
    if (name.startsWith("potential_")) {
      return [
        {
          name: name.replace("_", "-"),
          title: `Equilibrium lithiation potential at ${name.slice(10)}`,
          spec: linePlot({
            data: name,
            x: Axis.log({ expression: "datum.y", title: "y in MLi_y" }),
            y: { expression: "datum.equilibrium_V * 1000", title: "Potential vs Li (mV)" },
          }),
        },
      ];
    }
    return [];
  });
}
