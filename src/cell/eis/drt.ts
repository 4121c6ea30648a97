import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, solve } from "ml-matrix";
import { nonNegativeQuadratic, normalEquations } from "../../numerics/nnls.js";
import type { ImpedanceSpectrum } from "./fit.js";

export interface DrtOptions {
  /** Tikhonov weight, or "cross-validate" to pick it by generalised cross-validation. Default 1e-3. */
  lambda?: number | "cross-validate";
  /** Number of relaxation times; default 10 per decade of the range, ends included. */
  tauPoints?: number;
  /** Shortest relaxation time; default a decade below 1/ω_max. */
  shortestTau_s?: number;
  /** Longest relaxation time; default a decade above 1/ω_min. */
  longestTau_s?: number;
  /** Fit a series inductance (≥ 0) as well; pyDRTtools' "with inductance". Default false. */
  inductance?: boolean;
  /** Order of the derivative of γ(ln τ) that is penalised (1 or 2). Default 1. */
  derivative?: 1 | 2;
}

export interface DistributionOfRelaxationTimes {
  /** Log-even relaxation times, ascending. */
  tau_s: Float64Array;
  /** γ(ln τ), constant over each cell of width Δ ln τ around tau_s: Z = R∞ + ∫ γ/(1 + iωτ) d ln τ. */
  gamma_ohm: Float64Array;
  resistanceInfinity_ohm: number;
  inductance_H: number;
  /** ∫ γ d ln τ: the polarisation resistance the distribution accounts for. */
  polarisation_ohm: number;
  lambda: number;
  lambdaChosenBy: "given" | "generalised cross-validation";
  /** The distribution's impedance at the measured frequencies. */
  model: ImpedanceSpectrum;
  /** Root mean square of Z − Z_model over real and imaginary parts. */
  residualRms_ohm: number;
  /** False when the non-negative solver ran out of iterations. */
  converged: boolean;
}

const DEFAULT_LAMBDA = 1e-3;
const LAMBDA_SEARCH = { lowest: 1e-9, highest: 1, perDecade: 4 };

/** log(1 + e^z) without overflow. */
const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));

/**
 * Distribution of relaxation times by Tikhonov-regularised non-negative least squares, as
 * pyDRTtools does (Wan, Saccoccio, Chen & Ciucci, Electrochim. Acta 184 (2015) 483):
 * Z(ω) = R∞ + iωL + ∫ γ(ln τ) / (1 + iωτ) d ln τ with γ piecewise constant on a log-even τ grid, so
 * each column is an exact integral over its cell (no quadrature error); the misfit in ohm (unit
 * weighting) plus λ ∫ (dᵏγ/d ln τᵏ)² d ln τ is minimised with γ, R∞, L ≥ 0. With unit weighting
 * both terms scale as ohm², so λ does not depend on the size of the impedance.
 */
export function distributionOfRelaxationTimes(
  spectrum: ImpedanceSpectrum,
  options: DrtOptions = {},
): DistributionOfRelaxationTimes {
  const omega = Float64Array.from(spectrum.frequency_Hz, (f) => 2 * Math.PI * f);
  const omegaMax = Math.max(...omega);
  const omegaMin = Math.min(...omega);
  const tauLow = options.shortestTau_s ?? 0.1 / omegaMax;
  const tauHigh = options.longestTau_s ?? 10 / omegaMin;
  if (!(tauLow > 0 && tauHigh > tauLow))
    throw new Error(`DRT: tau range must be 0 < low < high, got ${tauLow}, ${tauHigh}`);
  const points = options.tauPoints ?? Math.round(10 * Math.log10(tauHigh / tauLow)) + 1;
  if (!(Number.isInteger(points) && points >= 3))
    throw new Error(`DRT: need at least 3 tau points, got ${points}`);
  const step = Math.log(tauHigh / tauLow) / (points - 1);
  const tau_s = Float64Array.from({ length: points }, (_, k) => tauLow * Math.exp(k * step));
  const problem = buildProblem(
    spectrum,
    omega,
    tau_s,
    step,
    options.inductance ?? false,
    options.derivative ?? 1,
  );
  const chosen = options.lambda ?? DEFAULT_LAMBDA;
  const lambda = chosen === "cross-validate" ? generalisedCrossValidation(problem) : chosen;
  if (!(lambda >= 0)) throw new Error(`DRT: lambda must be ≥ 0, got ${lambda}`);
  const solution = nonNegativeQuadratic(regularisedGram(problem, lambda), problem.linear, problem.columns);
  const x = solution.x;
  const offset = problem.inductance ? 2 : 1;
  const gamma_ohm = x.slice(offset);
  const fitted = multiply(problem, x);
  const n = omega.length;
  let squares = 0;
  for (let r = 0; r < 2 * n; r++) squares += (fitted[r] - problem.target[r]) ** 2;
  return {
    tau_s,
    gamma_ohm,
    resistanceInfinity_ohm: x[0],
    inductance_H: problem.inductance ? x[1] / omegaMax : 0,
    polarisation_ohm: gamma_ohm.reduce((sum, g) => sum + g * step, 0),
    lambda,
    lambdaChosenBy: chosen === "cross-validate" ? "generalised cross-validation" : "given",
    model: {
      frequency_Hz: spectrum.frequency_Hz,
      real_ohm: Float64Array.from({ length: n }, (_, i) => fitted[2 * i]),
      imaginary_ohm: Float64Array.from({ length: n }, (_, i) => fitted[2 * i + 1]),
    },
    residualRms_ohm: Math.sqrt(squares / (2 * n)),
    converged: solution.converged,
  };
}

