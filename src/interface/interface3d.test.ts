import { describe, expect, it } from "vitest";
import { type Interface3DProblem, solveInterface3D } from "./index.js";

const S = 10e-6;
const base = (overrides: Partial<Interface3DProblem>): Interface3DProblem => ({
  period_m: S,
  thickness_m: 3 * S,
  conductivity_S_m: 0.1,
  contour: { shape: "egg-box", height_m: 0.5 * S },
  kinetics: { kind: "primary" },
  currentDensity_A_m2: 10,
  cellsPerPeriod: 16,
  relativeTolerance: 1e-11,
  ...overrides,
});

describe("interface-3d solver", () => {
  for (const kinetics of [{ kind: "primary" }, { kind: "linear", asr_ohm_m2: 1e-5 }] as const) {
    it(`matches the small-amplitude egg-box result (${kinetics.kind}): i = i0 [1 + a k' cos cos / (1 + k' l)]`, () => {
      const amplitude = 0.005 * S;
      const errors = [8, 16, 32].map((cells) => {
        const solution = solveInterface3D(
          base({ contour: { shape: "egg-box", height_m: 2 * amplitude }, kinetics, cellsPerPeriod: cells }),
        );
        const { x, y } = solution.mesh;
        const k = (2 * Math.PI) / S;
        let projection = 0;
        solution.currentDensity_A_m2.forEach((value, s) => {
          projection += (value / 10) * Math.cos(k * x[s]) * Math.cos(k * y[s]);
        });
        const coefficient = projection / ((cells * cells) / 4);
        // Perturbation cos(kx) cos(ky) decays with k sqrt(2) under a uniform-flux top.
        const kEff = Math.SQRT2 * k * Math.tanh(Math.SQRT2 * k * 3 * S);
        const l = kinetics.kind === "linear" ? 0.1 * kinetics.asr_ohm_m2 : 0;
        const expected = (amplitude * kEff) / (1 + kEff * l);
        return Math.abs(coefficient - expected) / expected;
      });
      expect(errors[2]).toBeLessThan(0.01);
      expect(Math.log2(errors[1] / errors[2])).toBeGreaterThan(1.5);
    });
  }

  it("conserves current and puts the maximum on the peaks", () => {
    const solution = solveInterface3D(base({ contour: { shape: "pyramid", height_m: 0.5 * S } }));
    expect(solution.totalCurrent_A / (10 * S * S)).toBeCloseTo(1, 9);
    const at = solution.currentDensity_A_m2.indexOf(Math.max(...solution.currentDensity_A_m2));
    expect(solution.mesh.x[at]).toBeCloseTo(S / 2, 12);
    expect(solution.mesh.y[at]).toBeCloseTo(S / 2, 12);
  });

  it("gives a scale-invariant primary distribution at fixed H/S (Zhang2024)", () => {
    const small = solveInterface3D(base({}));
    const large = solveInterface3D(
      base({ period_m: 2 * S, thickness_m: 6 * S, contour: { shape: "egg-box", height_m: S } }),
    );
    small.currentDensity_A_m2.forEach((value, s) => {
      expect(large.currentDensity_A_m2[s] / value).toBeCloseTo(1, 7);
    });
    const linearSmall = solveInterface3D(base({ kinetics: { kind: "linear", asr_ohm_m2: 2e-4 } }));
    const linearLarge = solveInterface3D(
      base({
        period_m: 2 * S,
        thickness_m: 6 * S,
        contour: { shape: "egg-box", height_m: S },
        kinetics: { kind: "linear", asr_ohm_m2: 2e-4 },
      }),
    );
    // With kinetics the maximum grows with feature size at fixed H/S.
    expect(Math.max(...linearLarge.currentDensity_A_m2)).toBeGreaterThan(
      Math.max(...linearSmall.currentDensity_A_m2),
    );
  });
});
