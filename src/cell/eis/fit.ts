import { inputError } from "../../errors.js";
import { levenbergMarquardt } from "../../numerics/index.js";
import type { Circuit, CircuitParameter } from "./circuit.js";

/** Impedance spectrum; `imaginary_ohm` is Im(Z) (negative for capacitive arcs). */
export interface ImpedanceSpectrum {
  frequency_Hz: Float64Array;
  real_ohm: Float64Array;
  imaginary_ohm: Float64Array;
}

/** Residual weights: 1/|Z| (modulus), 1 (unit), or 1/|Re Z|, 1/|Im Z| (proportional). */
export type Weighting = "modulus" | "unit" | "proportional";

export interface FittedParameter extends CircuitParameter {
  value: number;
  standardError: number;
}

export interface CircuitFit {
  parameters: FittedParameter[];
  /** Weighted sum of squares divided by the degrees of freedom 2N - p. */
  reducedChiSquare: number;
  model: { real_ohm: Float64Array; imaginary_ohm: Float64Array };
  iterations: number;
  converged: boolean;
}

const FRACTION_MIN = 0.01;

/**
 * Starting values when the user gives none: series resistance from the high-frequency limit of
 * Re Z, the rest of the real-axis span shared among the other resistive elements, and each
 * capacitive element given a characteristic frequency spread log-evenly over the measured range
 * (first element highest, as arcs appear in a Nyquist plot from left to right).
 */
export function estimateInitialGuess(
  circuit: Circuit,
  spectrum: ImpedanceSpectrum,
  variant: { frequencyShift: number; alpha: number } = { frequencyShift: 1, alpha: 0.9 },
): Record<string, number> {
  const n = spectrum.frequency_Hz.length;
  let low = 0;
  let high = 0;
  for (let i = 0; i < n; i++) {
    if (spectrum.frequency_Hz[i] < spectrum.frequency_Hz[low]) low = i;
    if (spectrum.frequency_Hz[i] > spectrum.frequency_Hz[high]) high = i;
  }
  const rHigh = Math.max(spectrum.real_ohm[high], 1e-6);
  const span = Math.max(spectrum.real_ohm[low] - rHigh, 1e-3 * rHigh);
  const elements = [...new Set(circuit.parameters.map((p) => p.element))];
  const resistive = elements.filter((e) => /^(R|Wo|Ws|G)/.test(e));
  const capacitive = elements.filter((e) => /^(C|CPE|Wo|Ws|G)/.test(e) && !/^(R)/.test(e));
  const fMax = spectrum.frequency_Hz[high];
  const fMin = spectrum.frequency_Hz[low];
  const share = span / Math.max(resistive.length - 1, 1);
  const guess: Record<string, number> = {};
  resistive.forEach((e, k) => {
    guess[e.startsWith("R") ? e : `${e}_R`] = k === 0 && e.startsWith("R") ? rHigh : share;
  });
  capacitive.forEach((e, k) => {
    const fraction = capacitive.length === 1 ? 0.5 : k / (capacitive.length - 1);
    const f = fMax ** (1 - fraction) * fMin ** fraction * variant.frequencyShift;
    const tau = 1 / (2 * Math.PI * f);
    if (e.startsWith("CPE")) {
      guess[`${e}_Q`] = tau / share;
      guess[`${e}_alpha`] = variant.alpha;
    } else if (e.startsWith("C")) guess[e] = tau / share;
    else guess[`${e}_tau`] = tau;
  });
  for (const e of elements) {
    if (e.startsWith("W") && !e.startsWith("Wo") && !e.startsWith("Ws"))
      guess[e] = (span * Math.sqrt(2 * Math.PI * fMin)) / 2;
    if (e.startsWith("L")) guess[e] = 1e-7;
  }
  return guess;
}

/**
 * Complex nonlinear least squares: real and imaginary residuals, weighted, minimised by
 * Levenberg-Marquardt over ln(p) for positive parameters (keeps them positive and makes steps
 * scale-free across decades) and over alpha itself for CPE exponents, within bounds.
 * Standard errors from s^2 (J^T J)^-1 with s^2 = SSR / (2N - p) (Orazem & Tribollet,
 * Electrochemical Impedance Spectroscopy, 2nd ed., ch. 19).
 */
export interface FitOptions {
  initial?: Record<string, number>;
  bounds?: Record<string, [number, number]>;
  weighting?: Weighting;
}

// Estimated starts: characteristic frequencies shifted by these factors, CPE exponents 0.9 and 0.7.
const START_VARIANTS = [1, 0.1, 10, 0.01, 100].flatMap((frequencyShift) =>
  [0.9, 0.7].map((alpha) => ({ frequencyShift, alpha })),
);

