import { Axis, linePlot } from "../plotSpecs.js";
import { voltagePlot } from "../shared/voltagePlot.js";
import type { PlotSpec, StudyResult } from "../types.js";

const cycleAxis = Axis.integer({ expression: "datum.cycle", title: "Cycle" });

/** One curve per cycle and half (plating, stripping), legend in cycle order. */
const perHalfCycle = {
  expression: "'cycle ' + datum.cycle + (datum.plating ? ' plating' : ' stripping')",
  title: "cycle",
  sortBy: "cycle",
};

/** dQ/dV and voltage against capacity for a few cycles, as cellpy and BEEP users read them. */
function curvePlots(result: StudyResult): PlotSpec[] {
  const width = (1000 * (result.inputs as { dqdvBinWidth: number }).dqdvBinWidth).toPrecision(2);
  return [
    {
      name: "differential-capacity",
      title: `Differential capacity dQ/dV (${width} mV bins): ${result.name}`,
      spec: linePlot({
        data: "differentialCapacity",
        x: { expression: "datum.voltage_V", title: "Voltage (V)" },
        y: { expression: "datum.differentialCapacity_C_m2_V / 36000", title: "dQ/dV (mAh/cm²/V)" },
        color: perHalfCycle,
      }),
    },
    {
      name: "voltage-capacity",
      title: `Voltage against capacity per half cycle: ${result.name}`,
      spec: linePlot({
        data: "voltageCapacity",
        x: { expression: "datum.capacity_C_m2 / 36000", title: "Capacity (mAh/cm²)" },
        y: { expression: "datum.voltage_V", title: "Voltage (V)" },
        color: perHalfCycle,
      }),
    },
  ];
}

export function cyclingPlots(result: StudyResult): PlotSpec[] {
  const voltage = voltagePlot("voltage", `Voltage versus time: ${result.name}`, result.series.voltageTrace);
  if (result.metrics.reservoirCoulombicEfficiency !== null) {
    const ce = (100 * (result.metrics.reservoirCoulombicEfficiency as number)).toFixed(2);
    return [
      voltage,
      {
        // Per-cycle CE does not exist in this protocol: the capacities it is computed from do.
        name: "step-capacities",
        title: `Charge per step, reservoir CE ${ce}%: ${result.name}`,
        spec: linePlot({
          data: "steps",
          x: Axis.integer({ expression: "datum.step", title: "Step" }),
          y: { expression: "datum.capacity_C_m2 / 36000", title: "Capacity (mAh/cm²)" },
          color: { expression: "datum.plating ? 'plating' : 'stripping'", title: "step" },
          pointsOnly: true,
        }),
      },
      ...curvePlots(result),
    ];
  }
  return [
    voltage,
    {
      name: "coulombic-efficiency",
      title: `Coulombic efficiency per cycle: ${result.name}`,
      spec: linePlot({
        data: "cycles",
        x: cycleAxis,
        y: Axis.percent({
          expression: "datum.coulombicEfficiency",
          title: "Coulombic efficiency",
          scale: { zero: false },
        }),
        points: true,
      }),
    },
    {
      name: "overpotentials",
      title: `Plating and stripping overpotentials: ${result.name}`,
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
    ...curvePlots(result),
  ];
}
