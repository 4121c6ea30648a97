import { describe, expect, it } from "vitest";
import { solveDenseInPlace } from "./denseLinear.js";
import { nonNegativeLeastSquares, nonNegativeQuadratic } from "./nnls.js";
import { SeededRandom } from "./random.js";

function randomGram(n: number, random: SeededRandom): { gram: Float64Array; linear: Float64Array } {
  const m = n + 3;
  const a = Float64Array.from({ length: m * n }, () => random.normal());
  const gram = new Float64Array(n * n);
  for (let j = 0; j < n; j++)
    for (let k = 0; k < n; k++) for (let r = 0; r < m; r++) gram[j * n + k] += a[r * n + j] * a[r * n + k];
  return { gram, linear: Float64Array.from({ length: n }, () => random.normal()) };
}

const objective = (gram: Float64Array, linear: Float64Array, x: Float64Array, n: number) => {
  let value = 0;
  for (let j = 0; j < n; j++) {
    value -= linear[j] * x[j];
    for (let k = 0; k < n; k++) value += 0.5 * x[j] * gram[j * n + k] * x[k];
  }
  return value;
};

describe("non-negative least squares", () => {
  it("solves a small problem whose solution is known exactly", () => {
    // A = [[1,0],[0,1],[1,1]], b = [2,-1,1]: unconstrained x = (2,-1); with x2 = 0 the best x1
    // minimises (x1-2)² + (x1-1)², i.e. x1 = 1.5.
    const result = nonNegativeLeastSquares(
      Float64Array.from([1, 0, 0, 1, 1, 1]),
      Float64Array.from([2, -1, 1]),
      3,
      2,
    );
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1.5, 12);
    expect(result.x[1]).toBe(0);
  });

  it("returns the unconstrained solution when it is positive", () => {
    // Q x = c with x = (1, 2, 3) > 0.
    const gram = Float64Array.from([4, 1, 0, 1, 3, 1, 0, 1, 2]);
    const exact = Float64Array.from([1, 2, 3]);
    const linear = Float64Array.from([6, 10, 8]);
    const result = nonNegativeQuadratic(gram, linear, 3);
    for (let i = 0; i < 3; i++) expect(result.x[i]).toBeCloseTo(exact[i], 12);
  });

  it("finds the minimum over every active set of random problems (checked by enumeration)", () => {
    const random = new SeededRandom(7);
    const n = 6;
    for (let trial = 0; trial < 20; trial++) {
      const { gram, linear } = randomGram(n, random);
      const result = nonNegativeQuadratic(gram, linear, n);
      expect(result.converged).toBe(true);
      for (const v of result.x) expect(v).toBeGreaterThanOrEqual(0);
      // Enumerate the 2^n free sets: the feasible unconstrained sub-solutions include the optimum.
      let best = Number.POSITIVE_INFINITY;
      for (let mask = 0; mask < 1 << n; mask++) {
        const free = Array.from({ length: n }, (_, j) => j).filter((j) => mask & (1 << j));
        const sub = Float64Array.from(free.flatMap((j) => free.map((k) => gram[j * n + k])));
        const s = solveDenseInPlace(sub, Float64Array.from(free.map((j) => linear[j])), free.length);
        if (s.some((v) => v < 0)) continue;
        const x = new Float64Array(n);
        free.forEach((j, a) => {
          x[j] = s[a];
        });
        best = Math.min(best, objective(gram, linear, x, n));
      }
      expect(objective(gram, linear, result.x, n)).toBeCloseTo(best, 10);
    }
  });
});
