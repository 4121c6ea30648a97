import { SeededRandom } from "../../numerics/index.js";
import type { Circuit } from "./circuit.js";
import type { ImpedanceSpectrum } from "./fit.js";

/**
 * Frequencies from `from` down to `to` (Hz), log-evenly spaced at about `perDecade` points per
 * decade, both ends included: the order of a sweep from high to low frequency.
 */
export function logFrequencies(from_Hz: number, to_Hz: number, perDecade: number): Float64Array {
  const decades = Math.log10(from_Hz / to_Hz);
  const n = Math.max(2, Math.round(Math.abs(decades) * perDecade) + 1);
  return Float64Array.from({ length: n }, (_, i) => from_Hz * 10 ** (-(decades * i) / (n - 1)));
}

/** Z of `circuit` with parameter values in the circuit's parameter order, at `frequency_Hz`. */
export function circuitSpectrum(
  circuit: Circuit,
  values: ArrayLike<number>,
  frequency_Hz: Float64Array,
): ImpedanceSpectrum {
  const real_ohm = new Float64Array(frequency_Hz.length);
  const imaginary_ohm = new Float64Array(frequency_Hz.length);
  circuit.impedance(
    Float64Array.from(values),
    Float64Array.from(frequency_Hz, (f) => 2 * Math.PI * f),
    real_ohm,
    imaginary_ohm,
  );
  return { frequency_Hz, real_ohm, imaginary_ohm };
}

/**
 * Adds seeded Gaussian noise of standard deviation `relative` |Z| to the real and the imaginary part
 * of every point, in place: the proportional noise of an impedance analyser's stated accuracy.
 */
export function addProportionalNoise(spectrum: ImpedanceSpectrum, relative: number, seed: number): void {
  const random = new SeededRandom(seed);
  for (let i = 0; i < spectrum.frequency_Hz.length; i++) {
    const modulus = Math.hypot(spectrum.real_ohm[i], spectrum.imaginary_ohm[i]);
    spectrum.real_ohm[i] += relative * modulus * random.normal();
    spectrum.imaginary_ohm[i] += relative * modulus * random.normal();
  }
}
