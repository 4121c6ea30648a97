import type { ReadSummary } from "../../cell/index.js";
import { CyclingAnalyser, ccdRampProtocol, synthesizeHalfCell } from "../../cell/index.js";
import { inputError } from "../../errors.js";
import { CYCLER_COLUMNS, streamColumns, unitWarnings } from "../shared/cellData.js";
import { halfCellModel } from "../shared/halfCell.js";
import type { RunContext, Series, StudyOutput } from "../types.js";
import type { CcdRampParams } from "./schema.js";

/**
 * Critical-current ramp (Zhang2024 Methods): the critical current density is the plating current of
 * the first plating step in which the voltage drops suddenly by the threshold (2 mV).
 */
export function runCcdRamp(params: CcdRampParams, context: RunContext): StudyOutput {
  const platingSign = params.platingCurrent === "negative" ? -1 : 1;
  const analyser = new CyclingAnalyser({
    area_m2: params.area,
    platingSign,
    zeroCurrent_A: params.zeroCurrent,
    shortRatio: 0.25,
    dropThreshold_V: params.dropThreshold,
    traceLimit: 4000,
    backwardsTime: "warn",
  });
  const data = params.data;
  let summary: ReadSummary | undefined;
  if ("synthetic" in data) {
    const s = data.synthetic;
    const model = {
      ...halfCellModel(s.cell, params.area),
      // Li|SE|Li: both electrodes hold ample Li, so stripping never depletes and no nucleation dip.
      initialLithium_C_m2: Number.POSITIVE_INFINITY,
      failureCurrent_A_m2: s.failure.type === "current-threshold" ? s.failure.criticalCurrent : null,
    };
    const protocol = ccdRampProtocol(s.startCurrent, s.currentStep, s.stripCurrent, s.capacity, s.cycles);
    for (const row of synthesizeHalfCell(model, protocol))
      analyser.push(row.time_s, platingSign * -row.current_A, row.voltage_V);
  } else {
    summary = streamColumns(data, context, CYCLER_COLUMNS, (v, line) =>
      analyser.push(v[0], v[1], v[2], line),
    );
  }
  const analysis = analyser.finish();
  const plating = analysis.steps.filter((s) => s.kind === "plate");
  if (plating.length === 0) throw inputError("data", "no plating step found (check data.platingCurrent)");
  const failed = plating.find((s) => s.dropTime_s !== null);
  const table: Series = { cycle: [], platingCurrentDensity_A_m2: [], voltageDrop: [], plateauVoltage_V: [] };
  plating.forEach((s, k) => {
    table.cycle.push(k + 1);
    table.platingCurrentDensity_A_m2.push(s.meanCurrent_A / params.area);
    table.voltageDrop.push(s.dropTime_s === null ? 0 : 1);
    table.plateauVoltage_V.push(s.plateauVoltage_V);
  });
  context.onProgress?.(1);
  return {
    metrics: {
      criticalCurrentDensity_A_m2: failed ? failed.meanCurrent_A / params.area : null,
      failureCycle: failed ? plating.indexOf(failed) + 1 : null,
      failureTime_s: failed ? failed.dropTime_s : null,
      highestSurvivedCurrentDensity_A_m2: Math.max(
        0,
        ...plating
          .filter((s) => s.dropTime_s === null && (!failed || s.index < failed.index))
          .map((s) => s.meanCurrent_A / params.area),
      ),
    },
    series: { platingSteps: table, voltageTrace: { ...analysis.trace } },
    diagnostics: { iterations: 0, residual: 0, rows: analysis.rows },
    // The ramp reads plating steps, not cycles: the cycle pairing's warnings do not apply.
    warnings: [...unitWarnings(summary, ["time", "current", "voltage"]), ...analysis.warnings],
  };
}
