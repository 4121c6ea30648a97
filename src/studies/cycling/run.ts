import type { CycleSummary, HalfCycleCurves } from "../../cell/index.js";
import {
  type ColumnRule,
  CYCLE_STEP_RULES,
  CyclingAnalyser,
  type CyclingAnalysis,
  cycleWarnings,
  fixedCapacityProtocol,
  type ReadSummary,
  reservoirCoulombicEfficiency,
  reservoirProtocol,
  synthesizeHalfCell,
} from "../../cell/index.js";
import { inputError } from "../../errors.js";
import { CYCLER_COLUMNS, streamColumns, unitWarnings } from "../shared/cellData.js";
import { halfCellModel } from "../shared/halfCell.js";
import type { RunContext, Series, StudyOutput } from "../types.js";
import { signWarning } from "./readWarnings.js";
import type { CyclingParams } from "./schema.js";

/** The cycler columns plus the file's own cycle counter, which defines the cycles when present. */
const CYCLING_COLUMNS: ColumnRule[] = [
  ...CYCLER_COLUMNS,
  ...CYCLE_STEP_RULES.filter((r) => r.field === "cycle"),
];

/** Analysis of the data; its `warnings` also name what the reading had to guess. */
export function analyseCycling(
  params: CyclingParams,
  context: RunContext,
  dropThreshold_V = 0.002,
): CyclingAnalysis {
  const guessedSign = params.cellType === "half" ? "negative" : "positive";
  const platingSign = (params.platingCurrent ?? guessedSign) === "negative" ? -1 : 1;
  const analyser = new CyclingAnalyser({
    area_m2: params.area,
    platingSign,
    zeroCurrent_A: params.zeroCurrent,
    shortRatio: params.shortRatio,
    dropThreshold_V,
    traceLimit: 4000,
    minStepFraction: params.minStepFraction,
    binWidth_V: params.dqdvBinWidth,
    backwardsTime: "warn",
  });
  const data = params.data;
  let summary: ReadSummary | undefined;
  if ("synthetic" in data) {
    const s = data.synthetic;
    const protocol =
      s.protocol === "reservoir"
        ? reservoirProtocol(s.currentDensity, s.formation, s.reservoir, s.capacity, s.cycles, s.cutoff)
        : fixedCapacityProtocol(s.currentDensity, s.capacity, s.cycles, s.cutoff);
    for (const row of synthesizeHalfCell(halfCellModel(s.cell, params.area), protocol)) {
      analyser.push(row.time_s, platingSign * -row.current_A, row.voltage_V);
    }
  } else {
    summary = streamColumns(data, context, CYCLING_COLUMNS, (v, line) =>
      analyser.push(v[0], v[1], v[2], line, v[3]),
    );
  }
  const analysis = analyser.finish();
  const fields = CYCLER_COLUMNS.map((r) => r.field);
  analysis.warnings.unshift(
    ...unitWarnings(summary, fields),
    ...signWarning(summary, params.platingCurrent, guessedSign),
  );
  return analysis;
}

/** `count` cycles spread evenly over `cycles`, first and last included. */
function spreadCycles(cycles: CycleSummary[], count: number): CycleSummary[] {
  if (cycles.length <= count) return cycles;
  const picked = new Set(
    Array.from({ length: count }, (_, k) => Math.round((k * (cycles.length - 1)) / (count - 1 || 1))),
  );
  return [...picked].map((k) => cycles[k]);
}

/**
 * dQ/dV per area (C/m^2/V) at the bin centres, gaps filled with zeros so a curve returns to the
 * axis between plateaus; and the voltage against the capacity passed in the half cycle.
 */
function curveSeries(cycles: CycleSummary[], area: number, binWidth_V: number): Record<string, Series> {
  const dqdv: Series = { cycle: [], plating: [], voltage_V: [], differentialCapacity_C_m2_V: [] };
  const vq: Series = { cycle: [], plating: [], capacity_C_m2: [], voltage_V: [] };
  for (const c of cycles) {
    const halves: [number, HalfCycleCurves][] = [
      [1, c.curves.plating],
      [0, c.curves.stripping],
    ];
    for (const [plating, curves] of halves) {
      const bins = [...curves.binCharge.keys()];
      if (bins.length > 0) {
        const low = Math.min(...bins);
        const high = Math.max(...bins);
        for (let k = low; k <= high; k++) {
          dqdv.cycle.push(c.cycle);
          dqdv.plating.push(plating);
          dqdv.voltage_V.push((k + 0.5) * binWidth_V);
          dqdv.differentialCapacity_C_m2_V.push((curves.binCharge.get(k) ?? 0) / (binWidth_V * area));
        }
      }
      curves.charge_C.forEach((q, k) => {
        vq.cycle.push(c.cycle);
        vq.plating.push(plating);
        vq.capacity_C_m2.push(q / area);
        vq.voltage_V.push(curves.voltage_V[k]);
      });
    }
  }
  return { differentialCapacity: dqdv, voltageCapacity: vq };
}

