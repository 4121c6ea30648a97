/**
 * M8 benchmark: (1) stream 1,000 half-cell cycles of 1 Hz data (~7 million rows, ~250 MB CSV)
 * through the cycling analysis, target under 30 s with bounded memory; (2) fit a 60-point spectrum
 * with seven parameters, global stage included, target under 1 s; (3) the distribution of relaxation
 * times of a 100-point spectrum, lambda given and cross-validated, target under 200 ms.
 */
import { closeSync, existsSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { distributionOfRelaxationTimes } from "../src/cell/eis/drt.js";
import {
  Circuit,
  circuitSpectrum,
  fitCircuit,
  fixedCapacityProtocol,
  mAhPerCm2,
  synthesizeHalfCell,
} from "../src/cell/index.js";
import { linesRelativeTo } from "../src/cli/lines.js";
import { runScenario } from "../src/studies/index.js";

function writeCyclingFile(path: string): number {
  const model = {
    area_m2: 1e-4,
    resistance_ohm_m2: 2e-4,
    exchangeCurrentDensity_A_m2: 20,
    temperature_K: 298.15,
    nucleationOverpotential_V: 0.03,
    nucleationTime_s: 5,
    coulombicEfficiency: 0.999,
    shortAt_s: null,
    shortFactor: 0.05,
    initialLithium_C_m2: 0,
    failureCurrent_A_m2: null,
    sampleInterval_s: 1,
  };
  const fd = openSync(path, "w");
  let rows = 0;
  let chunk = "Test Time / s,Current / A,Voltage / V\n";
  for (const row of synthesizeHalfCell(model, fixedCapacityProtocol(10, mAhPerCm2(1), 1000, 0.2))) {
    chunk += `${row.time_s},${row.current_A},${row.voltage_V.toPrecision(7)}\n`;
    rows++;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return rows;
}

export function benchCell(): void {
  const file = join(tmpdir(), "anodefree-bench-1000-cycles.csv");
  if (!existsSync(file)) {
    const start = performance.now();
    const rows = writeCyclingFile(file);
    console.log(
      `  wrote ${rows} rows (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
  }
  const start = performance.now();
  const before = process.memoryUsage().heapUsed;
  const result = runScenario(
    { study: "cycling", params: { data: { file } } },
    { readLines: linesRelativeTo(join(tmpdir(), "x.yaml")) },
  );
  const seconds = (performance.now() - start) / 1000;
  const rows = Number(result.diagnostics.rows);
  console.log("cycling, 1,000 cycles of 1 Hz data streamed from CSV:");
  console.log(
    `  ${rows} rows, ${result.metrics.cycleCount} cycles in ${seconds.toFixed(1)} s (${(rows / seconds / 1e6).toFixed(2)} M rows/s); target < 30 s -> ${seconds < 30 ? "met" : "NOT met"}`,
  );
  console.log(
    `  heap before ${(before / 1e6).toFixed(0)} MB, after ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB (file ${(statSync(file).size / 1e6).toFixed(0)} MB is never held whole)`,
  );
  if (process.env.KEEP_BENCH_FILE !== "1") rmSync(file);

  const circuit = new Circuit("R0-p(R1,CPE1)-p(R2,CPE2)");
  const n = 60;
  const frequency = Float64Array.from({ length: n }, (_, i) => 1e6 * 10 ** ((-6 * i) / (n - 1)));
  const real = new Float64Array(n);
  const imaginary = new Float64Array(n);
  circuit.impedance(
    Float64Array.from([54, 4, 2e-6, 0.85, 2, 1e-3, 0.8]),
    Float64Array.from(frequency, (f) => 2 * Math.PI * f),
    real,
    imaginary,
  );
  const spectrum = { frequency_Hz: frequency, real_ohm: real, imaginary_ohm: imaginary };
  const initial = { R0: 50, R1: 5, CPE1_Q: 1e-6, CPE1_alpha: 0.9, R2: 3, CPE2_Q: 5e-4, CPE2_alpha: 0.9 };
  const time = (run: () => void) => {
    run();
    const samples = Array.from({ length: 9 }, () => {
      const t = performance.now();
      run();
      return performance.now() - t;
    }).sort((a, b) => a - b);
    return samples[4];
  };
  const withGuess = time(() => fitCircuit(circuit, spectrum, { initial }));
  const estimated = time(() => fitCircuit(circuit, spectrum));
  console.log("eis-fit, 60 points, seven parameters R0-p(R1,CPE1)-p(R2,CPE2), global stage included:");
  console.log(
    `  with initial guesses: ${withGuess.toFixed(1)} ms; target < 1000 ms -> ${withGuess < 1000 ? "met" : "NOT met"}`,
  );
  console.log(
    `  with estimated guesses: ${estimated.toFixed(1)} ms; target < 1000 ms -> ${estimated < 1000 ? "met" : "NOT met"}`,
  );

  // The same circuit, 100 points from 1 MHz to 10 mHz: 101 relaxation times over ten decades.
  const points = 100;
  const drtSpectrum = circuitSpectrum(
    circuit,
    [54, 4, 2e-6, 0.85, 2, 1e-3, 0.8],
    Float64Array.from({ length: points }, (_, i) => 1e6 * 10 ** ((-8 * i) / (points - 1))),
  );
  const given = time(() => distributionOfRelaxationTimes(drtSpectrum, { lambda: 1e-3 }));
  const crossValidated = time(() => distributionOfRelaxationTimes(drtSpectrum, { lambda: "cross-validate" }));
  console.log("DRT, 100 points, 101 relaxation times (Tikhonov-regularised NNLS):");
  console.log(
    `  lambda given: ${given.toFixed(1)} ms; target < 200 ms -> ${given < 200 ? "met" : "NOT met"}`,
  );
  console.log(
    `  lambda by generalised cross-validation: ${crossValidated.toFixed(1)} ms; target < 200 ms -> ${crossValidated < 200 ? "met" : "NOT met"}`,
  );
}
