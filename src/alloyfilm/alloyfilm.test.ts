import { describe, expect, it } from "vitest";
import { FARADAY } from "../units/index.js";
import {
  type AlloyFilmProblem,
  exactConcentration,
  exactSaturationTime,
  exactUtilization,
  filmGrid,
  lithiumFlux,
  simulateSaturation,
  utilizationMap,
} from "./index.js";

// Wang2024 Fig. 4a: 5 um film, D = 6e-11 cm^2/s, 1 mA/cm^2, c_max = 69.6 mmol/cm^3.
const fig4a: AlloyFilmProblem = {
  thickness_m: 5e-6,
  maxConcentration_mol_m3: 69.6e3,
  initialConcentration_mol_m3: 0,
  diffusivity: 6e-15,
  currentDensity_A_m2: 10,
};

const observedOrder = (coarse: number, fine: number) => Math.log2(coarse / fine);

describe("exact series solution", () => {
  it("holds the injected Li: mean concentration = c0 + J t / L (midpoint quadrature)", () => {
    const problem = { ...fig4a, initialConcentration_mol_m3: 1000 };
    const t = 700;
    const n = 4000;
    let sum = 0;
    for (let k = 0; k < n; k++) sum += exactConcentration(problem, ((k + 0.5) / n) * 5e-6, t);
    expect(sum / n).toBeCloseTo(1000 + (lithiumFlux(problem) * t) / 5e-6, 3);
  });

  it("carries the flux J at the surface and none at the collector", () => {
    const h = 1e-10;
    const t = 500;
    const D = 6e-15;
    const surfaceGradient = (exactConcentration(fig4a, h, t) - exactConcentration(fig4a, 0, t)) / h;
    expect(-D * surfaceGradient).toBeCloseTo(lithiumFlux(fig4a), 6);
    const collectorGradient =
      (exactConcentration(fig4a, 5e-6, t) - exactConcentration(fig4a, 5e-6 - h, t)) / h;
    expect(Math.abs(D * collectorGradient)).toBeLessThan(1e-9);
  });

  it("approaches the semi-infinite surface value 2 J sqrt(t / (pi D)) at early times", () => {
    const t = 20; // sqrt(D t) = 0.35 um << 5 um
    const semiInfinite = 2 * lithiumFlux(fig4a) * Math.sqrt(t / (Math.PI * 6e-15));
    expect(exactConcentration(fig4a, 0, t) / semiInfinite).toBeCloseTo(1, 9);
  });
});

