import { describe, expect, it } from "vitest";
import { solveDenseInPlace } from "./denseLinear.js";
import {
  BandedCholesky,
  BandedMatrix,
  constantFunction,
  DiffusionStepper,
  geometricGrid,
  maxStretchRatio,
  PiecewiseLinear,
  SeededRandom,
  uniformGrid,
} from "./index.js";
import { findRoot } from "./roots.js";
import { solveTridiagonal } from "./tridiagonal.js";

describe("solveTridiagonal", () => {
  it("solves a diagonally dominant system to round-off", () => {
    const n = 50;
    const lower = Float64Array.from({ length: n }, (_, i) => -1 - (i % 3) * 0.1);
    const upper = Float64Array.from({ length: n }, (_, i) => -0.5 - (i % 5) * 0.1);
    const diagonal = Float64Array.from({ length: n }, (_, i) => 4 + Math.sin(i));
    const rhs = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    const x = new Float64Array(n);
    solveTridiagonal(lower, diagonal, upper, rhs, x, new Float64Array(n));
    for (let i = 0; i < n; i++) {
      const row =
        (i > 0 ? lower[i] * x[i - 1] : 0) + diagonal[i] * x[i] + (i < n - 1 ? upper[i] * x[i + 1] : 0);
      expect(row).toBeCloseTo(rhs[i], 13);
    }
  });
});

describe("findRoot", () => {
  it("finds the fixed point of cos to machine precision", () => {
    const root = findRoot((x) => Math.cos(x) - x, 0, 1);
    expect(Math.abs(Math.cos(root) - root)).toBeLessThan(1e-15);
  });
  it("refuses an interval without a sign change", () => {
    expect(() => findRoot((x) => x * x + 1, -1, 1)).toThrow(/no sign change/);
  });
});

describe("grids", () => {
  it("geometric grid spans the length with a constant ratio and the requested first cell", () => {
    const grid = geometricGrid(5e-6, 100, 1e-9);
    expect(grid.faces[100]).toBe(5e-6);
    expect(grid.widths[0]).toBeCloseTo(1e-9, 20);
    const ratio = grid.widths[1] / grid.widths[0];
    expect(grid.widths[60] / grid.widths[59]).toBeCloseTo(ratio, 10);
    expect(maxStretchRatio(grid)).toBeCloseTo(ratio, 10);
    const total = grid.widths.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(5e-6, 18);
  });
  it("falls back to uniform when the first cell is no smaller than L/n", () => {
    expect(maxStretchRatio(geometricGrid(1, 10, 0.2))).toBeCloseTo(1, 12);
  });
});

describe("PiecewiseLinear", () => {
  it("interpolates linearly, or geometrically in log mode, and clamps outside", () => {
    const linear = new PiecewiseLinear([0, 1, 3], [1, 3, 7]);
    expect(linear.value(0.5)).toBe(2);
    expect(linear.value(2)).toBe(5);
    expect(linear.value(-1)).toBe(1);
    expect(linear.value(4)).toBe(7);
    expect(linear.derivative(2)).toBe(2);
    const log = new PiecewiseLinear([0, 1], [1e-12, 1e-10], { logValues: true });
    expect(log.value(0.5)).toBeCloseTo(1e-11, 24);
    // d/dx exp(a + b x) = b y
    expect(log.derivative(0.5)).toBeCloseTo(Math.log(100) * 1e-11, 22);
  });
});

describe("DiffusionStepper", () => {
  it("conserves content exactly with a nonlinear diffusivity and unequal boundary fluxes", () => {
    const grid = geometricGrid(1, 40, 0.005);
    const diffusivity = new PiecewiseLinear([0, 2], [0.1, 2], { logValues: true });
    const stepper = new DiffusionStepper(
      { grid, diffusivity, inflowAtStart: 1.5, outflowAtEnd: 0.5 },
      new Float64Array(40).fill(0.2),
    );
    const next = new Float64Array(40);
    const start = stepper.content();
    for (let k = 0; k < 50; k++) {
      stepper.trial(0.01, next);
      stepper.accept(next, 0.01);
    }
    expect(Math.abs(stepper.content() - (start + (1.5 - 0.5) * 0.5))).toBeLessThan(1e-13);
  });

  it("reaches the linear steady profile c' = -J/D for equal in- and outflow", () => {
    const grid = uniformGrid(1, 20);
    const stepper = new DiffusionStepper(
      { grid, diffusivity: constantFunction(2), inflowAtStart: 1, outflowAtEnd: 1 },
      new Float64Array(20).fill(1),
    );
    const next = new Float64Array(20);
    for (let k = 0; k < 400; k++) {
      stepper.trial(0.05, next);
      stepper.accept(next, 0.05);
    }
    for (let i = 0; i < 20; i++) expect(stepper.state[i]).toBeCloseTo(1 + 0.5 * (0.5 - grid.centers[i]), 10);
    expect(stepper.valueAtStart()).toBeCloseTo(1.25, 10);
  });
});

describe("solveDenseInPlace", () => {
  it("solves a system that needs row exchanges", () => {
    // A zero leading pivot forces pivoting; x = (1, -2, 3, 0.5) by construction.
    const a = [0, 2, 1, 0, 1, 1, 0, 3, 4, -1, 2, 1, 2, 0, 5, -3];
    const x = [1, -2, 3, 0.5];
    const b = [0, 1, 2, 3].map((r) => a.slice(4 * r, 4 * r + 4).reduce((s, v, c) => s + v * x[c], 0));
    const solved = solveDenseInPlace(Float64Array.from(a), Float64Array.from(b), 4);
    for (let k = 0; k < 4; k++) expect(solved[k]).toBeCloseTo(x[k], 12);
    expect(() => solveDenseInPlace(new Float64Array(4), new Float64Array(2), 2)).toThrow(/singular/);
  });
});

describe("BandedCholesky", () => {
  it("solves a symmetric positive definite band system to round-off, with fixed rows", () => {
    const n = 60;
    const b = 7;
    const matrix = new BandedMatrix(n, b);
    // A = B B^T + n I with B banded (half-bandwidth 3) is SPD with half-bandwidth 6 <= b.
    const random = new SeededRandom(4);
    const factorB = Array.from({ length: n }, () => Array.from({ length: 4 }, () => random.uniform() - 0.5));
    for (let i = 0; i < n; i++) {
      matrix.add(i, i, n);
      for (let j = Math.max(0, i - 6); j <= i; j++) {
        let s = 0;
        for (let k = Math.max(0, i - 3); k <= Math.min(i, j + 3); k++) {
          if (k >= j - 3 && k <= j) s += factorB[i][i - k] * factorB[j][j - k];
        }
        matrix.add(i, j, s);
      }
    }
    matrix.fix(10);
    const rhs = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const x = new Float64Array(n);
    new BandedCholesky(matrix).solve(rhs, x);
    const back = new Float64Array(n);
    matrix.multiply(x, back);
    for (let i = 0; i < n; i++) expect(back[i]).toBeCloseTo(rhs[i], 11);
    expect(x[10]).toBeCloseTo(rhs[10], 14);
  });

  it("refuses an indefinite matrix", () => {
    const matrix = new BandedMatrix(3, 1);
    matrix.add(0, 0, 1);
    matrix.add(1, 0, 2);
    matrix.add(1, 1, 1);
    matrix.add(2, 2, 1);
    expect(() => new BandedCholesky(matrix)).toThrow(/not positive definite/);
  });
});
