import { describe, expect, it } from "vitest";
import { latinHypercube, morrisDesign, saltelliDesign, uniformSample } from "./sampling.js";
import { morrisEffects, sobolIndices } from "./sensitivity.js";

const { PI, sin } = Math;

/**
 * Ishigami & Homma (1990): Y = sin X1 + a sin^2 X2 + b X3^4 sin X1, X_i uniform on [-pi, pi]. Its
 * partial variances are closed-form (Sobol' & Levitan 1999; Saltelli et al. 2008, "Global
 * Sensitivity Analysis: The Primer", test functions): V1 = (1 + b pi^4/5)^2 / 2, V2 = a^2/8,
 * V13 = 8 b^2 pi^8 / 225, all others zero; for a = 7, b = 0.1: S1 = 0.3139, S2 = 0.4424, S3 = 0,
 * ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437.
 */
const a = 7;
const b = 0.1;
const ishigami = ([x1, x2, x3]: number[]) => sin(x1) + a * sin(x2) ** 2 + b * x3 ** 4 * sin(x1);
const V1 = (1 + (b * PI ** 4) / 5) ** 2 / 2;
const V2 = a ** 2 / 8;
const V13 = (8 * b ** 2 * PI ** 8) / 225;
const V = V1 + V2 + V13;
const toRange = (u: number[]) => u.map((x) => -PI + 2 * PI * x);

describe("Sobol' indices (Saltelli design, Saltelli 2010 / Jansen estimators)", () => {
  it("recover the analytic indices of the Ishigami function, inside their bootstrap intervals", () => {
    expect(V).toBeCloseTo((a * a) / 8 + (b * PI ** 4) / 5 + (b * b * PI ** 8) / 18 + 0.5, 12);
    const design = saltelliDesign(3, 2 ** 13);
    const outputs = design.points.map((u) => ishigami(toRange(u)));
    const result = sobolIndices(design.roles, outputs, { resamples: 300, seed: 3 });
    const expected = [
      { first: V1 / V, total: (V1 + V13) / V },
      { first: V2 / V, total: V2 / V },
      { first: 0, total: V13 / V },
    ];
    expect(result.rowsUsed).toBe(2 ** 13);
    result.factors.forEach((index, i) => {
      expect(Math.abs(index.first - expected[i].first)).toBeLessThan(0.02);
      expect(Math.abs(index.total - expected[i].total)).toBeLessThan(0.02);
      const [fLow, fHigh] = index.firstInterval ?? [Number.NaN, Number.NaN];
      const [tLow, tHigh] = index.totalInterval ?? [Number.NaN, Number.NaN];
      expect(fLow).toBeLessThanOrEqual(expected[i].first);
      expect(fHigh).toBeGreaterThanOrEqual(expected[i].first);
      expect(tLow).toBeLessThanOrEqual(expected[i].total);
      expect(tHigh).toBeGreaterThanOrEqual(expected[i].total);
    });
  });

  it("give S_i = ST_i = c_i^2 Var X_i / sum of them for a linear model", () => {
    const c = [2, -1, 0.5, 0];
    const ranges = [
      [0, 1],
      [10, 14],
      [-3, 3],
      [5, 6],
    ];
    const model = (u: number[]) =>
      u.reduce((s, x, i) => s + c[i] * (ranges[i][0] + x * (ranges[i][1] - ranges[i][0])), 0);
    const parts = c.map((ci, i) => (ci ** 2 * (ranges[i][1] - ranges[i][0]) ** 2) / 12);
    const total = parts.reduce((s, v) => s + v, 0);
    const design = saltelliDesign(4, 2 ** 12);
    const result = sobolIndices(design.roles, design.points.map(model), { resamples: 0 });
    result.factors.forEach((index, i) => {
      expect(index.first).toBeCloseTo(parts[i] / total, 2);
      expect(index.total).toBeCloseTo(parts[i] / total, 2);
    });
    // Additive model: the first-order indices account for all the variance.
    expect(result.factors.reduce((s, f) => s + f.first, 0)).toBeCloseTo(1, 2);
    expect(result.factors[3]).toMatchObject({ first: 0, total: 0 });
  });

  it("leave out the rows of failed runs", () => {
    const design = saltelliDesign(3, 256);
    const outputs = design.points.map((u) => ishigami(toRange(u)));
    outputs[5] = Number.NaN; // row 5 of A
    outputs[2 * 256 + 256 + 7] = Number.NaN; // row 7 of A_B^(2)
    expect(sobolIndices(design.roles, outputs, { resamples: 0 }).rowsUsed).toBe(254);
  });
});

