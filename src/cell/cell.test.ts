import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { inWorker } from "../testing/inWorker.js";
import { FARADAY, GAS_CONSTANT } from "../units/index.js";
import type { StandardErrorStudy } from "./eis/intervalCoverage.js";
import {
  activationEnergy,
  Circuit,
  CyclingAnalyser,
  type CyclingOptions,
  ccdRampProtocol,
  fitCircuit,
  fitGrowthLaws,
  fixedCapacityProtocol,
  type HalfCellModel,
  linKK,
  mAhPerCm2,
  type ProtocolStep,
  parseHeader,
  readTable,
  reservoirCoulombicEfficiency,
  reservoirProtocol,
  resolveColumns,
  synthesizeHalfCell,
} from "./index.js";

const model: HalfCellModel = {
  area_m2: 1.3e-4,
  resistance_ohm_m2: 2e-4,
  exchangeCurrentDensity_A_m2: 20,
  temperature_K: 298.15,
  nucleationOverpotential_V: 0.05,
  nucleationTime_s: 5,
  coulombicEfficiency: 0.985,
  shortAt_s: null,
  shortFactor: 0.05,
  initialLithium_C_m2: 0,
  failureCurrent_A_m2: null,
  sampleInterval_s: 2,
};

const options: CyclingOptions = {
  area_m2: 1.3e-4,
  platingSign: -1,
  zeroCurrent_A: 1e-9,
  shortRatio: 0.25,
  dropThreshold_V: 0.002,
  traceLimit: 1000,
};

function analyse(m: HalfCellModel, protocol: ProtocolStep[], opts = options) {
  const analyser = new CyclingAnalyser(opts);
  for (const row of synthesizeHalfCell(m, protocol)) analyser.push(row.time_s, row.current_A, row.voltage_V);
  return analyser.finish();
}

describe("table readers", () => {
  it("splits Battery Data Format, EC-Lab and bracketed headers", () => {
    expect(parseHeader("Test Time / s")).toEqual({ name: "Test Time", unit: "s" });
    expect(parseHeader("<I>/mA")).toEqual({ name: "<I>", unit: "mA" });
    expect(parseHeader("Voltage (V)")).toEqual({ name: "Voltage", unit: "V" });
    expect(parseHeader("control/V/mA")).toEqual({ name: "control/V/mA" });
  });

  it("reads EC-Lab .mpt exports with their header count and decimal commas", () => {
    const lines = [
      "EC-Lab ASCII FILE",
      "Nb header lines : 4",
      "free text",
      "time/s\tEwe/V\t<I>/mA",
      "0\t-0,05\t-1",
      "1,5\t-0,02\t-1",
    ];
    const table = readTable(lines, "biologic-mpt");
    expect(table.headers.map((h) => h.name)).toEqual(["time", "Ewe", "<I>"]);
    const rows = Array.from(table.rows(), (r) => [...r.values]);
    expect(rows).toEqual([
      [0, -0.05, -1],
      [1.5, -0.02, -1],
    ]);
  });

  it("names the line of a malformed row and refuses a file that is not an EC-Lab export", () => {
    const table = readTable(["t / s,I / A,V / V", "0,1,2", "1,2"], "csv");
    expect(() => [...table.rows()]).toThrow(/line 3: expected 3 values, got 2/);
    expect(() => readTable(["hello"], "biologic-mpt")).toThrow(/EC-Lab ASCII FILE/);
  });

  it("converts header units to SI and refuses unknown columns and mixed units", () => {
    const headers = ["Test Time / h", "Current / mA", "Voltage / mV"].map(parseHeader);
    const rules = [
      { field: "time", siUnit: "s", aliases: ["test time"], required: true },
      { field: "current", siUnit: "A", aliases: ["current"], required: true },
      { field: "voltage", siUnit: "V", aliases: ["voltage"], required: true },
    ];
    const columns = resolveColumns(headers, rules);
    expect(columns.time?.factor).toBe(3600);
    expect(columns.current?.factor).toBeCloseTo(1e-3, 15);
    expect(() => resolveColumns(headers, rules, { voltage: "Ewe" })).toThrow(/unknown column "Ewe"/);
    expect(() => resolveColumns(headers, rules, {}, { current: "A" })).toThrow(/mixed units/);
  });
});

