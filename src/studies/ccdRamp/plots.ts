import { linePlot } from "../plotSpecs.js";
import { voltagePlot } from "../shared/voltagePlot.js";
import type { PlotSpec, StudyResult } from "../types.js";

export function ccdRampPlots(result: StudyResult): PlotSpec[] {
  return [
    voltagePlot(
      "ramp-voltage",
      `Voltage during the current ramp: ${result.name}`,
      result.series.voltageTrace,
    ),
    {
      name: "plating-steps",
      title: `Plating plateau per step (drops mark failure): ${result.name}`,
      spec: linePlot({
        data: "platingSteps",
        x: {
          expression: "datum.platingCurrentDensity_A_m2 / 10",
          title: "Plating current density (mA/cm²)",
          scale: { zero: true },
        },
        y: {
          expression: "datum.plateauVoltage_V * 1000",
          title: "Plateau voltage (mV)",
          minimumSpan: { absolute: 1 },
        },
        points: true,
      }),
    },
  ];
}
