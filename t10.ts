import { Circuit } from "./src/cell/eis/circuit.ts";
import { fitCircuit } from "./src/cell/eis/fit.ts";

const c = new Circuit("R0-p(R1,CPE1)-p(R2,CPE2)-W1");
const truth = new Float64Array([54, 4, 2e-6, 0.85, 2, 1e-3, 0.8, 30]);
const n = 60;
const f = Float64Array.from({ length: n }, (_, i) => 1e6 * 10 ** ((-6 * i) / (n - 1)));
const re = new Float64Array(n),
  im = new Float64Array(n);
c.impedance(
  truth,
  Float64Array.from(f, (x) => 2 * Math.PI * x),
  re,
  im,
);
console.log(c.parameters.map((p) => p.name));
const t0 = performance.now();
const fit = fitCircuit(
  c,
  { frequency_Hz: f, real_ohm: re, imaginary_ohm: im },
  { initial: { R0: 50, R1: 5, CPE1_Q: 1e-6, CPE1_alpha: 0.9, R2: 3, CPE2_Q: 5e-4, CPE2_alpha: 0.9, W1: 20 } },
);
console.log(
  (performance.now() - t0).toFixed(1),
  "ms",
  fit.iterations,
  fit.converged,
  fit.parameters
    .map((p) => `${p.name}=${p.value.toPrecision(8)}±${p.standardError.toExponential(1)}`)
    .join(" "),
);
const fit2 = fitCircuit(c, { frequency_Hz: f, real_ohm: re, imaginary_ohm: im });
console.log(
  "auto",
  fit2.iterations,
  fit2.parameters.map((p) => `${p.name}=${p.value.toPrecision(6)}`).join(" "),
);

import { linKK } from "./src/cell/eis/linKK.ts";

const k1 = linKK({ frequency_Hz: f, real_ohm: re, imaginary_ohm: im });
console.log("clean", k1.elements, k1.mu.toFixed(3), k1.maxResidual.toExponential(2), k1.valid);
const reD = Float64Array.from(re, (v, i) => v + 3 * (i / (n - 1)));
const k2 = linKK({ frequency_Hz: f, real_ohm: reD, imaginary_ohm: im });
console.log("drift", k2.elements, k2.mu.toFixed(3), k2.maxResidual.toExponential(2), k2.valid);
let T = 0;
const tcum = Float64Array.from(f, (x) => (T += 1 / x));
for (const dr of [2, 5, 10]) {
  const reT = Float64Array.from(re, (v, i) => v + (dr * tcum[i]) / T);
  const k3 = linKK({ frequency_Hz: f, real_ohm: reT, imaginary_ohm: im });
  console.log("time-drift", dr, k3.elements, k3.maxResidual.toExponential(2), k3.valid);
}