describe("cycling analysis on a synthetic half cell with known answers", () => {
  const i = 10;
  const capacity = mAhPerCm2(1);
  const expectedPlateau =
    i * model.resistance_ohm_m2 + ((2 * GAS_CONSTANT * 298.15) / FARADAY) * Math.asinh(i / 40);

  it("recovers capacities, CE, overpotentials and the nucleation dip", () => {
    const { cycles } = analyse(model, fixedCapacityProtocol(i, capacity, 4, 0.2));
    expect(cycles).toHaveLength(4);
    for (const c of cycles) {
      expect(c.platedCapacity_C_m2 / capacity).toBeCloseTo(1, 10);
      expect(c.coulombicEfficiency).toBeCloseTo(0.985, 9);
      expect(c.platingOverpotential_V).toBeCloseTo(expectedPlateau, 6);
      expect(c.strippingOverpotential_V).toBeCloseTo(expectedPlateau, 4);
      expect(c.nucleationOverpotential_V).toBeCloseTo(0.05, 6);
      expect(c.shortCircuit).toBe(false);
    }
  });

  it("computes the reservoir CE from cumulative capacities (Wang2024 protocol)", () => {
    const analysis = analyse(model, reservoirProtocol(i, mAhPerCm2(1), mAhPerCm2(5), mAhPerCm2(1), 10, 0.2));
    const result = reservoirCoulombicEfficiency(analysis.steps);
    expect(result.cycles).toBe(10);
    expect(result.value).toBeCloseTo(0.985, 9);
  });

  it("finds the cycle of a short circuit, keeps the trace bounded and refuses bad data", () => {
    const analysis = analyse({ ...model, shortAt_s: 2.6 * 7200 }, fixedCapacityProtocol(i, capacity, 5, 0.2));
    expect(analysis.cycles.findIndex((c) => c.shortCircuit) + 1).toBe(3);
    expect(analysis.trace.time_s.length).toBeLessThanOrEqual(options.traceLimit);
    const analyser = new CyclingAnalyser(options);
    analyser.push(10, -1e-4, -0.02);
    expect(() => analyser.push(5, -1e-4, -0.02, 7)).toThrow(/line 7: time goes backwards/);
    const idle = new CyclingAnalyser(options);
    idle.push(0, 0, 0.1);
    idle.push(1, 0, 0.1);
    expect(() => idle.finish()).toThrow(/current is zero throughout/);
  });

  it("finds the first plating step with a 2 mV drop in a critical-current ramp", () => {
    const cell = { ...model, initialLithium_C_m2: Number.POSITIVE_INFINITY, failureCurrent_A_m2: 17 };
    const analysis = analyse(cell, ccdRampProtocol(5, 5, 2, mAhPerCm2(0.2), 6));
    const failed = analysis.steps.find((s) => s.kind === "plate" && s.dropTime_s !== null);
    expect((failed?.meanCurrent_A ?? 0) / model.area_m2).toBeCloseTo(20, 9);
  });
});

