import { describe, expect, it } from "vitest";
import { differentialEvolution } from "./differentialEvolution.js";
import { levenbergMarquardt } from "./levenbergMarquardt.js";

// Rastrigin: 10 d + sum(x^2 - 10 cos(2 pi x)), global minimum 0 at the origin among ~10^d local ones.
const rastrigin = (x: Float64Array) =>
  x.reduce((s, v) => s + v * v - 10 * Math.cos(2 * Math.PI * v), 10 * x.length);

describe("differential evolution", () => {
  const lower = Float64Array.from([-5.12, -5.12]);
  const upper = Float64Array.from([5.12, 5.12]);

  it("finds the global minimum of the Rastrigin function, inside the box", () => {
    const result = differentialEvolution(rastrigin, lower, upper, { seed: 3, maxGenerations: 400 });
    expect(result.value).toBeLessThan(1e-6);
    for (const v of result.best) expect(Math.abs(v)).toBeLessThan(1e-3);
    for (const member of result.population)
      member.forEach((v, k) => {
        expect(v).toBeGreaterThanOrEqual(lower[k]);
        expect(v).toBeLessThanOrEqual(upper[k]);
      });
  });

  it("gives the same result for the same seed and never returns a non-finite value as best", () => {
    const broken = (x: Float64Array) => (x[0] > 0 ? Number.NaN : rastrigin(x));
    const a = differentialEvolution(broken, lower, upper, { seed: 7, maxGenerations: 50 });
    const b = differentialEvolution(broken, lower, upper, { seed: 7, maxGenerations: 50 });
    expect([...a.best]).toEqual([...b.best]);
    expect(a.best[0]).toBeLessThanOrEqual(0);
    expect(Number.isFinite(a.value)).toBe(true);
  });
});

describe("Levenberg-Marquardt stopping", () => {
  // Rosenbrock as residuals (1 - x, 10 (y - x^2)): minimum 0 at (1, 1), reached only slowly.
  const rosenbrock = {
    residualCount: 2,
    residuals(p: Float64Array, out: Float64Array) {
      out[0] = 1 - p[0];
      out[1] = 10 * (p[1] - p[0] * p[0]);
    },
  };

  it("does not call a run converged when its iteration budget ran out", () => {
    const result = levenbergMarquardt(rosenbrock, Float64Array.from([-1.2, 1]), { maxIterations: 2 });
    expect(result.stopReason).toBe("iterations");
    expect(result.converged).toBe(false);
  });

  it("converges at the minimum (1, 1)", () => {
    const result = levenbergMarquardt(rosenbrock, Float64Array.from([-1.2, 1]));
    expect(result.converged).toBe(true);
    expect(result.parameters[0]).toBeCloseTo(1, 6);
    expect(result.parameters[1]).toBeCloseTo(1, 6);
  });
});
