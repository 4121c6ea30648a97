import { describe, expect, it } from "vitest";
import { SOBOL_MAX_DIMENSIONS, sobolSequence } from "./sobolSequence.js";

describe("Sobol' sequence", () => {
  it("starts with the points of the reference generator (scipy.stats.qmc.Sobol, scramble=False)", () => {
    // scipy 1.17: qmc.Sobol(d=5, scramble=False).random(8), Joe-Kuo new-joe-kuo-6.21201 numbers.
    expect(sobolSequence(5, 8)).toEqual([
      [0, 0, 0, 0, 0],
      [0.5, 0.5, 0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25, 0.25, 0.75],
      [0.25, 0.75, 0.75, 0.75, 0.25],
      [0.375, 0.375, 0.625, 0.875, 0.375],
      [0.875, 0.875, 0.125, 0.375, 0.875],
      [0.625, 0.125, 0.875, 0.625, 0.625],
      [0.125, 0.625, 0.375, 0.125, 0.125],
    ]);
    // qmc.Sobol(d=32, scramble=False).random(4)[2:4, 20:32]: the highest supported dimensions.
    const high = sobolSequence(32, 4).map((p) => p.slice(20));
    expect(high[2]).toEqual([0.25, 0.75, 0.25, 0.25, 0.25, 0.75, 0.25, 0.75, 0.25, 0.75, 0.25, 0.25]);
    expect(high[3]).toEqual([0.75, 0.25, 0.75, 0.75, 0.75, 0.25, 0.75, 0.25, 0.75, 0.25, 0.75, 0.75]);
  });

  it("puts exactly one of the first 2^m points in each dyadic interval of every coordinate", () => {
    const points = sobolSequence(SOBOL_MAX_DIMENSIONS, 1024);
    for (const m of [1, 4, 7, 10]) {
      const n = 2 ** m;
      for (let d = 0; d < SOBOL_MAX_DIMENSIONS; d++) {
        const counts = new Array<number>(n).fill(0);
        for (const p of points.slice(0, n)) counts[Math.floor(p[d] * n)]++;
        expect(counts.every((c) => c === 1)).toBe(true);
      }
    }
  });

  it("makes its first two coordinates a (0, m, 2)-net: one point in each elementary box of area 2^-m", () => {
    const m = 8;
    const points = sobolSequence(2, 2 ** m);
    for (let m1 = 0; m1 <= m; m1++) {
      const [n1, n2] = [2 ** m1, 2 ** (m - m1)];
      const boxes = new Set(points.map(([x, y]) => Math.floor(x * n1) * n2 + Math.floor(y * n2)));
      expect(boxes.size).toBe(2 ** m);
    }
  });

  it("keeps one point per dyadic interval when digitally shifted; the seed picks the shift", () => {
    const shifted = sobolSequence(6, 256, 0, 42);
    for (let d = 0; d < 6; d++) {
      const cells = new Set(shifted.map((p) => Math.floor(p[d] * 256)));
      expect(cells.size).toBe(256);
    }
    expect(sobolSequence(6, 256, 0, 42)).toEqual(shifted);
    expect(sobolSequence(6, 256, 0, 43)).not.toEqual(shifted);
    expect(shifted).not.toEqual(sobolSequence(6, 256));
  });

  it("continues where a skipped start leaves off, and refuses unsupported dimensions", () => {
    expect(sobolSequence(3, 5, 11)).toEqual(sobolSequence(3, 16).slice(11));
    expect(() => sobolSequence(SOBOL_MAX_DIMENSIONS + 1, 4)).toThrow(/1 to 32 dimensions/);
  });
});