describe("equivalent circuits", () => {
  const omega = Float64Array.from([0.1, 10, 1e3, 1e5], (w) => w);
  const impedance = (text: string, p: number[]) => {
    const re = new Float64Array(omega.length);
    const im = new Float64Array(omega.length);
    new Circuit(text).impedance(Float64Array.from(p), omega, re, im);
    return { re, im };
  };

  it("evaluates R || C as R / (1 + j w R C)", () => {
    const { re, im } = impedance("p(R1,C1)", [10, 1e-3]);
    omega.forEach((w, k) => {
      const d = 1 + (w * 1e-2) ** 2;
      expect(re[k]).toBeCloseTo(10 / d, 12);
      expect(im[k]).toBeCloseTo((-10 * w * 1e-2) / d, 12);
    });
  });

  it("gives finite-length Warburg limits: Ws -> R at low frequency, Wo and Ws -> R/sqrt(j w tau) at high", () => {
    const low = new Float64Array([1e-6]);
    const high = new Float64Array([1e6]);
    const eval1 = (text: string, w: Float64Array) => {
      const re = new Float64Array(1);
      const im = new Float64Array(1);
      new Circuit(text).impedance(Float64Array.from([5, 2]), w, re, im);
      return [re[0], im[0]];
    };
    expect(eval1("Ws1", low)[0]).toBeCloseTo(5, 5);
    const semi = 5 / Math.sqrt(2 * 1e6 * 2);
    for (const text of ["Wo1", "Ws1"]) {
      const [re, im] = eval1(text, high);
      expect(re / semi).toBeCloseTo(1, 9);
      expect(-im / semi).toBeCloseTo(1, 9);
    }
  });

  it("refuses unknown elements and unbalanced parentheses, naming the position", () => {
    expect(() => new Circuit("R0-X1")).toThrow(/unknown circuit element "X"/);
    expect(() => new Circuit("R0-p(R1,C1")).toThrow(/unbalanced parentheses/);
    expect(() => new Circuit("R0-p(R1)")).toThrow(/at least two branches/);
  });

  const spectrum = (text: string, p: number[], noise = 0, seed = 1) => {
    const n = 61;
    const f = Float64Array.from({ length: n }, (_, k) => 1e6 * 10 ** ((-6 * k) / (n - 1)));
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    new Circuit(text).impedance(
      Float64Array.from(p),
      Float64Array.from(f, (x) => 2 * Math.PI * x),
      re,
      im,
    );
    let state = seed;
    const gauss = () => {
      // Deterministic normal deviates (sum of 12 uniforms) for the noisy test.
      let s = 0;
      for (let k = 0; k < 12; k++) {
        state = (state * 1664525 + 1013904223) % 4294967296;
        s += state / 4294967296;
      }
      return s - 6;
    };
    for (let k = 0; k < n; k++) {
      const m = Math.hypot(re[k], im[k]);
      re[k] += noise * m * gauss();
      im[k] += noise * m * gauss();
    }
    return { frequency_Hz: f, real_ohm: re, imaginary_ohm: im };
  };
  const truth = [54, 4, 2e-6, 0.85, 2, 1e-3, 0.8, 30];
  const text = "R0-p(R1,CPE1)-p(R2,CPE2)-W1";

  it("recovers noise-free parameters to 1e-6, with estimated starting values", () => {
    const fit = fitCircuit(new Circuit(text), spectrum(text, truth));
    fit.parameters.forEach((p, k) => {
      expect(Math.abs(p.value - truth[k]) / truth[k]).toBeLessThan(1e-6);
    });
  });

  it("puts resistances within 2 standard errors in most spectra with 1% noise", async () => {
    // Twenty complete fits (global stage included) hold the event loop too long for a busy machine.
    const shares = await inWorker<number[]>(
      new URL("./eis/intervalCoverage.ts", import.meta.url),
      "standardErrorCoverage",
      {
        circuit: text,
        truth,
        initial: {
          R0: 50,
          R1: 5,
          CPE1_Q: 1e-6,
          CPE1_alpha: 0.9,
          R2: 3,
          CPE2_Q: 5e-4,
          CPE2_alpha: 0.9,
          W1: 20,
        },
        noise: 0.01,
        spectra: 20,
        within: 2,
      } satisfies StandardErrorStudy,
    );
    const resistances = [0, 1, 4].map((k) => shares[k]);
    expect(resistances.reduce((sum, share) => sum + share, 0) / resistances.length).toBeGreaterThan(0.8);
  });

  it("passes a valid spectrum through Lin-KK and flags one with a drifting resistance", () => {
    const clean = spectrum(text, truth);
    expect(linKK(clean).valid).toBe(true);
    let elapsed = 0;
    const total = clean.frequency_Hz.reduce((s, f) => s + 1 / f, 0);
    const drifting = {
      ...clean,
      real_ohm: clean.real_ohm.map((v, k) => {
        elapsed += 1 / clean.frequency_Hz[k];
        return v + (5 * elapsed) / total;
      }),
    };
    expect(linKK(drifting).valid).toBe(false);
  });
});

describe("corrosion-layer growth laws", () => {
  const days = [1, 4, 7].map((d) => d * 86400);
  it("recognises exact linear and parabolic data and recovers their rate constants", () => {
    const linear = fitGrowthLaws(
      { temperature_K: 300, time_s: days, thickness_m: days.map((t) => 2e-12 * t) },
      0.05,
    );
    expect(linear.verdict).toBe("linear");
    expect(linear.linear.rateConstant).toBeCloseTo(2e-12, 22);
    const parabolic = fitGrowthLaws(
      { temperature_K: 300, time_s: days, thickness_m: days.map((t) => Math.sqrt(3e-18 * t)) },
      0.05,
    );
    expect(parabolic.verdict).toBe("parabolic");
    expect(parabolic.parabolic.rateConstant / 3e-18).toBeCloseTo(1, 10);
  });

  it("inverts the Arrhenius law exactly", () => {
    const ea = 50e3;
    const k = (t: number) => 7 * Math.exp(-ea / (GAS_CONSTANT * t));
    expect(activationEnergy(k(296), 296, k(333), 333)).toBeCloseTo(ea, 6);
  });

  it("says neither law describes Wang2024's Cu data", () => {
    const rt = fitGrowthLaws(
      { temperature_K: 296.15, time_s: days, thickness_m: [62e-9, 83e-9, 462e-9] },
      0.3,
    );
    expect(rt.verdict).toBe("neither");
  });
});

it("raises InputError (exit 2) for data problems", () => {
  expect(() => new Circuit("")).toThrow(InputError);
});
