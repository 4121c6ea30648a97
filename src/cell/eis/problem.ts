import { inputError } from "../../errors.js";
import type { LeastSquaresProblem } from "../../numerics/index.js";
import type { Circuit, CircuitParameter } from "./circuit.js";
import type { ImpedanceSpectrum, Weighting } from "./fit.js";

const FRACTION_MIN = 0.01;

/**
 * A circuit fit as a least-squares problem in internal coordinates: ln p for positive parameters
 * (keeps them positive and makes steps scale-free across decades), the CPE exponent itself in
 * (0, 1]. Residuals are the weighted real and imaginary misfits, interleaved.
 */
export class CircuitProblem implements LeastSquaresProblem {
  readonly residualCount: number;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Residuals at a relative 1e-10 of the weighted data are rounding noise: an exact fit. */
  negligibleSumOfSquares = 0;
  readonly parameters: CircuitParameter[];
  readonly model: { real_ohm: Float64Array; imaginary_ohm: Float64Array };
  /** Residual weights of the real and imaginary parts (1/ohm, or 1 for unit weighting). */
  readonly weightRe: Float64Array;
  readonly weightIm: Float64Array;
  private readonly omega: Float64Array;
  private readonly physical: Float64Array;
  private readonly scratch: Float64Array;
  private readonly derivatives: { re: Float64Array; im: Float64Array };
  /** The circuit's derivatives kept at one point (pinDerivatives), and that point. */
  private pinned: { at: Float64Array; re: Float64Array; im: Float64Array } | null = null;

  constructor(
    readonly circuit: Circuit,
    readonly spectrum: ImpedanceSpectrum,
    readonly weighting: Weighting,
    readonly bounds: Record<string, [number, number]>,
  ) {
    const n = spectrum.frequency_Hz.length;
    this.parameters = circuit.parameters;
    const p = this.parameters.length;
    if (2 * n <= p) throw inputError("data", `${n} frequencies cannot determine ${p} parameters`);
    for (const name of Object.keys(bounds)) this.indexOf(name, "bounds");
    this.residualCount = 2 * n;
    this.omega = Float64Array.from(spectrum.frequency_Hz, (f) => 2 * Math.PI * f);
    this.weightRe = new Float64Array(n);
    this.weightIm = new Float64Array(n);
    this.reweigh();
    this.lower = new Float64Array(p);
    this.upper = new Float64Array(p);
    this.parameters.forEach((q, k) => {
      const [lo, hi] = bounds[q.name] ?? (q.fraction ? [FRACTION_MIN, 1] : [0, Number.POSITIVE_INFINITY]);
      this.lower[k] = q.fraction ? lo : lo > 0 ? Math.log(lo) : Number.NEGATIVE_INFINITY;
      this.upper[k] = q.fraction ? hi : Number.isFinite(hi) ? Math.log(hi) : Number.POSITIVE_INFINITY;
    });
    this.physical = new Float64Array(p);
    this.scratch = new Float64Array(2 * n);
    this.derivatives = { re: new Float64Array(p * n), im: new Float64Array(p * n) };
    this.model = { real_ohm: new Float64Array(n), imaginary_ohm: new Float64Array(n) };
  }

  /** The same circuit, weighting and bounds fitted to other data (weights taken from that data). */
  withSpectrum(spectrum: ImpedanceSpectrum): CircuitProblem {
    return new CircuitProblem(this.circuit, spectrum, this.weighting, this.bounds);
  }

  /**
   * Weights (and the exact-fit threshold) from the spectrum's values: called by the constructor, and
   * again after those values were changed in place (one problem for all of a bootstrap's resampled
   * spectra instead of one per spectrum).
   */
  reweigh(): void {
    const { real_ohm, imaginary_ohm } = this.spectrum;
    let data = 0;
    for (let i = 0; i < real_ohm.length; i++) {
      const modulus = Math.hypot(real_ohm[i], imaginary_ohm[i]);
      const re = Math.abs(real_ohm[i]) || modulus;
      const im = Math.abs(imaginary_ohm[i]) || modulus;
      this.weightRe[i] = this.weighting === "unit" ? 1 : 1 / (this.weighting === "modulus" ? modulus : re);
      this.weightIm[i] = this.weighting === "unit" ? 1 : 1 / (this.weighting === "modulus" ? modulus : im);
    }
    for (let i = 0; i < real_ohm.length; i++)
      data += (real_ohm[i] * this.weightRe[i]) ** 2 + (imaginary_ohm[i] * this.weightIm[i]) ** 2;
    this.negligibleSumOfSquares = 1e-20 * data;
  }

  /** Position of parameter `name`; an input error at `path` names the circuit's parameters otherwise. */
  indexOf(name: string, path: string): number {
    const k = this.parameters.findIndex((q) => q.name === name);
    if (k < 0) {
      throw inputError(
        `${path}.${name}`,
        `no such parameter in ${this.circuit.text} (parameters: ${this.parameters.map((q) => q.name).join(", ")})`,
      );
    }
    return k;
  }

