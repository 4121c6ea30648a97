import { describe, expect, it } from "vitest";
import { type Contour, contourHeight, type Interface3DProblem, solveInterface3D } from "./index.js";

const S = 10e-6;
const base = (overrides: Partial<Interface3DProblem>): Interface3DProblem => ({
  period_m: S,
  thickness_m: 3 * S,
  conductivity_S_m: 0.1,
  contour: { shape: "egg-box", height_m: 0.5 * S },
  kinetics: { type: "primary" },
  currentDensity_A_m2: 10,
  cellsPerPeriod: 16,
  relativeTolerance: 1e-11,
  ...overrides,
});

describe("interface-3d solver", () => {
  for (const kinetics of [{ type: "primary" }, { type: "linear", asr: 1e-5 }] as const) {
    it(`matches the small-amplitude egg-box result (${kinetics.type}): i = i0 [1 + a k' cos cos / (1 + k' l)]`, () => {
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
        const l = kinetics.type === "linear" ? 0.1 * kinetics.asr : 0;
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

  for (const kinetics of [{ type: "primary" }, { type: "linear", asr: 1e-5 }] as const) {
    it(`converges at second order in the peak current (${kinetics.type}, egg-box H = S/10)`, () => {
      // Trilinear elements: O(h^2) for the consistent surface flux. Observed from 8, 16, 32 cells
      // per period: p = log2((q8 - q16) / (q16 - q32)).
      const peak = [8, 16, 32].map((cells) => {
        const solution = solveInterface3D(
          base({ contour: { shape: "egg-box", height_m: 0.1 * S }, kinetics, cellsPerPeriod: cells }),
        );
        return Math.max(...solution.currentDensity_A_m2);
      });
      const order = Math.log2((peak[0] - peak[1]) / (peak[1] - peak[2]));
      expect(order).toBeGreaterThan(1.7);
      expect(order).toBeLessThan(2.3);
    });
  }

  it("keeps the mirror and diagonal symmetry of a centred frustum", () => {
    const solution = solveInterface3D(
      base({
        contour: { shape: "frustum", height_m: 0.4 * S, topWidth_m: 0.25 * S },
        kinetics: { type: "linear", asr: 1e-5 },
      }),
    );
    const n = solution.mesh.nx;
    const current = solution.currentDensity_A_m2;
    const scale = Math.max(...current);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const here = current[j * n + i];
        expect(Math.abs(current[j * n + ((n - i) % n)] - here) / scale).toBeLessThan(1e-8);
        expect(Math.abs(current[i * n + j] - here) / scale).toBeLessThan(1e-8);
      }
    }
  });

  it("gives a scale-invariant primary distribution at fixed H/S (Zhang2024)", () => {
    const small = solveInterface3D(base({}));
    const large = solveInterface3D(
      base({ period_m: 2 * S, thickness_m: 6 * S, contour: { shape: "egg-box", height_m: S } }),
    );
    small.currentDensity_A_m2.forEach((value, s) => {
      expect(large.currentDensity_A_m2[s] / value).toBeCloseTo(1, 7);
    });
    const linearSmall = solveInterface3D(base({ kinetics: { type: "linear", asr: 2e-4 } }));
    const linearLarge = solveInterface3D(
      base({
        period_m: 2 * S,
        thickness_m: 6 * S,
        contour: { shape: "egg-box", height_m: S },
        kinetics: { type: "linear", asr: 2e-4 },
      }),
    );
    // With kinetics the maximum grows with feature size at fixed H/S.
    expect(Math.max(...linearLarge.currentDensity_A_m2)).toBeGreaterThan(
      Math.max(...linearSmall.currentDensity_A_m2),
    );
  });
});

describe("interface-3d geometry and kinetics", () => {
  it("gives the egg-box area ratio of an independent surface integral", () => {
    const h = 0.5 * S;
    const solution = solveInterface3D(
      base({ contour: { shape: "egg-box", height_m: h }, cellsPerPeriod: 32 }),
    );
    const area = solution.areaWeights_m2.reduce((a, b) => a + b, 0) / (S * S);
    // Midpoint rule for int sqrt(1 + g_x^2 + g_y^2) over one period, g = (h/2) cos(kx) cos(ky).
    const k = (2 * Math.PI) / S;
    const m = 400;
    let integral = 0;
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        const x = ((a + 0.5) * S) / m;
        const y = ((b + 0.5) * S) / m;
        const gx = -(h / 2) * k * Math.sin(k * x) * Math.cos(k * y);
        const gy = -(h / 2) * k * Math.cos(k * x) * Math.sin(k * y);
        integral += Math.sqrt(1 + gx * gx + gy * gy) / (m * m);
      }
    }
    expect(area / integral).toBeCloseTo(1, 2);
  });

  it("keeps the primary distribution identical for H5S30 ... H150S900 (fixed H/S = 1/6)", () => {
    const ratios = [30, 150, 300, 600, 900].map((period) => {
      const solution = solveInterface3D(
        base({
          period_m: period * 1e-6,
          thickness_m: 3 * period * 1e-6,
          contour: { shape: "egg-box", height_m: (period / 6) * 1e-6 },
        }),
      );
      return Math.max(...solution.currentDensity_A_m2) / 10;
    });
    for (const r of ratios) expect(r / ratios[0]).toBeCloseTo(1, 8);
  });

  it("conserves current with Butler-Volmer kinetics and matches linear kinetics at small current", () => {
    const bv = {
      type: "butler-volmer",
      exchangeCurrentDensity: 20,
      alphaAnodic: 0.5,
      alphaCathodic: 0.5,
      temperature: 298.15,
      pressure: 0,
      molarVolume: 1.3e-5,
    } as const;
    const strong = solveInterface3D(base({ kinetics: bv, currentDensity_A_m2: 100 }));
    expect(strong.totalCurrent_A / (100 * S * S)).toBeCloseTo(1, 8);
    const rct = (8.314462618 * 298.15) / (96485.33212 * 20);
    const weak = solveInterface3D(base({ kinetics: bv, currentDensity_A_m2: 1e-3 }));
    const linear = solveInterface3D(
      base({ kinetics: { type: "linear", asr: rct }, currentDensity_A_m2: 1e-3 }),
    );
    weak.currentDensity_A_m2.forEach((v, s) => {
      expect(v / linear.currentDensity_A_m2[s]).toBeCloseTo(1, 5);
    });
  });

  it("interpolates a height map periodically (bilinear between the given points)", () => {
    const xs = [0, S / 2];
    const map: Contour = {
      shape: "height-map",
      x_m: xs,
      y_m: xs,
      height_m: [
        [0, 1e-6],
        [1e-6, 2e-6],
      ],
    };
    const g = contourHeight(map, S);
    expect(g(S / 4, 0)).toBeCloseTo(0.5e-6, 15);
    expect(g((3 * S) / 4, 0)).toBeCloseTo(0.5e-6, 15); // halfway back to x = S = 0
    expect(g(S / 2, S / 2)).toBeCloseTo(2e-6, 15);
  });
});
