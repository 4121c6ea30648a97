import { describe, expect, it } from "vitest";
import { Circuit } from "./circuit.js";
import { CircuitProblem } from "./problem.js";
import { addProportionalNoise, circuitSpectrum, logFrequencies } from "./spectrum.js";

// Every element kind, in series, in parallel and in a parallel block nested inside a parallel one.
const TEXT = "L0-R0-p(R1-Wo1,CPE1)-p(R2,C2,G1)-p(W1-p(Ws1,R3),C3)";
const VALUES = [2e-6, 10, 50, 200, 2, 1e-5, 0.85, 30, 1e-6, 20, 0.1, 40, 80, 5, 60, 1e-4];
// 1 MHz to 1 mHz: the finite Warburgs' sqrt(w tau / 2) runs from 0.05 to 2500, across the switch to
// the large-argument limit at 20.
const FREQUENCIES = logFrequencies(1e6, 1e-3, 6);
const OMEGA = Float64Array.from(FREQUENCIES, (f) => 2 * Math.PI * f);

/**
 * d f / d x_k by the five-point stencil (fourth order): at a relative step of 1e-3 its truncation
 * (~1e-12) and rounding (~1e-13 of |f|/h) errors lie far below the 1e-6 checked, where a two-point
 * difference's rounding error alone would swamp the derivative of a branch the circuit shorts.
 */
function fivePoint(
  f: (x: Float64Array) => Float64Array,
  x: Float64Array,
  k: number,
  h: number,
): Float64Array {
  const [a, b, c, d] = [-2, -1, 1, 2].map((step) => {
    const shifted = Float64Array.from(x);
    shifted[k] = x[k] + step * h;
    return f(shifted);
  });
  return a.map((_, i) => (a[i] - 8 * b[i] + 8 * c[i] - d[i]) / (12 * h));
}

/** Largest |analytic - difference| over the largest |analytic|. */
function relativeError(analytic: Float64Array, difference: Float64Array): number {
  let error = 0;
  let scale = 0;
  for (let i = 0; i < analytic.length; i++) {
    error = Math.max(error, Math.abs(analytic[i] - difference[i]));
    scale = Math.max(scale, Math.abs(analytic[i]));
  }
  return error / scale;
}

describe("analytic derivatives of a circuit's impedance", () => {
  const circuit = new Circuit(TEXT);
  const values = Float64Array.from(VALUES);
  const n = OMEGA.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const derivatives = { re: new Float64Array(VALUES.length * n), im: new Float64Array(VALUES.length * n) };
  circuit.impedanceDerivatives(values, OMEGA, re, im, derivatives);
  /** Re Z then Im Z, as one array. */
  const impedance = (x: Float64Array) => {
    const z = new Float64Array(2 * n);
    circuit.impedance(x, OMEGA, z.subarray(0, n), z.subarray(n));
    return z;
  };

  it("come with the same impedance as the plain evaluation, bit for bit", () => {
    const plain = impedance(values);
    expect(re).toEqual(plain.subarray(0, n));
    expect(im).toEqual(plain.subarray(n));
  });

  it.each(circuit.parameters.map((q, k) => ({ name: q.name, k })))(
    "d Z / d $name agrees with differences to 1e-6 of its largest modulus",
    ({ k }) => {
      const row = new Float64Array(2 * n);
      row.set(derivatives.re.subarray(k * n, (k + 1) * n));
      row.set(derivatives.im.subarray(k * n, (k + 1) * n), n);
      expect(relativeError(row, fivePoint(impedance, values, k, 1e-3 * values[k]))).toBeLessThan(1e-6);
    },
  );
});

describe("the Jacobian of a circuit fit's residuals", () => {
  it.each(["modulus", "unit", "proportional"] as const)(
    "%s weighting: in internal coordinates (ln p, CPE exponents as they are) it matches differences to 1e-6",
    (weighting) => {
      const circuit = new Circuit(TEXT);
      const spectrum = circuitSpectrum(circuit, VALUES, FREQUENCIES);
      addProportionalNoise(spectrum, 0.01, 3);
      const problem = new CircuitProblem(circuit, spectrum, weighting, {});
      const x = problem.toInternal(
        Object.fromEntries(circuit.parameters.map((q, k) => [q.name, VALUES[k] * (q.fraction ? 0.9 : 1.3)])),
      );
      const m = problem.residualCount;
      const p = x.length;
      const residuals = (at: Float64Array) => {
        const out = new Float64Array(m);
        problem.residuals(at, out);
        return out;
      };
      const jacobian = new Float64Array(m * p);
      problem.exactJacobian(x, jacobian);
      for (let k = 0; k < p; k++) {
        const column = Float64Array.from({ length: m }, (_, i) => jacobian[i * p + k]);
        const error = relativeError(column, fivePoint(residuals, x, k, 1e-3));
        expect(error, circuit.parameters[k].name).toBeLessThan(1e-6);
      }
    },
  );
});
