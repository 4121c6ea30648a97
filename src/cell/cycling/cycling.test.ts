import { describe, expect, it } from "vitest";
import { CyclingAnalyser, type CyclingOptions } from "./analyse.js";
import { cycleWarnings } from "./plausibility.js";

const options: CyclingOptions = {
  area_m2: 1e-4,
  platingSign: -1,
  zeroCurrent_A: 1e-9,
  shortRatio: 0.25,
  dropThreshold_V: 0.002,
  traceLimit: 4000,
};

/** A constant-current segment: `voltage(f)` gives V at the fraction f of the segment. */
interface Segment {
  current_A: number;
  duration_s: number;
  voltage: (fraction: number) => number;
  cycle?: number;
}

function feed(analyser: CyclingAnalyser, segments: Segment[], samples = 200): void {
  let time = 0;
  for (const s of segments) {
    for (let k = 0; k <= samples; k++) {
      const f = k / samples;
      analyser.push(time + f * s.duration_s, s.current_A, s.voltage(f), undefined, s.cycle);
    }
    // The cycler switches the current off between segments: no charge is counted across the gap.
    analyser.push(time + s.duration_s + 0.5, 0, s.voltage(1), undefined, s.cycle);
    time += s.duration_s + 1;
  }
}

const plate = (q: number): Segment => ({ current_A: -1e-3, duration_s: q / 1e-3, voltage: () => -0.05 });
const strip = (q: number): Segment => ({ current_A: 1e-3, duration_s: q / 1e-3, voltage: () => 0.05 });
/** A 10 s pulse of 1 µA: the MB technique's probe between steps, 1e-5 C against 3.6 C a step. */
const pulse = (sign: 1 | -1): Segment => ({
  current_A: sign * 1e-6,
  duration_s: 10,
  voltage: () => 0.01 * sign,
});

describe("cycles from the current sign, with µA pulses between the steps", () => {
  const cycles = 6;
  // Each probe is a pulse each way, as in the reported EC-Lab Modulo Bat file.
  const probe = [pulse(1), pulse(-1)];
  const segments = Array.from({ length: cycles }, () => [plate(3.6), ...probe, strip(3.5), ...probe]).flat();

  it("counts the real cycles, not the pulses, with the real CE, and says what it left out", () => {
    const analyser = new CyclingAnalyser(options);
    feed(analyser, segments);
    const analysis = analyser.finish();
    expect(analysis.fileCycles).toBe(false);
    expect(analysis.cycles).toHaveLength(cycles);
    for (const c of analysis.cycles) expect(c.coulombicEfficiency).toBeCloseTo(3.5 / 3.6, 9);
    expect(analysis.pairingWarnings.join("\n")).toMatch(/24 of 36 current steps pass less than 5%/);
    expect(cycleWarnings(analysis.cycles, 0.05)).toEqual([]);
  });

  it("without the noise floor the pulses pair up as cycles of absurd CE, and the warnings say so", () => {
    const analyser = new CyclingAnalyser({ ...options, minStepFraction: 0 });
    feed(analyser, segments);
    const { cycles: found } = analyser.finish();
    expect(found.length).toBe(2 * cycles);
    const warnings = cycleWarnings(found, 0.05).join("\n");
    expect(warnings).toMatch(/Coulombic efficiency outside 0-105%/);
    expect(warnings).toMatch(/less than 5% of the median cycle's capacity/);
  });
});

describe("cycles from the file's cycle column", () => {
  it("groups every step of a numbered cycle, however many sign changes it holds", () => {
    const analyser = new CyclingAnalyser(options);
    // Cycle 1: formation with two plate/strip pairs; cycle 2: one pair.
    feed(analyser, [
      { ...plate(1), cycle: 1 },
      { ...strip(0.9), cycle: 1 },
      { ...plate(2), cycle: 1 },
      { ...strip(2), cycle: 1 },
      { ...plate(3), cycle: 2 },
      { ...strip(2.7), cycle: 2 },
    ]);
    const analysis = analyser.finish();
    expect(analysis.fileCycles).toBe(true);
    expect(analysis.cycles.map((c) => c.cycle)).toEqual([1, 2]);
    expect(analysis.cycles[0].platedCapacity_C_m2 * options.area_m2).toBeCloseTo(3, 9);
    expect(analysis.cycles[0].coulombicEfficiency).toBeCloseTo(2.9 / 3, 9);
    expect(analysis.cycles[1].coulombicEfficiency).toBeCloseTo(0.9, 9);
    expect(analysis.pairingWarnings.join("\n")).toMatch(
      /1 of the file's cycles \(first: cycle 1\) hold several/,
    );
  });
});

describe("implausible data is reported, not passed silently", () => {
  it("time going backwards: refused by default, a warning naming the line when asked to warn", () => {
    const strict = new CyclingAnalyser(options);
    strict.push(10, -1e-3, -0.05);
    expect(() => strict.push(5, -1e-3, -0.05, 7)).toThrow(/line 7: time goes backwards/);
    const lenient = new CyclingAnalyser({ ...options, backwardsTime: "warn" });
    lenient.push(0, -1e-3, -0.05, 2);
    lenient.push(100, -1e-3, -0.05, 3);
    // The clock restarts at 0: the 100 s after it still pass charge, none is lost or invented.
    lenient.push(0, 1e-3, 0.05, 4);
    lenient.push(100, 1e-3, 0.05, 5);
    const analysis = lenient.finish();
    expect(analysis.warnings.join("\n")).toMatch(
      /time goes backwards 1 time\(s\), first at line 4 \(by 100 s\)/,
    );
    expect(analysis.cycles[0].strippedCapacity_C_m2 * options.area_m2).toBeCloseTo(0.1, 12);
  });

  it("a CE above 105% is a warning naming the cycle and its value", () => {
    const analyser = new CyclingAnalyser(options);
    feed(analyser, [plate(1), strip(0.98), plate(1), strip(1.2)]);
    const warnings = cycleWarnings(analyser.finish().cycles, 0.05);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cycle\(s\) 2 \(cycle 2: 120\.0%\)/);
  });
});

