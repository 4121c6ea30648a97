/**
 * Per-step curves for differential capacity (dQ/dV) and voltage against capacity, as cellpy and BEEP
 * report them. dQ/dV is a histogram of the charge over voltage bins of a stated width: between two
 * samples the charge is spread evenly over the voltage they span, so the histogram integrates to
 * the step's charge exactly and a plateau at V puts its whole charge into V's bin. The bin width is
 * the only smoothing; no further filter is applied.
 */
export interface StepCurves {
  /** Charge passed in each voltage bin (C), keyed by bin index k: bin k spans [k w, (k + 1) w). */
  binCharge: Map<number, number>;
  /** Voltage against the charge passed since the start of the step, at most `points` samples. */
  charge_C: number[];
  voltage_V: number[];
}

/** Adds `charge` spread evenly over [v0, v1] (either order) into the bins of width `width`. */
function spread(bins: Map<number, number>, v0: number, v1: number, charge: number, width: number): void {
  const low = Math.min(v0, v1);
  const high = Math.max(v0, v1);
  const first = Math.floor(low / width);
  const last = Math.floor(high / width);
  if (first === last || high === low) {
    bins.set(first, (bins.get(first) ?? 0) + charge);
    return;
  }
  for (let k = first; k <= last; k++) {
    const overlap = Math.min(high, (k + 1) * width) - Math.max(low, k * width);
    if (overlap > 0) bins.set(k, (bins.get(k) ?? 0) + (charge * overlap) / (high - low));
  }
}

export function stepCurves(
  voltage: Float64Array,
  charge: Float64Array,
  length: number,
  binWidth_V: number,
  points: number,
): StepCurves {
  const binCharge = new Map<number, number>();
  for (let k = 1; k < length; k++) {
    const dq = charge[k] - charge[k - 1];
    if (dq > 0) spread(binCharge, voltage[k - 1], voltage[k], dq, binWidth_V);
  }
  const stride = Math.max(1, Math.ceil(length / points));
  const curve = { charge_C: [] as number[], voltage_V: [] as number[] };
  for (let k = 0; k < length; k += stride) {
    curve.charge_C.push(charge[k]);
    curve.voltage_V.push(voltage[k]);
  }
  // The end of the step carries the cut-off: always keep it.
  if (length > 0 && (length - 1) % stride !== 0) {
    curve.charge_C.push(charge[length - 1]);
    curve.voltage_V.push(voltage[length - 1]);
  }
  return { binCharge, ...curve };
}