interface DrtProblem {
  /** Rows 2i (real) and 2i+1 (imaginary) of the design matrix, row-major (2n) × columns. */
  design: Float64Array;
  target: Float64Array;
  rows: number;
  columns: number;
  inductance: boolean;
  /** AᵀA and Aᵀb. */
  gram: Float64Array;
  linear: Float64Array;
  /** The roughness penalty's matrix: λ · xᵀ penalty x is added to the misfit. */
  penalty: Float64Array;
}

function buildProblem(
  spectrum: ImpedanceSpectrum,
  omega: Float64Array,
  tau_s: Float64Array,
  step: number,
  inductance: boolean,
  derivative: 1 | 2,
): DrtProblem {
  const n = omega.length;
  const points = tau_s.length;
  const offset = inductance ? 2 : 1;
  const columns = offset + points;
  const rows = 2 * n;
  const omegaMax = Math.max(...omega);
  const design = new Float64Array(rows * columns);
  const target = new Float64Array(rows);
  for (let i = 0; i < n; i++) {
    const re = 2 * i * columns;
    const im = (2 * i + 1) * columns;
    target[2 * i] = spectrum.real_ohm[i];
    target[2 * i + 1] = spectrum.imaginary_ohm[i];
    design[re] = 1;
    // The inductance in units of 1/ω_max keeps its column of order one, like the others.
    if (inductance) design[im + 1] = omega[i] / omegaMax;
    for (let k = 0; k < points; k++) {
      // u = ln(ωτ) at the cell's edges; ∫ du/(1+e^{2u}) and ∫ e^u du/(1+e^{2u}) in closed form.
      const low = Math.log(omega[i] * tau_s[k]) - step / 2;
      const high = low + step;
      design[re + offset + k] = step - 0.5 * (softplus(2 * high) - softplus(2 * low));
      design[im + offset + k] = -(Math.atan(Math.exp(high)) - Math.atan(Math.exp(low)));
    }
  }
  const { gram, linear } = normalEquations(design, target, rows, columns);
  return {
    design,
    target,
    rows,
    columns,
    inductance,
    gram,
    linear,
    penalty: roughnessPenalty(points, step, derivative, offset, columns),
  };
}

/**
 * DᵀD for ∫ (dᵏγ/d ln τᵏ)² d ln τ ≈ Σ (Δᵏγ / stepᵏ)² step on the γ block; R∞ and L are free of it.
 * Scaled by the step so that λ means the same on a finer grid.
 */
function roughnessPenalty(
  points: number,
  step: number,
  derivative: 1 | 2,
  offset: number,
  columns: number,
): Float64Array {
  const stencil = derivative === 1 ? [-1, 1] : [1, -2, 1];
  const scale = 1 / step ** (2 * derivative - 1);
  const penalty = new Float64Array(columns * columns);
  for (let start = 0; start + stencil.length <= points; start++) {
    for (let a = 0; a < stencil.length; a++) {
      for (let b = 0; b < stencil.length; b++) {
        const j = offset + start + a;
        const k = offset + start + b;
        penalty[j * columns + k] += scale * stencil[a] * stencil[b];
      }
    }
  }
  return penalty;
}