export function runCycling(params: CyclingParams, context: RunContext): StudyOutput {
  const analysis = analyseCycling(params, context);
  const protocol =
    params.protocol ?? ("synthetic" in params.data ? params.data.synthetic.protocol : "fixed-capacity");
  const reservoir = protocol === "reservoir" ? reservoirCoulombicEfficiency(analysis.steps) : null;
  // The analyser pairs each plating step with the stripping step after it. In the reservoir protocol
  // only the formation is such a cycle: the other pairs are the reservoir plating with the first
  // strip (CE Q_c/Q_T, 20% for 1 of 5 mAh/cm^2) and the last plating with the final strip that
  // empties the reservoir (CE ~480%). Its cycles strip and re-plate a fixed capacity, so they have
  // no CE of their own: the protocol's CE is the cumulative one.
  const cycles = reservoir ? analysis.cycles.slice(0, 1) : analysis.cycles;
  if (cycles.length === 0)
    throw inputError("data", "no complete cycle (a plating step followed by a stripping step)");
  const first = cycles[0];
  const short = cycles.find((c) => c.shortCircuit);
  const reference = cycles[Math.min(params.referenceCycle, cycles.length) - 1];
  const last = cycles[cycles.length - 1];
  const later = cycles.slice(1);
  const working = analysis.steps.filter((s) => s.kind !== "rest");
  const metrics: Record<string, unknown> = {
    cycleCount: reservoir ? reservoir.cycles : cycles.length,
    firstCycleCoulombicEfficiency: first.coulombicEfficiency,
    meanCoulombicEfficiency: later.length
      ? later.reduce((s, c) => s + c.coulombicEfficiency, 0) / later.length
      : null,
    // Reservoir: everything plated minus everything stripped, the final strip having emptied the cell.
    cumulatedCapacityLoss_C_m2: reservoir
      ? working.reduce((s, step) => s + (step.kind === "plate" ? 1 : -1) * step.charge_C, 0) / params.area
      : cycles.reduce((s, c) => s + c.platedCapacity_C_m2 - c.strippedCapacity_C_m2, 0),
    nucleationOverpotential_V: first.nucleationOverpotential_V,
    platingOverpotential_V: first.platingOverpotential_V,
    strippingOverpotential_V: first.strippingOverpotential_V,
    shortCircuitCycle: short ? short.cycle : null,
    // The reservoir protocol fixes the capacity of every cycle: nothing is retained or lost per cycle.
    capacityRetention: reservoir ? null : last.strippedCapacity_C_m2 / reference.strippedCapacity_C_m2,
    reservoirCoulombicEfficiency: reservoir ? reservoir.value : null,
    cycleSource: analysis.fileCycles ? "file cycle column" : "current sign",
  };
  const table: Series = {
    cycle: [],
    platedCapacity_C_m2: [],
    strippedCapacity_C_m2: [],
    coulombicEfficiency: [],
    platingOverpotential_V: [],
    strippingOverpotential_V: [],
    nucleationOverpotential_V: [],
    platingCurrentDensity_A_m2: [],
    shortCircuit: [],
    endTime_s: [],
  };
  for (const c of cycles) {
    for (const key of Object.keys(table)) {
      const value = c[key as keyof typeof c];
      table[key].push(typeof value === "boolean" ? Number(value) : (value as number));
    }
  }
  const steps: Series = { step: [], plating: [], capacity_C_m2: [], plateauVoltage_V: [], endTime_s: [] };
  working.forEach((step, k) => {
    steps.step.push(k + 1);
    steps.plating.push(step.kind === "plate" ? 1 : 0);
    steps.capacity_C_m2.push(step.charge_C / params.area);
    steps.plateauVoltage_V.push(step.plateauVoltage_V);
    steps.endTime_s.push(step.endTime_s);
  });
  context.onProgress?.(1);
  return {
    metrics,
    series: {
      cycles: table,
      steps,
      voltageTrace: { ...analysis.trace },
      ...curveSeries(spreadCycles(cycles, params.curveCycles), params.area, params.dqdvBinWidth),
    },
    diagnostics: { iterations: 0, residual: 0, rows: analysis.rows, steps: analysis.steps.length },
    warnings: [
      ...analysis.warnings,
      ...analysis.pairingWarnings,
      ...cycleWarnings(cycles, params.minStepFraction),
    ],
  };
}
