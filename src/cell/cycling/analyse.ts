import { inputError } from "../../errors.js";
import type { StepCurves } from "./curves.js";
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
  /**
   * Without cycle numbers in the file, steps passing less charge than this fraction of the median
   * step are not half cycles (µA pulses, OCV probes) and are left out of the pairing. Default 0.05.
   */
  minStepFraction?: number;
  /** Voltage bin of the dQ/dV histogram (V); default 5 mV. */
  binWidth_V?: number;
  /** Samples kept per step for voltage-capacity curves; default 200. */
  curvePoints?: number;
  /**
   * A row earlier than the one before: "refuse" (default) stops; "warn" counts it in the warnings
   * and reads it as a restarted clock, continuing from the previous time (no charge in between).
   */
  backwardsTime?: "refuse" | "warn";
}

/** A cycle's plating or stripping half: its steps' dQ/dV bins summed, their curves end to end. */
export type HalfCycleCurves = StepCurves;

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
  curves: { plating: HalfCycleCurves; stripping: HalfCycleCurves };
}

export interface CyclingAnalysis {
  steps: StepSummary[];
  cycles: CycleSummary[];
  /** True when the cycles are the file's own numbered cycles, false when paired from the current sign. */
  fileCycles: boolean;
  /** Implausible data found while reading the rows (time going backwards). */
  warnings: string[];
  /** What the cycle pairing left out (steps below the noise floor). */
  pairingWarnings: string[];
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
  /** Added to the file's time after a restarted clock (backwardsTime "warn"). */
  private timeOffset = 0;
  private backwards = { count: 0, firstWhere: "", firstJump_s: 0 };
  private last = { time: 0, current: 0, voltage: 0, kind: "rest" as StepKind, recorded: false };

  constructor(options: CyclingOptions) {
    this.options = options;
    this.tracker = new StepTracker({ binWidth_V: 0.005, curvePoints: 200, ...options }, (step) =>
      this.steps.push(step),
    );
  }

  /** `cycle`: the file's own cycle number of the row, NaN when the file has none. */
  push(time: number, current: number, voltage: number, line?: number, cycle = Number.NaN): void {
    const where = line === undefined ? `row ${this.rows + 1}` : `line ${line}`;
    if (!Number.isFinite(time) || !Number.isFinite(current) || !Number.isFinite(voltage)) {
      throw inputError("data", `${where}: time, current and voltage must be numbers`);
    }
    time += this.timeOffset;
    if (time < this.lastTime) {
      if (this.options.backwardsTime !== "warn") {
        throw inputError(
          "data",
          `${where}: time goes backwards (${time} s after ${this.lastTime} s); expected non-decreasing time`,
        );
      }
      if (this.backwards.count++ === 0) {
        this.backwards.firstWhere = where;
        this.backwards.firstJump_s = this.lastTime - time;
      }
      this.timeOffset += this.lastTime - time;
      time = this.lastTime;
    }
    this.lastTime = time;
    const { zeroCurrent_A, platingSign } = this.options;
    const kind: StepKind =
      Math.abs(current) <= zeroCurrent_A ? "rest" : Math.sign(current) === platingSign ? "plate" : "strip";
    this.tracker.push(time, current, voltage, kind, cycle);
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
    const working = this.steps.filter((s) => s.kind !== "rest");
    if (working.length === 0)
      throw inputError("data", "the current is zero throughout: no plating or stripping step found");
    const warnings: string[] = [];
    if (this.backwards.count > 0) {
      warnings.push(
        `data: time goes backwards ${this.backwards.count} time(s), first at ${this.backwards.firstWhere} ` +
          `(by ${this.backwards.firstJump_s} s); read as a restarted clock, continuing from the previous time`,
      );
    }
    const fileCycles = working.some((s) => Number.isFinite(s.cycle));
    const pairingWarnings: string[] = [];
    const halves = fileCycles
      ? cyclesFromFile(working, this.options, pairingWarnings)
      : cyclesFromSign(working, this.options, pairingWarnings);
    const cycles = halves.map(([cycle, plate, strip]) =>
      summariseCycle(cycle, plate, strip, this.options.area_m2),
    );
    return {
      steps: this.steps,
      cycles,
      fileCycles,
      warnings,
      pairingWarnings,
      trace: this.trace,
      rows: this.rows,
    };
  }
}

type HalfCycles = [cycle: number, plating: StepSummary[], stripping: StepSummary[]];

/**
 * The file's numbered cycles that hold both a plating and a stripping step, in file order. A cycle
 * holding several plate-strip pairs above the noise floor is named: a procedure that never advances
 * the cycler's counter would otherwise read as one huge cycle.
 */