function regularisedGram(problem: DrtProblem, lambda: number): Float64Array {
  return problem.gram.map((g, index) => g + lambda * problem.penalty[index]);
}

function multiply(problem: DrtProblem, x: Float64Array): Float64Array {
  const { design, rows, columns } = problem;
  const result = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = 0; j < columns; j++) sum += design[r * columns + j] * x[j];
    result[r] = sum;
  }
  return result;
}

/**
 * GCV score of the unconstrained regularised solution (Golub, Heath & Wahba, Technometrics 21
 * (1979) 215; pyDRTtools' "GCV"), m ‖(I − H)b‖² / (m − tr H)² with H = A (AᵀA + λP)⁻¹ Aᵀ, as a
 * function of λ. One factorisation serves every λ: with G + P = LLᵀ and L⁻¹GL⁻ᵀ = V diag(k) Vᵀ,
 * G + λP = L V diag(k + λ(1 − k)) Vᵀ Lᵀ, so tr H = Σ k/(k + λ(1 − k)) and the solution is
 * L⁻ᵀ V diag(1/(k + λ(1 − k))) Vᵀ L⁻¹ Aᵀb.
 */
function gcvCurve(problem: DrtProblem): (lambda: number) => number {
  const { columns, rows } = problem;
  const square = (values: Float64Array) =>
    Matrix.from1DArray(columns, columns, Array.from(values) as number[]);
  const gram = square(problem.gram);
  const lower = new CholeskyDecomposition(gram.clone().add(square(problem.penalty))).lowerTriangularMatrix;
  const lowerInverse = solve(lower, Matrix.eye(columns));
  const whitened = lowerInverse.mmul(gram).mmul(lowerInverse.transpose());
  const symmetric = whitened.add(whitened.transpose()).mul(0.5);
  const eigen = new EigenvalueDecomposition(symmetric, { assumeSymmetric: true });
  const k = eigen.realEigenvalues;
  const vectors = eigen.eigenvectorMatrix;
  const back = lowerInverse.transpose().mmul(vectors);
  const z = vectors
    .transpose()
    .mmul(lowerInverse)
    .mmul(Matrix.columnVector(Array.from(problem.linear)))
    .getColumn(0);
  return (lambda) => {
    const d = k.map((ki) => ki + lambda * (1 - ki));
    const x = Float64Array.from(back.mmul(Matrix.columnVector(z.map((zi, i) => zi / d[i]))).getColumn(0));
    const fitted = multiply(problem, x);
    let squares = 0;
    for (let r = 0; r < rows; r++) squares += (fitted[r] - problem.target[r]) ** 2;
    const trace = k.reduce((sum, ki, i) => sum + ki / d[i], 0);
    return (rows * squares) / (rows - trace) ** 2;
  };
}

/** The λ of least GCV score: a scan at 4 per decade, then golden section between its neighbours. */
function generalisedCrossValidation(problem: DrtProblem): number {
  const score = gcvCurve(problem);
  const { lowest, highest, perDecade } = LAMBDA_SEARCH;
  const count = Math.round(Math.log10(highest / lowest) * perDecade) + 1;
  const logs = Array.from({ length: count }, (_, i) => Math.log10(lowest) + i / perDecade);
  const scores = logs.map((l) => score(10 ** l));
  const best = scores.indexOf(Math.min(...scores));
  let a = logs[Math.max(0, best - 1)];
  let b = logs[Math.min(count - 1, best + 1)];
  const ratio = (Math.sqrt(5) - 1) / 2;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let scoreC = score(10 ** c);
  let scoreD = score(10 ** d);
  for (let iteration = 0; iteration < 20; iteration++) {
    if (scoreC < scoreD) {
      b = d;
      d = c;
      scoreD = scoreC;
      c = b - ratio * (b - a);
      scoreC = score(10 ** c);
    } else {
      a = c;
      c = d;
      scoreC = scoreD;
      d = a + ratio * (b - a);
      scoreD = score(10 ** d);
    }
  }
  return 10 ** ((a + b) / 2);
}