  toInternal(values: Record<string, number>): Float64Array {
    return Float64Array.from(this.parameters, (q, k) => {
      const value = values[q.name];
      if (!(value > 0))
        throw inputError(`initial.${q.name}`, `expected a positive starting value, got ${value}`);
      const x = q.fraction ? value : Math.log(value);
      return Math.min(Math.max(x, this.lower[k]), this.upper[k]);
    });
  }

  toPhysical(internal: Float64Array, out: Float64Array = new Float64Array(internal.length)): Float64Array {
    for (let k = 0; k < this.parameters.length; k++)
      out[k] = this.parameters[k].fraction ? internal[k] : Math.exp(internal[k]);
    return out;
  }

  /** Fills `model` with the circuit's impedance at `internal`. */
  evaluate(internal: Float64Array): void {
    // `omega` is private and never changed: branches whose parameters did not move are reused.
    this.circuit.impedance(
      this.toPhysical(internal, this.physical),
      this.omega,
      this.model.real_ohm,
      this.model.imaginary_ohm,
      true,
    );
  }

  residuals(internal: Float64Array, out: Float64Array): void {
    this.evaluate(internal);
    const { real_ohm, imaginary_ohm } = this.spectrum;
    for (let i = 0; i < this.omega.length; i++) {
      out[2 * i] = (this.model.real_ohm[i] - real_ohm[i]) * this.weightRe[i];
      out[2 * i + 1] = (this.model.imaginary_ohm[i] - imaginary_ohm[i]) * this.weightIm[i];
    }
  }

  /**
   * Jacobian of the residuals in internal coordinates (row-major, residualCount x parameters) from the
   * circuit's analytic derivatives: d/d ln p = p d/dp for positive parameters.
   */
  exactJacobian(internal: Float64Array, out: Float64Array): void {
    const physical = this.toPhysical(internal, this.physical);
    const pinned = this.pinned !== null && equal(this.pinned.at, internal) ? this.pinned : null;
    const { re, im } = pinned ?? this.derivatives;
    // `omega` is private and never changed: its logarithms are kept from call to call.
    if (!pinned)
      this.circuit.impedanceDerivatives(
        physical,
        this.omega,
        this.model.real_ohm,
        this.model.imaginary_ohm,
        this.derivatives,
        true,
      );
    const n = this.omega.length;
    const p = this.parameters.length;
    for (let k = 0; k < p; k++) {
      const chain = this.parameters[k].fraction ? 1 : physical[k];
      for (let i = 0; i < n; i++) {
        out[2 * i * p + k] = influence(re[k * n + i] * chain) * this.weightRe[i];
        out[(2 * i + 1) * p + k] = influence(im[k * n + i] * chain) * this.weightIm[i];
      }
    }
  }

  /**
   * Keeps the circuit's derivatives at `internal`, which depend on the parameters alone (the weights
   * are applied after): exactJacobian there copies them instead of evaluating the circuit again. A
   * bootstrap's refits all start at the best fit, each with its own data and weights.
   */
  pinDerivatives(internal: Float64Array): void {
    const n = this.omega.length;
    const p = this.parameters.length;
    const pinned = {
      at: Float64Array.from(internal),
      re: new Float64Array(p * n),
      im: new Float64Array(p * n),
    };
    this.circuit.impedanceDerivatives(
      this.toPhysical(internal, this.physical),
      this.omega,
      this.model.real_ohm,
      this.model.imaginary_ohm,
      pinned,
      true,
    );
    this.pinned = pinned;
  }

  /**
   * This problem with the exact Jacobian, for Levenberg-Marquardt runs that start near a minimum
   * (bootstrap refits), where it costs one evaluation with derivatives instead of one evaluation per
   * parameter and changes nothing but rounding. The global stage keeps forward differences: its
   * runs start far from any minimum, where the basin reached depends on the path, and with exact
   * derivatives the Randles fits of fit.test.ts from estimated starts (noise seeds 1, 26, 37) ended
   * in a basin 56 times the truth's reduced chi-square with R0 and CPE1 identified, which does not
   * call for the second evolution that finds the truth's basin.
   */
  withExactJacobian(): LeastSquaresProblem {
    const problem = this;
    return {
      residualCount: this.residualCount,
      lower: this.lower,
      upper: this.upper,
      get negligibleSumOfSquares() {
        return problem.negligibleSumOfSquares;
      },
      residuals: (internal, out) => this.residuals(internal, out),
      jacobian: (internal, _residuals, out) => this.exactJacobian(internal, out),
    };
  }

  /** Weighted sum of squares at `internal` (the objective of the global stage). */
  sumOfSquares(internal: Float64Array): number {
    this.residuals(internal, this.scratch);
    let sum = 0;
    for (const r of this.scratch) sum += r * r;
    return sum;
  }
}

function equal(a: Float64Array, b: Float64Array): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * p dZ/dp of a parameter beyond the range of doubles (ln p above 709: a Wo tau or a parallel R run
 * off to infinity) is 0 times infinity: its limit, no influence left, is 0 (as forward differences
 * find it).
 */
function influence(value: number): number {
  return Number.isNaN(value) ? 0 : value;
}
