import { DenseCholesky } from "./denseCholesky.js";

/**
 * Cubic smoothing spline (Reinsch, Numer. Math. 10 (1967) 177; Green & Silverman, Nonparametric
 * Regression and Generalized Linear Models, 1994, ch. 2): minimises
 *   sum_i w_i (y_i - f(x_i))^2 + lambda int f''(x)^2 dx
 * over natural cubic splines. lambda = 0 interpolates. Used for free energies tabulated from Monte
 * Carlo (Xie2024 "B-spline fit"), with analytic first and second derivatives.
 */
export class SmoothingSpline {
  private readonly x: Float64Array;
  private readonly f: Float64Array;
  private readonly gamma: Float64Array; // second derivatives at the knots

  constructor(x: ArrayLike<number>, y: ArrayLike<number>, lambda = 0, weights?: ArrayLike<number>) {
    const n = x.length;
    if (n < 3) throw new Error("SmoothingSpline: needs at least 3 points");
    for (let i = 1; i < n; i++)
      if (!(x[i] > x[i - 1])) throw new Error("SmoothingSpline: x must be strictly increasing");
    this.x = Float64Array.from(x);
    const h = Float64Array.from({ length: n - 1 }, (_, i) => x[i + 1] - x[i]);
    const m = n - 2;
    // Q (n x m) and R (m x m) of Green & Silverman section 2.1.2.
    const q = (i: number, j: number) => {
      if (i === j) return 1 / h[j];
      if (i === j + 1) return -1 / h[j] - 1 / h[j + 1];
      if (i === j + 2) return 1 / h[j + 1];
      return 0;
    };
    const w = (i: number) => (weights ? weights[i] : 1);
    const a = new Float64Array(m * m);
    for (let j = 0; j < m; j++) {
      a[j * m + j] += (h[j] + h[j + 1]) / 3;
      if (j + 1 < m) {
        a[j * m + j + 1] += h[j + 1] / 6;
        a[(j + 1) * m + j] += h[j + 1] / 6;
      }
    }
    if (lambda > 0) {
      for (let j = 0; j < m; j++) {
        for (let k = Math.max(0, j - 2); k <= Math.min(m - 1, j + 2); k++) {
          let s = 0;
          for (let i = j; i <= j + 2; i++) s += (q(i, j) * q(i, k)) / w(i);
          a[j * m + k] += lambda * s;
        }
      }
    }
    const rhs = new Float64Array(m);
    for (let j = 0; j < m; j++) rhs[j] = q(j, j) * y[j] + q(j + 1, j) * y[j + 1] + q(j + 2, j) * y[j + 2];
    const inner = new Float64Array(m);
    new DenseCholesky(a, m).solve(rhs, inner);
    this.gamma = new Float64Array(n);
    this.gamma.set(inner, 1);
    this.f = Float64Array.from(y);
    if (lambda > 0) {
      for (let i = 0; i < n; i++) {
        let qg = 0;
        for (let j = Math.max(0, i - 2); j <= Math.min(m - 1, i); j++) qg += q(i, j) * inner[j];
        this.f[i] = y[i] - (lambda * qg) / w(i);
      }
    }
  }

  private locate(t: number): number {
    const x = this.x;
    if (t <= x[0]) return 0;
    if (t >= x[x.length - 2]) return x.length - 2;
    let lo = 0;
    let hi = x.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (x[mid] <= t) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /** Value, first and second derivative at t (linear extrapolation beyond the ends). */
  evaluate(t: number): { value: number; first: number; second: number } {
    const i = this.locate(t);
    const { x, f, gamma } = this;
    const h = x[i + 1] - x[i];
    const a = (x[i + 1] - t) / h;
    const b = (t - x[i]) / h;
    const value =
      a * f[i] + b * f[i + 1] + (((a ** 3 - a) * gamma[i] + (b ** 3 - b) * gamma[i + 1]) * (h * h)) / 6;
    const first =
      (f[i + 1] - f[i]) / h - (((3 * a * a - 1) * gamma[i] - (3 * b * b - 1) * gamma[i + 1]) * h) / 6;
    const second = a * gamma[i] + b * gamma[i + 1];
    return { value, first, second };
  }
}
