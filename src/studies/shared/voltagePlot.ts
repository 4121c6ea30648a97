import { type Axis, linePlot } from "../plotSpecs.js";
import type { PlotSpec, Series } from "../types.js";

/** Share of samples at each end that may be spikes (cut-off ramps, shorts) rather than plateaus. */
const TAIL = 0.05;
/** Samples further than this many plateau ranges beyond the bulk are isolated: left off the axis. */
const REACH = 2;

/**
 * The voltage axis of a cycling trace (display in mV). A strip that ends at a 0.2 V cut-off, or a
 * cycler's 3.5 V limit, puts a few samples far from ±15 mV plateaus; a domain spanning them flattens
 * the plateaus to a line. The domain covers the samples within REACH bulk ranges of the central
 * 90% (so nucleation dips stay in view) and reports how many fall outside.
 */
export function voltageAxis(voltage_V: number[]): { axis: Axis; hidden: number } {
  const base: Axis = { expression: "datum.voltage_V * 1000", title: "Voltage (mV)" };
  const sorted = Float64Array.from(voltage_V.filter(Number.isFinite)).sort();
  if (sorted.length === 0) return { axis: base, hidden: 0 };
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const low = at(TAIL);
  const high = at(1 - TAIL);
  // A floor of 1 mV, so a trace resting at one voltage does not hide every other sample.
  const reach = Math.max(REACH * (high - low), 1e-3);
  let inLow = Number.POSITIVE_INFINITY;
  let inHigh = Number.NEGATIVE_INFINITY;
  let hidden = 0;
  for (const v of sorted) {
    if (v < low - reach || v > high + reach) hidden++;
    else {
      inLow = Math.min(inLow, v);
      inHigh = Math.max(inHigh, v);
    }
  }
  if (hidden === 0) return { axis: base, hidden };
  // At least 2 mV in view, so a flat trace is drawn flat rather than as a zero-height domain.
  const centre = 500 * (inLow + inHigh);
  const half = Math.max(500 * (inHigh - inLow), 1);
  return {
    axis: { ...base, scale: { domain: [centre - half, centre + half], nice: true, zero: false } },
    hidden,
  };
}

/** Note for the title of a figure that leaves samples off its axis, e.g. "; 3 samples off the axis". */
export function hiddenNote(hidden: number): string {
  if (hidden === 0) return "";
  return `; ${hidden} sample${hidden === 1 ? "" : "s"} off the axis`;
}

/**
 * Voltage against time of a cycling trace; `title` gets a note when cut-off spikes are left off.
 * Shared by cycling and ccd-ramp.
 */
export function voltagePlot(name: string, title: string, trace: Series): PlotSpec {
  const { axis, hidden } = voltageAxis(trace.voltage_V);
  return {
    name,
    title: `${title}${hiddenNote(hidden)}`,
    spec: linePlot({
      data: "voltageTrace",
      x: { expression: "datum.time_s / 3600", title: "Time (h)" },
      y: axis,
    }),
  };
}
