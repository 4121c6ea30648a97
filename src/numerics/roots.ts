/**
 * Brent's method for a root of f in [a, b] where f(a) and f(b) differ in sign
 * (Brent 1973, "Algorithms for Minimization without Derivatives", ch. 4).
 */
export function findRoot(
  f: (x: number) => number,
  lowerBound: number,
  upperBound: number,
  options: { absoluteTolerance?: number; maxIterations?: number; fLower?: number; fUpper?: number } = {},
): number {
  let a = lowerBound;
  let b = upperBound;
  let fa = options.fLower ?? f(a);
  let fb = options.fUpper ?? f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (Math.sign(fa) === Math.sign(fb)) {
    throw new Error(`findRoot: no sign change in [${a}, ${b}] (f = ${fa}, ${fb})`);
  }
  const tolerance = options.absoluteTolerance ?? 0;
  const maxIterations = options.maxIterations ?? 200;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tolerance;
    const half = 0.5 * (c - b);
    if (Math.abs(half) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      // Inverse quadratic interpolation, or the secant step when only two points are distinct.
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * half * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * half * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = half;
        e = d;
      }
    } else {
      d = half;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : half > 0 ? tol : -tol;
    fb = f(b);
  }
  throw new Error(`findRoot: no convergence after ${maxIterations} iterations`);
}
