import { Matrix, QrDecomposition } from "ml-matrix";
import type { ImpedanceSpectrum } from "./fit.js";

export interface KramersKronigTest {
  /** Number of RC elements used (chosen by the mu criterion). */
  elements: number;
  mu: number;
  /** (Z - Z_KK) / |Z| for the real and imaginary parts. */
  residualReal: Float64Array;
  residualImaginary: Float64Array;
  maxResidual: number;
  /** True when every relative residual stays below the threshold. */
  valid: boolean;
  /**
   * Root mean square of the relative residuals over real and imaginary parts: the relative noise of
   * the spectrum as far as a Kramers-Kronig-compliant model can tell (Schoenleber 2014, sec. 4).
   */
  noiseLevel: number;
}

/**
 * Which part of the spectrum the RC elements are fitted to (impedance.py and the KK test tools):
 * both, the real part only (series L and 1/C then fitted to the imaginary remainder), or the
 * imaginary part only (the series R then fitted to the real remainder).
 */
export type KramersKronigFit = "complex" | "real" | "imaginary";

export interface KramersKronigOptions {
  /** Largest relative residual of a valid spectrum. */
  threshold?: number;
  /** Stop adding RC elements once mu falls below this (0.85 in Schoenleber 2014). */
  muCutoff?: number;
  /** Never more RC elements than this (default: the number of frequencies). */
  maxElements?: number;
  fit?: KramersKronigFit;
}

/**
 * Lin-KK test (Schoenleber, Klotz & Ivers-Tiffee, Electrochim. Acta 131 (2014) 20-27): fit the
 * spectrum with an ohmic resistance and M Voigt RC elements of fixed time constants, log-spaced
 * between 1/omega_max and 1/omega_min, by weighted linear least squares (1/|Z|). M grows until
 * mu = 1 - sum|R_k<0| / sum|R_k>=0| falls below 0.85 (over-fitting starts), never beyond the
 * number of frequencies. Any spectrum obeying Kramers-Kronig can be fitted; residuals above ~1%
 * flag drift or non-linearity.
 *
 * M starts at one element per decade of the measured range (plus one), not at 1 as impedance.py's
 * linKK does: with fewer elements than decades the fit cannot follow a broad arc (a CPE, a finite
 * Warburg), and the negative resistances it then uses to bend the curve are under-fitting, not
 * the over-fitting mu is meant to detect. Starting lower, a clean Randles spectrum with a CPE and a
 * Wo over 1e-2..1e6 Hz stopped at M = 6 with mu = 0.6 and 7 % residuals, and was called invalid.
 */
