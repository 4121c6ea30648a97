/**
 * One constant-sign current step of a galvanostatic record, summarised when it ends. Voltage
 * samples of the running step are kept (bounded by one step, not by the file) to find its plateau,
 * nucleation dip, short circuit and sudden voltage drops.
 */
import { type StepCurves, stepCurves } from "./curves.js";

export type StepKind = "plate" | "strip" | "rest";

export interface StepSummary {
  kind: StepKind;
  index: number;
  startTime_s: number;
  endTime_s: number;
  /** Charge passed, integral |I| dt (C, or C/m^2 once divided by the area). */
  charge_C: number;
  meanCurrent_A: number;
  /** Time-weighted mean voltage over the middle 80% of the step (the plateau). */
  plateauVoltage_V: number;
  /** Largest excursion beyond the plateau in the first 20% (the nucleation dip for plating). */
  initialExcursion_V: number;
  /** Time at which |V| collapsed below shortRatio x its early plateau, if it did. */
  shortTime_s: number | null;
  /** Time of the first drop of |V| by dropThreshold below its running maximum, if any. */
  dropTime_s: number | null;
  /** The file's own cycle number during the step; NaN when the file has none. */
  cycle: number;
  curves: StepCurves;
}

export interface StepOptions {
  shortRatio: number;
  dropThreshold_V: number;
  /** Voltage bin of the dQ/dV histogram (curves.ts). */
  binWidth_V: number;
  /** Samples kept per step for the voltage-capacity curve. */
  curvePoints: number;
}

class GrowableSeries {
  time = new Float64Array(1024);
  voltage = new Float64Array(1024);
  /** Charge passed since the start of the step (C). */
  charge = new Float64Array(1024);
  length = 0;
  push(t: number, v: number, q: number): void {
    if (this.length === this.time.length) {
      const grow = (old: Float64Array) => {
        const next = new Float64Array(this.length * 2);
        next.set(old);
        return next;
      };
      this.time = grow(this.time);
      this.voltage = grow(this.voltage);
      this.charge = grow(this.charge);
    }
    this.time[this.length] = t;
    this.voltage[this.length] = v;
    this.charge[this.length] = q;
    this.length++;
  }
}

export class StepTracker {
  private samples = new GrowableSeries();
  private kind: StepKind | undefined;
  private cycle = Number.NaN;
  private charge = 0;
  private lastTime = 0;
  private lastCurrent = 0;
  private count = 0;
  /** Plateau |V| of the last unshorted step of each kind: a short that starts early in a step, or
   * lasts over several steps, is still measured against the cell's healthy voltage. */
  private healthyLevel: Record<StepKind, number> = { plate: 0, strip: 0, rest: 0 };
  private readonly options: StepOptions;
  private readonly onStep: (step: StepSummary) => void;

  constructor(options: StepOptions, onStep: (step: StepSummary) => void) {
    this.options = options;
    this.onStep = onStep;
  }

  /** `cycle` is the file's cycle number (NaN if none): a new cycle starts a new step. */
  push(time: number, current: number, voltage: number, kind: StepKind, cycle = Number.NaN): void {
    if (kind !== this.kind || !sameCycle(cycle, this.cycle)) {
      this.close();
      this.kind = kind;
      this.cycle = cycle;
      this.charge = 0;
      this.samples.length = 0;
    } else {
      // Trapezoidal charge within the step.
      this.charge += 0.5 * (Math.abs(current) + Math.abs(this.lastCurrent)) * (time - this.lastTime);
    }
    this.samples.push(time, voltage, this.charge);
    this.lastTime = time;
    this.lastCurrent = current;
  }

  close(): void {
    const { kind, samples } = this;
    if (kind === undefined || samples.length === 0) return;
    const { time, voltage, length } = samples;
    const start = time[0];
    const end = time[length - 1];
    const duration = end - start;
    const at = (fraction: number) => start + fraction * duration;
    // Plateau: time-weighted mean over [10%, 90%].
    let area = 0;
    let span = 0;
    for (let k = 1; k < length; k++) {
      const a = Math.max(time[k - 1], at(0.1));
      const b = Math.min(time[k], at(0.9));
      if (b > a) {
        area += 0.5 * (voltage[k - 1] + voltage[k]) * (b - a);
        span += b - a;
      }
    }
    const plateau = span > 0 ? area / span : voltage[length >> 1];
    const sign = Math.sign(plateau) || 1;
    let excursion = 0;
    let earlyLevels: number[] = [];
    for (let k = 0; k < length && time[k] <= at(0.2); k++)
      excursion = Math.max(excursion, sign * (voltage[k] - plateau));
    for (let k = 0; k < length; k++)
      if (time[k] >= at(0.1) && time[k] <= at(0.4)) earlyLevels.push(Math.abs(voltage[k]));
    earlyLevels = earlyLevels.sort((a, b) => a - b);
    const reference = Math.max(
      earlyLevels.length ? earlyLevels[earlyLevels.length >> 1] : Math.abs(plateau),
      this.healthyLevel[kind],
    );
    let shortTime: number | null = null;
    let dropTime: number | null = null;
    let runningMax = 0;
    let below = 0;
    for (let k = 0; k < length; k++) {
      if (time[k] < at(0.1)) continue;
      const level = Math.abs(voltage[k]);
      runningMax = Math.max(runningMax, level);
      if (dropTime === null && runningMax - level >= this.options.dropThreshold_V) dropTime = time[k];
      if (time[k] >= at(0.2) && level < this.options.shortRatio * reference) {
        below++;
        if (below >= 3 && shortTime === null) shortTime = time[k];
      } else below = 0;
    }
    if (shortTime === null) this.healthyLevel[kind] = Math.abs(plateau);
    this.onStep({
      kind,
      index: this.count++,
      startTime_s: start,
      endTime_s: end,
      charge_C: this.charge,
      meanCurrent_A: duration > 0 ? this.charge / duration : 0,
      plateauVoltage_V: plateau,
      initialExcursion_V: excursion,
      shortTime_s: shortTime,
      dropTime_s: dropTime,
      cycle: this.cycle,
      curves: stepCurves(voltage, samples.charge, length, this.options.binWidth_V, this.options.curvePoints),
    });
    this.kind = undefined;
  }
}

function sameCycle(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}
