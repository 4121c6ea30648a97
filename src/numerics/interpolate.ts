/**
 * A piecewise-linear function through tabulated points, held constant beyond the ends.
 * With `logValues`, interpolation is linear in ln(y): right for quantities such as diffusivities
 * that vary over decades and must stay positive.
 */
export class PiecewiseLinear {
  readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly logValues: boolean;

  constructor(x: ArrayLike<number>, y: ArrayLike<number>, options: { logValues?: boolean } = {}) {
    if (x.length !== y.length || x.length === 0) {
      throw new Error("PiecewiseLinear: x and y must be non-empty and of equal length");
    }
    for (let i = 1; i < x.length; i++) {
      if (!(x[i] > x[i - 1])) throw new Error("PiecewiseLinear: x must be strictly increasing");
    }
    this.logValues = options.logValues ?? false;
    this.x = Float64Array.from(x);
    this.y = Float64Array.from(y, (v) => (this.logValues ? Math.log(v) : v));
  }

  private segment(at: number): number {
    const x = this.x;
    let lo = 0;
    let hi = x.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (x[mid] <= at) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  value(at: number): number {
    const { x, y } = this;
    const n = x.length;
    let v: number;
    if (n === 1 || at <= x[0]) v = y[0];
    else if (at >= x[n - 1]) v = y[n - 1];
    else {
      const i = this.segment(at);
      v = y[i] + ((y[i + 1] - y[i]) * (at - x[i])) / (x[i + 1] - x[i]);
    }
    return this.logValues ? Math.exp(v) : v;
  }

  /** Derivative dy/dx; zero beyond the ends, one-sided at the nodes. */
  derivative(at: number): number {
    const { x, y } = this;
    const n = x.length;
    if (n === 1 || at < x[0] || at >= x[n - 1]) return 0;
    const i = this.segment(at);
    const slope = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
    return this.logValues ? slope * this.value(at) : slope;
  }
}