describe("alloy-film saturation (finite volume, BDF2)", () => {
  it("matches the exact saturation time and utilization to 1e-4 at the default resolution", () => {
    const run = simulateSaturation(fig4a, { cells: 200, timeSteps: 400 });
    const exact = exactSaturationTime(fig4a);
    expect(Math.abs(run.saturationTime_s - exact) / exact).toBeLessThan(1e-4);
    const theta = exactUtilization(fig4a);
    expect(theta).toBeCloseTo((lithiumFlux(fig4a) * exact) / 5e-6 / 69.6e3, 14);
    expect(Math.abs(run.utilization - theta) / theta).toBeLessThan(1e-4);
  });

  it("conserves Li to 1e-9 relative, also with a composition-dependent diffusivity", () => {
    const nonlinear = {
      ...fig4a,
      diffusivity: { fraction: [0, 0.5, 1], diffusivity_m2_s: [1e-14, 5e-15, 1e-15] },
    };
    for (const problem of [fig4a, nonlinear]) {
      expect(
        simulateSaturation(problem, { cells: 100, timeSteps: 200 }).massBalanceRelativeError,
      ).toBeLessThan(1e-9);
    }
  });

  it("converges at second order in space (profiles against the exact solution)", () => {
    // 5000 steps keep the time error out of the way: the worst errors move by 0.3 % at 200 cells
    // against 20000 steps (orders 2.000, 2.001, 2.003 both ways) for a fifth of the cost.
    const errors = [25, 50, 100, 200].map((cells) => {
      const run = simulateSaturation(fig4a, { cells, timeSteps: 5000 }, { profileFractions: [0.5] });
      const [profile] = run.profiles;
      let worst = 0;
      profile.position_m.forEach((x, k) => {
        const exact = exactConcentration(fig4a, x, profile.time_s);
        worst = Math.max(worst, Math.abs(profile.concentration_mol_m3[k] - exact));
      });
      return worst;
    });
    for (let k = 1; k < errors.length; k++)
      expect(observedOrder(errors[k - 1], errors[k])).toBeGreaterThan(1.9);
  });

  it("converges at second order in time (saturation time against the exact one)", () => {
    const exact = exactSaturationTime(fig4a);
    const errors = [25, 50, 100].map((timeSteps) =>
      Math.abs(simulateSaturation(fig4a, { cells: 3000, timeSteps }).saturationTime_s - exact),
    );
    for (let k = 1; k < errors.length; k++)
      expect(observedOrder(errors[k - 1], errors[k])).toBeGreaterThan(1.8);
  });

  it("converges at second order with a composition-dependent diffusivity (self-convergence)", () => {
    const problem = { ...fig4a, diffusivity: { fraction: [0, 1], diffusivity_m2_s: [2e-14, 2e-15] } };
    const [t1, t2, t3] = [100, 200, 400].map(
      (cells) => simulateSaturation(problem, { cells, timeSteps: 2 * cells }).saturationTime_s,
    );
    expect(observedOrder(Math.abs(t1 - t2), Math.abs(t2 - t3))).toBeGreaterThan(1.8);
  });

  it("survives a diffusivity falling eight decades as the film fills, still conserving Li", () => {
    const steep = {
      ...fig4a,
      currentDensity_A_m2: 1,
      diffusivity: { fraction: [0, 1], diffusivity_m2_s: [1e-12, 1e-20] },
    };
    // 100 cells: Newton fails on some trial steps near the crossing and the step is halved.
    const coarse = simulateSaturation(steep, { cells: 100, timeSteps: 200 });
    const fine = simulateSaturation(steep, { cells: 400, timeSteps: 800 });
    expect(coarse.massBalanceRelativeError).toBeLessThan(1e-9);
    expect(Math.abs(coarse.saturationTime_s - fine.saturationTime_s) / fine.saturationTime_s).toBeLessThan(
      1e-3,
    );
  });

  it("reduces to the constant case for a table of equal diffusivities", () => {
    const table = { ...fig4a, diffusivity: { fraction: [0, 1], diffusivity_m2_s: [6e-15, 6e-15] } };
    const a = simulateSaturation(fig4a, { cells: 100, timeSteps: 200 });
    const b = simulateSaturation(table, { cells: 100, timeSteps: 200 });
    expect(b.saturationTime_s).toBeCloseTo(a.saturationTime_s, 8);
  });

  it("resolves a thin diffusion layer on a stretched grid (D = 1e-12 cm^2/s, 2 mA/cm^2)", () => {
    const thin = { ...fig4a, diffusivity: 1e-16, currentDensity_A_m2: 20 };
    expect(filmGrid(thin, 200).widths[0]).toBeLessThan(1e-9);
    const exact = exactSaturationTime(thin);
    const run = simulateSaturation(thin, { cells: 200, timeSteps: 400 });
    expect(Math.abs(run.saturationTime_s - exact) / exact).toBeLessThan(1e-3);
  });

  it("records profiles that end at saturation: surface at c_max, zero gradient at the collector", () => {
    const run = simulateSaturation(fig4a, { cells: 200, timeSteps: 400 }, { profileFractions: [0.25, 1] });
    expect(run.profiles.map((p) => p.time_s / run.saturationTime_s)).toEqual([
      expect.closeTo(0.25, 12),
      expect.closeTo(1, 12),
    ]);
    const last = run.profiles[1];
    expect(last.concentration_mol_m3[0] / 69.6e3).toBeCloseTo(1, 4);
    const n = last.position_m.length;
    expect(last.concentration_mol_m3[n - 1]).toBe(last.concentration_mol_m3[n - 2]);
  });

  it("saturates after exactly the uniform fill time when diffusion is instantaneous", () => {
    const fast = { ...fig4a, diffusivity: 1e-9 };
    const fillTime = (69.6e3 * 5e-6 * FARADAY) / 10;
    const run = simulateSaturation(fast, { cells: 50, timeSteps: 200 });
    expect(run.saturationTime_s / fillTime).toBeCloseTo(1, 3);
    expect(run.utilization).toBeCloseTo(1, 3);
  });
});

describe("utilization map (Wang2024 Fig. 4c trends)", () => {
  it("rises with diffusivity and falls with current", () => {
    const D = [1e-16, 1e-15, 1e-14, 1e-13];
    const i = [1, 10, 20];
    const map = utilizationMap(fig4a, D, i, { cells: 100, timeSteps: 200 });
    for (let a = 0; a < i.length; a++) {
      for (let b = 1; b < D.length; b++) {
        expect(map.utilization[a * D.length + b]).toBeGreaterThan(map.utilization[a * D.length + b - 1]);
      }
    }
    for (let b = 0; b < D.length; b++) {
      for (let a = 1; a < i.length; a++) {
        expect(map.utilization[a * D.length + b]).toBeLessThan(map.utilization[(a - 1) * D.length + b]);
      }
    }
  });
});
