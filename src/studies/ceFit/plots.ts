import { Axis, linePlot } from "../plotSpecs.js";
import type { PlotSpec } from "../types.js";

export function ceFitPlots(): PlotSpec[] {
  return [
    {
      name: "parity",
      title: "Cluster expansion against reference energies",
      spec: linePlot({
        data: "parity",
        x: { expression: "datum.reference_eV_per_atom * 1000", title: "Reference energy (meV/atom)" },
        y: { expression: "datum.fitted_eV_per_atom * 1000", title: "Cluster expansion (meV/atom)" },
        pointsOnly: true,
      }),
    },
    {
      name: "cross-validation",
      title: "Five-fold cross-validation error against the lasso alpha",
      spec: linePlot({
        data: "crossValidation",
        x: Axis.log({ expression: "datum.alpha", title: "alpha (eq 1, eV units)" }),
        y: { expression: "datum.cv_meV_per_atom", title: "CV error (meV/atom)" },
        points: true,
      }),
    },
  ];
}