export function fitCircuit(
  circuit: Circuit,
  spectrum: ImpedanceSpectrum,
  options: FitOptions = {},
): CircuitFit {
  const given = Object.keys(options.initial ?? {});
  if (circuit.parameters.every((q) => given.includes(q.name)))
    return fitFrom(circuit, spectrum, options, options.initial ?? {}, 500);
  // Multi-start for missing guesses: short fits from several estimates, then the best one in full.
  let best: { fit: CircuitFit; start: Record<string, number> } | undefined;
  for (const variant of START_VARIANTS) {
    const start = { ...estimateInitialGuess(circuit, spectrum, variant), ...options.initial };
    const fit = fitFrom(circuit, spectrum, options, start, 60);
    if (!best || fit.reducedChiSquare < best.fit.reducedChiSquare) best = { fit, start };
  }
  return fitFrom(circuit, spectrum, options, (best as { start: Record<string, number> }).start, 500);
}

function fitFrom(
  circuit: Circuit,
  spectrum: ImpedanceSpectrum,
  options: FitOptions,
  initial: Record<string, number>,
  maxIterations: number,
): CircuitFit {
  const n = spectrum.frequency_Hz.length;
  const parameters = circuit.parameters;
  const p = parameters.length;
  if (2 * n <= p) throw inputError("data", `${n} frequencies cannot determine ${p} parameters`);
  for (const name of Object.keys(options.initial ?? {})) {
    if (!parameters.some((q) => q.name === name)) {
      throw inputError(
        `initial.${name}`,
        `no such parameter in ${circuit.text} (parameters: ${parameters.map((q) => q.name).join(", ")})`,
      );
    }
  }
  const omega = Float64Array.from(spectrum.frequency_Hz, (f) => 2 * Math.PI * f);
  const weighting = options.weighting ?? "modulus";
  const weightRe = new Float64Array(n);
  const weightIm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const modulus = Math.hypot(spectrum.real_ohm[i], spectrum.imaginary_ohm[i]);
    weightRe[i] =
      weighting === "unit"
        ? 1
        : 1 / (weighting === "modulus" ? modulus : Math.abs(spectrum.real_ohm[i]) || modulus);
    weightIm[i] =
      weighting === "unit"
        ? 1
        : 1 / (weighting === "modulus" ? modulus : Math.abs(spectrum.imaginary_ohm[i]) || modulus);
  }
  const toPhysical = (internal: Float64Array, out: Float64Array) => {
    for (let k = 0; k < p; k++) out[k] = parameters[k].fraction ? internal[k] : Math.exp(internal[k]);
  };
  const lower = new Float64Array(p);
  const upper = new Float64Array(p);
  const start = new Float64Array(p);
  parameters.forEach((q, k) => {
    const [lo, hi] =
      options.bounds?.[q.name] ?? (q.fraction ? [FRACTION_MIN, 1] : [0, Number.POSITIVE_INFINITY]);
    const value = initial[q.name];
    if (!(value > 0))
      throw inputError(`initial.${q.name}`, `expected a positive starting value, got ${value}`);
    lower[k] = q.fraction ? lo : lo > 0 ? Math.log(lo) : Number.NEGATIVE_INFINITY;
    upper[k] = q.fraction ? hi : Number.isFinite(hi) ? Math.log(hi) : Number.POSITIVE_INFINITY;
    start[k] = q.fraction ? Math.min(Math.max(value, lo), hi) : Math.log(value);
  });
  const physical = new Float64Array(p);
  const modelRe = new Float64Array(n);
  const modelIm = new Float64Array(n);
  const result = levenbergMarquardt(
    {
      residualCount: 2 * n,
      lower,
      upper,
      residuals(internal, out) {
        toPhysical(internal, physical);
        circuit.impedance(physical, omega, modelRe, modelIm);
        for (let i = 0; i < n; i++) {
          out[2 * i] = (modelRe[i] - spectrum.real_ohm[i]) * weightRe[i];
          out[2 * i + 1] = (modelIm[i] - spectrum.imaginary_ohm[i]) * weightIm[i];
        }
      },
    },
    start,
    { maxIterations },
  );
  toPhysical(result.parameters, physical);
  circuit.impedance(physical, omega, modelRe, modelIm);
  const dof = 2 * n - p;
  const variance = result.sumOfSquares / dof;
  return {
    parameters: parameters.map((q, k) => {
      const internalError = Math.sqrt(variance * result.inverseNormalMatrix[k * p + k]);
      return {
        ...q,
        value: physical[k],
        standardError: q.fraction ? internalError : physical[k] * internalError,
      };
    }),
    reducedChiSquare: variance,
    model: { real_ohm: modelRe, imaginary_ohm: modelIm },
    iterations: result.iterations,
    converged: result.converged,
  };
}
