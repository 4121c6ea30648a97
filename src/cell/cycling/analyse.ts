import { inputError } from "../../errors.js";
import { type StepKind, type StepSummary, StepTracker } from "./steps.js";

export interface CyclingOptions {
  /** Electrode area (m^2): capacities are reported per area. */
  area_m2: number;
  /** Sign of the current while Li plates on the working electrode (half cell: -1; full-cell charge: +1). */
  platingSign: 1 | -1;
  /** |I| at or below this is rest (A). */
  zeroCurrent_A: number;
  /** A step whose |V| falls below this fraction of its early plateau is a short circuit. */
  shortRatio: number;
  /** A sudden drop of |V| by this much marks a dendrite short in critical-current ramps. */
  dropThreshold_V: number;
  /** At most this many points are kept for the voltage-time trace (bounded memory). */
  traceLimit: number;
}

export interface CycleSummary {
  cycle: number;
  platedCapacity_C_m2: number;
  strippedCapacity_C_m2: number;
  coulombicEfficiency: number;
  /** |plateau voltage| of the plating and stripping steps (half cells: overpotentials vs Li). */
  platingOverpotential_V: number;
  strippingOverpotential_V: number;
  /** Dip of the plating voltage below its plateau at the start (Wang2024 Fig. 2a). */
  nucleationOverpotential_V: number;
  platingCurrentDensity_A_m2: number;
  shortCircuit: boolean;
  endTime_s: number;
}

export interface CyclingAnalysis {
  steps: StepSummary[];
  cycles: CycleSummary[];
  trace: { time_s: number[]; voltage_V: number[]; current_A: number[] };
  rows: number;
}

/**
 * Streaming analysis of a galvanostatic record: push rows in time order, then `finish()`. Memory is
 * bounded by one step plus a decimated trace, so a million-row file streams through. A cycle is a
 * plating step and the stripping step after it; rests between them are skipped.
 */
export class CyclingAnalyser {
  private readonly options: CyclingOptions;
  private readonly tracker: StepTracker;
  private readonly steps: StepSummary[] = [];
  private readonly trace = { time_s: [] as number[], voltage_V: [] as number[], current_A: [] as number[] };
  private traceStride = 1;
  private rows = 0;
  private lastTime = Number.NEGATIVE_INFINITY;
  private last = { time: 0, current: 0, voltage: 0, kind: "rest" as StepKind, recorded: false };

  constructor(options: CyclingOptions) {
    this.options = options;
    this.tracker = new StepTracker(options, (step) => this.steps.push(step));
  }

  push(time: number, current: number, voltage: number, line?: number): void {
    const where = line === undefined ? `row ${this.rows + 1}` : `line ${line}`;
    if (!Number.isFinite(time) || !Number.isFinite(current) || !Number.isFinite(voltage)) {
      throw inputError("data", `${where}: time, current and voltage must be numbers`);
    }
    if (time < this.lastTime) {
      throw inputError(
        "data",
        `${where}: time goes backwards (${time} s after ${this.lastTime} s); expected non-decreasing time`,
      );
    }
    this.lastTime = time;
    const { zeroCurrent_A, platingSign } = this.options;
    const kind: StepKind =
      Math.abs(current) <= zeroCurrent_A ? "rest" : Math.sign(current) === platingSign ? "plate" : "strip";
    this.tracker.push(time, current, voltage, kind);
    // Step ends carry the extremes (cut-off, nucleation dip): keep them in the trace.
    const boundary = this.rows > 0 && kind !== this.last.kind;
    if (boundary && !this.last.recorded) this.record(this.last.time, this.last.current, this.last.voltage);
    const keep = boundary || this.rows % this.traceStride === 0;
    if (keep) this.record(time, current, voltage);
    this.last = { time, current, voltage, kind, recorded: keep };
    this.rows++;
  }

  private record(time: number, current: number, voltage: number): void {
    this.trace.time_s.push(time);
    this.trace.voltage_V.push(voltage);
    this.trace.current_A.push(current);
    if (this.trace.time_s.length >= this.options.traceLimit) {
      // Keep every other point and sample half as often from now on.
      for (const column of [this.trace.time_s, this.trace.voltage_V, this.trace.current_A]) {
        let w = 0;
        for (let r = 0; r < column.length; r += 2) column[w++] = column[r];
        column.length = w;
      }
      this.traceStride *= 2;
    }
  }

  finish(): CyclingAnalysis {
    this.tracker.close();
    if (this.rows > 0 && !this.last.recorded)
      this.record(this.last.time, this.last.current, this.last.voltage);
    if (this.rows === 0) throw inputError("data", "no data rows");
    const area = this.options.area_m2;
    const cycles: CycleSummary[] = [];
    const working = this.steps.filter((s) => s.kind !== "rest");
    if (working.length === 0)
      throw inputError("data", "the current is zero throughout: no plating or stripping step found");
    for (let k = 0; k < working.length; k++) {
      const plate = working[k];
      const strip = working[k + 1];
      if (plate.kind !== "plate" || !strip || strip.kind !== "strip") continue;
      const plated = plate.charge_C / area;
      const stripped = strip.charge_C / area;
      cycles.push({
        cycle: cycles.length + 1,
        platedCapacity_C_m2: plated,
        strippedCapacity_C_m2: stripped,
        coulombicEfficiency: plated > 0 ? stripped / plated : Number.NaN,
        platingOverpotential_V: Math.abs(plate.plateauVoltage_V),
        strippingOverpotential_V: Math.abs(strip.plateauVoltage_V),
        nucleationOverpotential_V: plate.initialExcursion_V,
        platingCurrentDensity_A_m2: plate.meanCurrent_A / area,
        shortCircuit: plate.shortTime_s !== null || strip.shortTime_s !== null,
        endTime_s: strip.endTime_s,
      });
      k++;
    }
    return { steps: this.steps, cycles, trace: this.trace, rows: this.rows };
  }
}

/**
 * Coulombic efficiency of the reservoir protocol (Wang2024 section 2; Adams et al., Adv. Energy
 * Mater. 8 (2018) 1702097): after a formation cycle, a reservoir Q_T is plated, n cycles strip and
 * re-plate, and a final strip empties what is left. From cumulative capacities counted from the
 * reservoir on: CE = (sum of stripped charges) / (sum of plated charges).
 */
export function reservoirCoulombicEfficiency(steps: StepSummary[]): { value: number; cycles: number } {
  const working = steps.filter((s) => s.kind !== "rest");
  // Formation: the first plate and strip; the reservoir is the next plating step.
  const reservoir = working.findIndex((s, k) => k >= 2 && s.kind === "plate");
  if (reservoir < 0 || working[0].kind !== "plate" || working[1].kind !== "strip") {
    throw inputError("protocol", "expected formation plate, formation strip, then a reservoir plating step");
  }
  let plated = 0;
  let stripped = 0;
  let cycles = 0;
  for (const step of working.slice(reservoir)) {
    if (step.kind === "plate") plated += step.charge_C;
    else {
      stripped += step.charge_C;
      cycles++;
    }
  }
  return { value: stripped / plated, cycles: cycles - 1 };
}