function cyclesFromFile(working: StepSummary[], options: CyclingOptions, warnings: string[]): HalfCycles[] {
  const byCycle = new Map<number, HalfCycles>();
  for (const step of working) {
    if (!Number.isFinite(step.cycle)) continue;
    const entry = byCycle.get(step.cycle) ?? [step.cycle, [], []];
    byCycle.set(step.cycle, entry);
    entry[step.kind === "plate" ? 1 : 2].push(step);
  }
  const cycles = [...byCycle.values()].filter(([, plate, strip]) => plate.length > 0 && strip.length > 0);
  const floor = (options.minStepFraction ?? 0.05) * weightedMedianCharge(working);
  const crowded = cycles.filter(([, plate, strip]) => {
    const steps = [...plate, ...strip].filter((s) => s.charge_C >= floor).sort((a, b) => a.index - b.index);
    return steps.filter((s, k) => s.kind === "plate" && steps[k + 1]?.kind === "strip").length > 1;
  });
  if (crowded.length > 0) {
    warnings.push(
      `data: ${crowded.length} of the file's cycles (first: cycle ${crowded[0][0]}) hold several plating-stripping ` +
        "pairs; each such cycle is analysed whole, as the file numbers it",
    );
  }
  return cycles;
}

/**
 * Cycles from the current sign: steps below the noise fraction are dropped, runs of same-sign steps
 * are merged (a pulse no longer splits a half cycle) and each plating run is paired with the
 * stripping run after it. The noise level is a fraction of the charge-weighted median step, so
 * that many tiny pulses cannot become the median themselves.
 */
function cyclesFromSign(working: StepSummary[], options: CyclingOptions, warnings: string[]): HalfCycles[] {
  const fraction = options.minStepFraction ?? 0.05;
  const floor = fraction * weightedMedianCharge(working);
  const kept = working.filter((s) => s.charge_C >= floor);
  const dropped = working.length - kept.length;
  if (dropped > 0) {
    warnings.push(
      `data: ${dropped} of ${working.length} current steps pass less than ${100 * fraction}% of the median step's ` +
        `charge (pulses, OCV probes) and are not counted as half cycles (minStepFraction)`,
    );
  }
  const runs: StepSummary[][] = [];
  for (const step of kept) {
    const run = runs[runs.length - 1];
    if (run && run[0].kind === step.kind) run.push(step);
    else runs.push([step]);
  }
  const cycles: HalfCycles[] = [];
  for (let k = 0; k + 1 < runs.length; k++) {
    if (runs[k][0].kind !== "plate") continue;
    cycles.push([cycles.length + 1, runs[k], runs[k + 1]]);
    k++;
  }
  return cycles;
}

/** The step charge below which half of all the charge passed lies. */
function weightedMedianCharge(steps: StepSummary[]): number {
  const charges = steps.map((s) => s.charge_C).sort((a, b) => a - b);
  const half = 0.5 * charges.reduce((s, q) => s + q, 0);
  let sum = 0;
  for (const q of charges) {
    sum += q;
    if (sum >= half) return q;
  }
  return 0;
}

function largest(steps: StepSummary[]): StepSummary {
  return steps.reduce((a, b) => (b.charge_C > a.charge_C ? b : a));
}

function joinCurves(steps: StepSummary[]): HalfCycleCurves {
  const joined: HalfCycleCurves = { binCharge: new Map(), charge_C: [], voltage_V: [] };
  let offset = 0;
  for (const { curves, charge_C } of steps) {
    for (const [bin, q] of curves.binCharge) joined.binCharge.set(bin, (joined.binCharge.get(bin) ?? 0) + q);
    for (const q of curves.charge_C) joined.charge_C.push(offset + q);
    joined.voltage_V.push(...curves.voltage_V);
    offset += charge_C;
  }
  return joined;
}

/** A cycle from its plating and stripping steps; overpotentials are those of the longest step. */
function summariseCycle(
  cycle: number,
  plating: StepSummary[],
  stripping: StepSummary[],
  area: number,
): CycleSummary {
  const plated = plating.reduce((s, step) => s + step.charge_C, 0) / area;
  const stripped = stripping.reduce((s, step) => s + step.charge_C, 0) / area;
  const plate = largest(plating);
  const strip = largest(stripping);
  const all = [...plating, ...stripping];
  return {
    cycle,
    platedCapacity_C_m2: plated,
    strippedCapacity_C_m2: stripped,
    coulombicEfficiency: plated > 0 ? stripped / plated : Number.NaN,
    platingOverpotential_V: Math.abs(plate.plateauVoltage_V),
    strippingOverpotential_V: Math.abs(strip.plateauVoltage_V),
    nucleationOverpotential_V: plating[0].initialExcursion_V,
    platingCurrentDensity_A_m2: plate.meanCurrent_A / area,
    shortCircuit: all.some((s) => s.shortTime_s !== null),
    endTime_s: Math.max(...all.map((s) => s.endTime_s)),
    curves: { plating: joinCurves(plating), stripping: joinCurves(stripping) },
  };
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