describe("differential capacity of a two-plateau curve", () => {
  // Plating at 1 mA for 3600 s: 45% of the charge on a plateau sloping 0.148->0.152 V, a 10% step
  // up to 0.248 V, 45% on 0.248->0.252 V (linear in charge within each part).
  const voltage = (f: number) =>
    f < 0.45
      ? 0.148 + (0.004 * f) / 0.45
      : f < 0.55
        ? 0.152 + (0.096 * (f - 0.45)) / 0.1
        : 0.248 + (0.004 * (f - 0.55)) / 0.45;
  const binWidth = 0.002;
  const analyser = new CyclingAnalyser({ ...options, binWidth_V: binWidth });
  feed(analyser, [{ current_A: -1e-3, duration_s: 3600, voltage }, strip(3.6)], 2000);
  const [cycle] = analyser.finish().cycles;
  const bins = [...cycle.curves.plating.binCharge.entries()].sort((a, b) => a[0] - b[0]);
  const centre = (k: number) => (k + 0.5) * binWidth;

  it("integrates to the plated charge", () => {
    const total = bins.reduce((s, [, q]) => s + q, 0);
    expect(total).toBeCloseTo(3.6, 9);
  });

  it("peaks at the two plateau voltages, with little in between", () => {
    const near = (v: number) => bins.filter(([k]) => Math.abs(centre(k) - v) < 0.01);
    const peak = (v: number) => near(v).reduce((a, b) => (b[1] > a[1] ? b : a));
    for (const v of [0.15, 0.25]) {
      const [k, q] = peak(v);
      expect(Math.abs(centre(k) - v)).toBeLessThanOrEqual(binWidth);
      // Half the plateau's 1.62 C in each of its two 2 mV bins.
      expect(q).toBeCloseTo(0.81, 6);
    }
    const between = bins.filter(([k]) => centre(k) > 0.16 && centre(k) < 0.24);
    for (const [, q] of between) expect(q).toBeCloseTo((0.36 * binWidth) / 0.096, 9);
  });

  it("keeps the voltage-capacity curve from 0 to the plated charge", () => {
    const { charge_C, voltage_V } = cycle.curves.plating;
    expect(charge_C[0]).toBe(0);
    expect(charge_C[charge_C.length - 1]).toBeCloseTo(3.6, 9);
    expect(voltage_V[voltage_V.length - 1]).toBeCloseTo(0.252, 12);
    expect(charge_C.length).toBeLessThanOrEqual(201);
  });
});