describe("Morris elementary effects", () => {
  it("are exactly the coefficient times the range for every step of a linear model (sigma 0)", () => {
    const c = [3, -2, 0];
    const span = [1, 5, 2];
    const model = (u: number[]) => u.reduce((s, x, i) => s + c[i] * span[i] * x, 0);
    const design = morrisDesign(3, 20, 4, 9);
    const effects = morrisEffects(design.roles, design.points.map(model), { resamples: 100 });
    effects.forEach((e, i) => {
      expect(e.count).toBe(20);
      expect(e.muStar).toBeCloseTo(Math.abs(c[i] * span[i]), 10);
      expect(e.mu).toBeCloseTo(c[i] * span[i], 10);
      expect(e.sigma).toBeCloseTo(0, 10);
    });
  });

  it("find the Ishigami X3 effect only through its interaction: mu near 0 by symmetry, sigma > 0", () => {
    const design = morrisDesign(3, 200, 4, 5);
    const effects = morrisEffects(
      design.roles,
      design.points.map((u) => ishigami(toRange(u))),
      {
        resamples: 200,
      },
    );
    // f is even in X2 and X3 and odd in sin X1: over a symmetric grid the signed means of X2, X3 cancel.
    expect(Math.abs(effects[2].mu)).toBeLessThan(0.3 * effects[2].muStar);
    expect(effects[2].sigma).toBeGreaterThan(0);
    const [low, high] = effects[0].muStarInterval ?? [0, 0];
    expect(low).toBeLessThanOrEqual(effects[0].muStar);
    expect(high).toBeGreaterThanOrEqual(effects[0].muStar);
  });
});

describe("designs", () => {
  it("Latin hypercube: one point per stratum in every coordinate; same seed, same points", () => {
    const points = latinHypercube(4, 50, 7);
    for (let d = 0; d < 4; d++) {
      const strata = new Set(points.map((p) => Math.floor(p[d] * 50)));
      expect(strata.size).toBe(50);
    }
    expect(latinHypercube(4, 50, 7)).toEqual(points);
    expect(latinHypercube(4, 50, 8)).not.toEqual(points);
    expect(uniformSample(3, 10, 2)).toEqual(uniformSample(3, 10, 2));
  });

  it("Saltelli: A_B^(i) is A with column i from B; n(d + 2) points", () => {
    const { points, roles } = saltelliDesign(3, 8);
    expect(points).toHaveLength(8 * 5);
    const at = (block: string, row: number, factor?: number) =>
      points[
        roles.findIndex(
          (r) => r.block === block && r.row === row && (r.block !== "AB" || r.factor === factor),
        )
      ];
    for (let row = 0; row < 8; row++)
      for (let i = 0; i < 3; i++)
        expect(at("AB", row, i)).toEqual(at("A", row).map((v, d) => (d === i ? at("B", row)[d] : v)));
  });

  it("Morris: each step moves one factor by ±Delta on the p-level grid, every factor once", () => {
    const { points, roles, delta } = morrisDesign(5, 10, 4, 1);
    expect(delta).toBeCloseTo(2 / 3, 15);
    for (let t = 0; t < 10; t++) {
      const moved = roles.filter((r) => r.trajectory === t && r.step > 0).map((r) => r.factor);
      expect(new Set(moved).size).toBe(5);
    }
    roles.forEach((role, k) => {
      for (const x of points[k]) expect(Math.abs(x * 3 - Math.round(x * 3))).toBeLessThan(1e-12);
      if (role.step === 0) return;
      const change = points[k].map((x, d) => x - points[k - 1][d]);
      expect(change.filter((c) => c !== 0)).toHaveLength(1);
      expect(Math.abs(change[role.factor ?? -1])).toBeCloseTo(delta, 12);
    });
  });
});
