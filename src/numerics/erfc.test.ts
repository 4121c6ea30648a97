import { describe, expect, it } from "vitest";
import { erfc } from "./erfc.js";

describe("erfc", () => {
  // Reference values to 20 digits (Abramowitz & Stegun table 7.1 extended; NIST DLMF 7.2).
  // Kept as text: the 20 digits are the table's, parsing rounds them to the nearest double.
  const reference: [number, string][] = [
    [0, "1"],
    [0.5, "0.47950012218695346232"],
    [1, "0.15729920705028513066"],
    [2, "0.0046777349810472658379"],
    [3, "2.2090496998585441373e-5"],
    [5, "1.5374597944280348502e-12"],
    [10, "2.088487583762544757e-45"],
  ];
  it("matches tabulated values to ~1e-14 relative, also in the tail", () => {
    for (const [x, value] of reference) expect(Math.abs(erfc(x) / Number(value) - 1)).toBeLessThan(1e-14);
  });
  it("satisfies erfc(-x) = 2 - erfc(x)", () => {
    for (const x of [0.1, 0.7, 1.3, 4]) expect(erfc(-x)).toBeCloseTo(2 - erfc(x), 15);
  });
  it("has derivative -2 exp(-x^2)/sqrt(pi)", () => {
    for (const x of [-1.5, 0, 0.4, 2.2]) {
      const h = 1e-5;
      const numeric = (erfc(x + h) - erfc(x - h)) / (2 * h);
      expect(numeric).toBeCloseTo((-2 * Math.exp(-x * x)) / Math.sqrt(Math.PI), 9);
    }
  });
});
