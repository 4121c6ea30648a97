import type { ImpedanceSpectrum } from "./fit.js";

/**
 * Chi-square per point of a model against a relative noise level sigma (e.g. Lin-KK's noiseLevel):
 * (1/2N) sum over real and imaginary parts of ((Z_model - Z) / (sigma |Z|))^2. About 1 when the
 * model misses the data by no more than the noise; far above 1 when the circuit cannot describe the
 * spectrum, whatever weighting the fit used (Orazem & Tribollet, 2nd ed., sec. 19.6).
 */
export function chiSquarePerPoint(
  spectrum: ImpedanceSpectrum,
  model: { real_ohm: ArrayLike<number>; imaginary_ohm: ArrayLike<number> },
  relativeNoise: number,
): number {
  const n = spectrum.frequency_Hz.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const scale = relativeNoise * Math.hypot(spectrum.real_ohm[i], spectrum.imaginary_ohm[i]);
    sum +=
      ((model.real_ohm[i] - spectrum.real_ohm[i]) / scale) ** 2 +
      ((model.imaginary_ohm[i] - spectrum.imaginary_ohm[i]) / scale) ** 2;
  }
  return sum / (2 * n);
}
