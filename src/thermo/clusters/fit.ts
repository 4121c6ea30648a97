/**
 * Fitting cluster-expansion coefficients to energies (Xie2024 eq 1):
 *   minimise ||E - Π J||² + α ||J||₁
 * by cyclic coordinate descent (the empty-cluster column, the constant, is not penalised), with the
 * regularisation α chosen by a 5-fold cross-validated grid search; ordinary least squares as the
 * baseline; and removal of duplicate feature columns keeping the earlier (shorter) cluster.
 * Feature matrices are arrays of rows (one per structure).
 */
import { Matrix, QrDecomposition } from "ml-matrix";
import { inputError } from "../../errors.js";
import { SeededRandom } from "../../numerics/index.js";

const DUPLICATE_TOLERANCE = 1e-10;

/** Indices of the columns to keep: a column equal to an earlier one is dropped (Xie2024 §4). */
export function distinctColumns(rows: readonly Float64Array[]): number[] {
  const width = rows[0]?.length ?? 0;
  const kept: number[] = [];
  for (let j = 0; j < width; j++) {
    const duplicate = kept.some((k) => rows.every((row) => Math.abs(row[j] - row[k]) <= DUPLICATE_TOLERANCE));
    if (!duplicate) kept.push(j);
  }
  return kept;
}

export function predict(rows: readonly Float64Array[], coefficients: Float64Array): Float64Array {
  return Float64Array.from(rows, (row) => row.reduce((sum, x, j) => sum + x * coefficients[j], 0));
}

export function rootMeanSquare(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return Math.sqrt(sum / a.length);
}

/** Least squares by Householder QR; refuses rank-deficient problems with the reason. */
export function ordinaryLeastSquares(
  rows: readonly Float64Array[],
  energies: ArrayLike<number>,
): Float64Array {
  if (rows.length < rows[0].length) {
    throw inputError(
      "structures",
      `${rows.length} structures cannot determine ${rows[0].length} coefficients; expected at least as many structures as correlation functions`,
    );
  }
  const qr = new QrDecomposition(new Matrix(rows.map((r) => Array.from(r))));
  const diagonal = qr.upperTriangularMatrix.diag().map(Math.abs);
  const largest = Math.max(...diagonal);
  if (diagonal.some((d) => d <= 1e-10 * largest)) {
    throw inputError(
      "structures",
      "the correlation matrix is singular (some cluster functions are linear combinations of others on these structures); expected more varied structures, shorter cutoffs or the lasso fit",
    );
  }
  return Float64Array.from(qr.solve(Matrix.columnVector(Array.from(energies))).getColumn(0));
}

export interface LassoOptions {
  /** Relative change of the fit per sweep below which descent stops. */
  tolerance?: number;
  maxSweeps?: number;
}

/** Coordinate descent on eq 1; column 0 (the constant) is not penalised. */
export function lasso(
  rows: readonly Float64Array[],
  energies: ArrayLike<number>,
  alpha: number,
  options: LassoOptions = {},
): { coefficients: Float64Array; sweeps: number; converged: boolean } {
  const n = rows.length;
  const p = rows[0].length;
  const tolerance = options.tolerance ?? 1e-12;
  const maxSweeps = options.maxSweeps ?? 20000;
  const columns = Array.from({ length: p }, (_, j) => Float64Array.from(rows, (r) => r[j]));
  const squaredNorms = columns.map((c) => c.reduce((s, x) => s + x * x, 0));
  const coefficients = new Float64Array(p);
  const residual = Float64Array.from(energies);
  const energyScale = Math.sqrt(Array.from(energies).reduce((s, e) => s + e * e, 0)) || 1;
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let largestChange = 0;
    for (let j = 0; j < p; j++) {
      if (squaredNorms[j] === 0) continue;
      const column = columns[j];
      const old = coefficients[j];
      let rho = 0;
      for (let i = 0; i < n; i++) rho += column[i] * residual[i];
      rho += squaredNorms[j] * old;
      // d/dJ_j of eq 1: -2 (rho - |Π_j|² J_j) + α sign(J_j) = 0 -> soft threshold at α/2.
      const threshold = j === 0 ? 0 : alpha / 2;
      const updated = (Math.sign(rho) * Math.max(Math.abs(rho) - threshold, 0)) / squaredNorms[j];
      const change = updated - old;
      if (change !== 0) {
        for (let i = 0; i < n; i++) residual[i] -= column[i] * change;
        coefficients[j] = updated;
        largestChange = Math.max(largestChange, Math.abs(change) * Math.sqrt(squaredNorms[j]));
      }
    }
    if (largestChange <= tolerance * energyScale) return { coefficients, sweeps: sweep, converged: true };
  }
  return { coefficients, sweeps: maxSweeps, converged: false };
}

/** Seeded assignment of structures to k folds of (nearly) equal size. */
export function foldAssignment(count: number, folds: number, seed: number): Int32Array {
  const order = Array.from({ length: count }, (_, i) => i);
  const random = new SeededRandom(seed);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const fold = new Int32Array(count);
  order.forEach((structure, position) => {
    fold[structure] = position % folds;
  });
  return fold;
}

export type Fitter = (rows: readonly Float64Array[], energies: ArrayLike<number>) => Float64Array;

/** The lasso of eq 1 at a fixed α, as a fitter for cross-validation. */
export const lassoFitter =
  (alpha: number): Fitter =>
  (rows, energies) =>
    lasso(rows, energies, alpha).coefficients;

/** Root-mean-square error of held-out predictions over k folds (Xie2024 Table 3 "CV"). */
export function crossValidationError(
  rows: readonly Float64Array[],
  energies: ArrayLike<number>,
  fitter: Fitter,
  fold: Int32Array,
  folds: number,
): number {
  const predicted = new Float64Array(rows.length);
  for (let f = 0; f < folds; f++) {
    const train = rows.flatMap((_, i) => (fold[i] === f ? [] : [i]));
    const coefficients = fitter(
      train.map((i) => rows[i]),
      train.map((i) => energies[i]),
    );
    rows.forEach((row, i) => {
      if (fold[i] === f) predicted[i] = predict([row], coefficients)[0];
    });
  }
  return rootMeanSquare(predicted, energies);
}
