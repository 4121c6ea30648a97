import { describe, expect, it } from "vitest";
import { EisenstatWalkerForcing } from "./forcingTerm.js";

describe("EisenstatWalkerForcing (choice 2)", () => {
  it("starts at the initial value, then follows gamma (|F_k| / |F_k-1|)^2", () => {
    const forcing = new EisenstatWalkerForcing(1e-2, 0.5, 1e-12);
    expect(forcing.next(1)).toBe(1e-2);
    expect(forcing.next(0.5)).toBeCloseTo(0.9 * 0.25, 15);
    // The safeguard: gamma eta_k-1^2 = 0.9 * 0.225^2 = 0.0456 < 0.1, so it does not act here.
    expect(forcing.next(0.05)).toBeCloseTo(0.9 * 0.01, 15);
  });

  it("keeps eta from falling abruptly while it is large (safeguard), within the ceiling and floor", () => {
    const forcing = new EisenstatWalkerForcing(0.5, 0.5, 1e-12);
    forcing.next(1);
    // Residual drops 1000x: gamma ratio^2 = 9e-7, but gamma eta_k-1^2 = 0.225 > 0.1 wins.
    expect(forcing.next(1e-3)).toBeCloseTo(0.9 * 0.25, 15);
    // A growing residual is capped at the ceiling.
    expect(forcing.next(1)).toBe(0.5);
    const floored = new EisenstatWalkerForcing(1e-2, 0.1, 1e-10);
    floored.next(1);
    expect(floored.next(1e-9)).toBe(1e-10);
  });
});
