import {
  type ColumnRule,
  CyclingAnalyser,
  type CyclingAnalysis,
  fixedCapacityProtocol,
  type HalfCellModel,
  reservoirCoulombicEfficiency,
  reservoirProtocol,
  synthesizeHalfCell,
} from "../../cell/index.js";
import { inputError } from "../../errors.js";
import { streamColumns } from "../cellData.js";
import type { RunContext, Series, StudyOutput } from "../types.js";
import type { CyclingParams, HalfCellInput } from "./schema.js";

export const CYCLER_COLUMNS: ColumnRule[] = [
  { field: "time", siUnit: "s", aliases: ["test time", "time", "time/s", "total time", "t"], required: true },
  { field: "current", siUnit: "A", aliases: ["current", "<i>", "i", "current (a)"], required: true },
  {
    field: "voltage",
    siUnit: "V",
    aliases: ["voltage", "ewe", "<ewe>", "ecell", "potential", "u"],
    required: true,
  },
];

export function halfCellModel(cell: HalfCellInput, area_m2: number): HalfCellModel {
  return {
    area_m2,
    resistance_ohm_m2: cell.resistance,
    exchangeCurrentDensity_A_m2: cell.exchangeCurrentDensity,
    temperature_K: cell.temperature,
    nucleationOverpotential_V: cell.nucleationOverpotential,
    nucleationTime_s: cell.nucleationTime,
    coulombicEfficiency: cell.coulombicEfficiency,
    shortAt_s: cell.shortAt ?? null,
    shortFactor: 0.05,
    initialLithium_C_m2: 0,
    failureCurrent_A_m2: null,
    sampleInterval_s: cell.sampleInterval,
  };
}

export function analyseCycling(
  params: CyclingParams,
  context: RunContext,
  dropThreshold_V = 0.002,
): CyclingAnalysis {
  const platingSign =
    (params.platingCurrent ?? (params.cellType === "half" ? "negative" : "positive")) === "negative" ? -1 : 1;
  const analyser = new CyclingAnalyser({
    area_m2: params.area,
    platingSign,
    zeroCurrent_A: params.zeroCurrent,
    shortRatio: params.shortRatio,
    dropThreshold_V,
    traceLimit: 4000,
  });
  const data = params.data;
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
    streamColumns(data, context, CYCLER_COLUMNS, (v, line) => analyser.push(v[0], v[1], v[2], line));
  }
  return analyser.finish();
}

export function runCycling(params: CyclingParams, context: RunContext): StudyOutput {
  const analysis = analyseCycling(params, context);
  const { cycles } = analysis;
  if (cycles.length === 0)
    throw inputError("data", "no complete cycle (a plating step followed by a stripping step)");
  const protocol =
    params.protocol ?? ("synthetic" in params.data ? params.data.synthetic.protocol : "fixed-capacity");
  const first = cycles[0];
  const short = cycles.find((c) => c.shortCircuit);
  const reference = cycles[Math.min(params.referenceCycle, cycles.length) - 1];
  const last = cycles[cycles.length - 1];
  const later = cycles.slice(1);
  const metrics: Record<string, unknown> = {
    cycleCount: cycles.length,
    firstCycleCoulombicEfficiency: first.coulombicEfficiency,
    // Plate/strip pairs of the reservoir protocol have unequal capacities: only its own CE is meaningful.
    meanCoulombicEfficiency:
      later.length && protocol !== "reservoir"
        ? later.reduce((s, c) => s + c.coulombicEfficiency, 0) / later.length
        : null,
    cumulatedCapacityLoss_C_m2: cycles.reduce(
      (s, c) => s + c.platedCapacity_C_m2 - c.strippedCapacity_C_m2,
      0,
    ),
    nucleationOverpotential_V: first.nucleationOverpotential_V,
    platingOverpotential_V: first.platingOverpotential_V,
    strippingOverpotential_V: first.strippingOverpotential_V,
    shortCircuitCycle: short ? short.cycle : null,
    capacityRetention: last.strippedCapacity_C_m2 / reference.strippedCapacity_C_m2,
    reservoirCoulombicEfficiency:
      protocol === "reservoir" ? reservoirCoulombicEfficiency(analysis.steps).value : null,
  };
  const table: Series = {
    cycle: [],
    platedCapacity_C_m2: [],
    strippedCapacity_C_m2: [],
    coulombicEfficiency: [],
    platingOverpotential_V: [],
    strippingOverpotential_V: [],
    nucleationOverpotential_V: [],
    shortCircuit: [],
    endTime_s: [],
  };
  for (const c of cycles) {
    for (const key of Object.keys(table)) {
      const value = c[key as keyof typeof c];
      table[key].push(typeof value === "boolean" ? Number(value) : (value as number));
    }
  }
  context.onProgress?.(1);
  return {
    metrics,
    series: { cycles: table, voltageTrace: { ...analysis.trace } },
    diagnostics: { iterations: 0, residual: 0, rows: analysis.rows, steps: analysis.steps.length },
  };
}