export function linKK(spectrum: ImpedanceSpectrum, options: KramersKronigOptions = {}): KramersKronigTest {
  const threshold = options.threshold ?? 0.01;
  const muCutoff = options.muCutoff ?? 0.85;
  const kind = options.fit ?? "complex";
  const n = spectrum.frequency_Hz.length;
  const omega = Float64Array.from(spectrum.frequency_Hz, (f) => 2 * Math.PI * f);
  const omegaMax = Math.max(...omega);
  const omegaMin = Math.min(...omega);
  const modulus = Float64Array.from({ length: n }, (_, i) =>
    Math.hypot(spectrum.real_ohm[i], spectrum.imaginary_ohm[i]),
  );
  let last: KramersKronigTest | undefined;
  // Never more unknowns than the rows they are fitted to: R0 and R_k on the real parts (N rows),
  // R_k, L and 1/C on the imaginary parts (N rows), all of them on both (2N rows, M <= N).
  const rowLimit = kind === "real" ? n - 1 : kind === "imaginary" ? n - 2 : n;
  const maxElements = Math.max(2, Math.min(options.maxElements ?? n, rowLimit));
  const decades = Math.log10(omegaMax / omegaMin);
  const minElements = Math.min(maxElements, Math.max(2, Math.ceil(decades) + 1));
  for (let m = minElements; m <= maxElements; m++) {
    const tau = Float64Array.from(
      { length: m },
      (_, k) => (1 / omegaMax) * (omegaMax / omegaMin) ** (k / (m - 1)),
    );
    // Unknowns: R0, R_1..R_m, a series inductance (high-frequency tail) and a series inverse
    // capacitance (capacitive or diffusive low-frequency tail), as in the original method's extension.
    const columns = m + 3;
    const a = new Matrix(2 * n, columns);
    const b = new Matrix(2 * n, 1);
    for (let i = 0; i < n; i++) {
      const w = 1 / modulus[i];
      a.set(2 * i, 0, w);
      a.set(2 * i + 1, m + 1, omega[i] * w);
      a.set(2 * i + 1, m + 2, (-1 / omega[i]) * w);
      for (let k = 0; k < m; k++) {
        const x = omega[i] * tau[k];
        const d = 1 + x * x;
        a.set(2 * i, k + 1, w / d);
        a.set(2 * i + 1, k + 1, (-x / d) * w);
      }
      b.set(2 * i, 0, spectrum.real_ohm[i] * w);
      b.set(2 * i + 1, 0, spectrum.imaginary_ohm[i] * w);
    }
    const solution = solveKind(a, b, kind, m);
    let negative = 0;
    let positive = 0;
    for (let k = 1; k <= m; k++) {
      if (solution[k] < 0) negative += -solution[k];
      else positive += solution[k];
    }
    const mu = positive > 0 ? 1 - negative / positive : 0;
    const fitted = a.mmul(Matrix.columnVector(solution)).getColumn(0);
    const residualReal = new Float64Array(n);
    const residualImaginary = new Float64Array(n);
    let maxResidual = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      // Rows are already divided by |Z|: the difference is the relative residual.
      residualReal[i] = b.get(2 * i, 0) - fitted[2 * i];
      residualImaginary[i] = b.get(2 * i + 1, 0) - fitted[2 * i + 1];
      maxResidual = Math.max(maxResidual, Math.abs(residualReal[i]), Math.abs(residualImaginary[i]));
      squares += residualReal[i] ** 2 + residualImaginary[i] ** 2;
    }
    last = {
      elements: m,
      mu,
      residualReal,
      residualImaginary,
      maxResidual,
      valid: maxResidual < threshold,
      noiseLevel: Math.sqrt(squares / (2 * n)),
    };
    if (mu < muCutoff) break;
  }
  return last as KramersKronigTest;
}

/**
 * Least squares for the columns [R0, R_1..R_m, L, 1/C] on the rows the fit type uses; the unknowns
 * that part cannot see (L and 1/C have no real part, R0 no imaginary part) are then fitted to the
 * remainder of the other part.
 */
function solveKind(a: Matrix, b: Matrix, kind: KramersKronigFit, m: number): number[] {
  if (kind === "complex") return new QrDecomposition(a).solve(b).getColumn(0);
  const parity = kind === "real" ? 0 : 1;
  const seen = kind === "real" ? range(0, m + 1) : range(1, m + 3);
  const unseen = kind === "real" ? [m + 1, m + 2] : [0];
  const rows = range(0, a.rows).filter((r) => r % 2 === parity);
  const other = range(0, a.rows).filter((r) => r % 2 !== parity);
  const solution = new Array<number>(m + 3).fill(0);
  const first = new QrDecomposition(a.subMatrixRow(rows).subMatrixColumn(seen))
    .solve(b.subMatrixRow(rows))
    .getColumn(0);
  seen.forEach((c, k) => {
    solution[c] = first[k];
  });
  const remainder = b
    .subMatrixRow(other)
    .sub(a.subMatrixRow(other).subMatrixColumn(seen).mmul(Matrix.columnVector(first)));
  const second = new QrDecomposition(a.subMatrixRow(other).subMatrixColumn(unseen))
    .solve(remainder)
    .getColumn(0);
  unseen.forEach((c, k) => {
    solution[c] = second[k];
  });
  return solution;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}
