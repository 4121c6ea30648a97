import { describe, expect, it } from "vitest";
import { SmoothingSpline } from "./smoothingSpline.js";

describe("SmoothingSpline", () => {
  it("interpolates at lambda = 0 and reproduces straight lines exactly", () => {
    const x = [0, 0.3, 0.5, 1.1, 2];
    const spline = new SmoothingSpline(
      x,
      x.map((t) => 3 * t - 1),
    );
    for (const t of [0.1, 0.7, 1.9]) {
      expect(spline.evaluate(t).value).toBeCloseTo(3 * t - 1, 12);
      expect(spline.evaluate(t).first).toBeCloseTo(3, 12);
    }
    const curved = new SmoothingSpline(x, x.map(Math.sin));
    for (const t of x) expect(curved.evaluate(t).value).toBeCloseTo(Math.sin(t), 12);
  });

  it("converges at fourth order in the interior for a smooth function", () => {
    const error = (n: number) => {
      const x = Array.from({ length: n + 1 }, (_, i) => (2 * i) / n);
      const s = new SmoothingSpline(x, x.map(Math.sin));
      let worst = 0;
      for (let t = 0.5; t <= 1.5; t += 0.01)
        worst = Math.max(worst, Math.abs(s.evaluate(t).value - Math.sin(t)));
      return worst;
    };
    expect(Math.log2(error(16) / error(32))).toBeGreaterThan(3.5);
  });

  it("tends to the least-squares line for a large lambda", () => {
    const x = [0, 1, 2, 3, 4];
    const y = [0, 2, 1, 3, 2];
    const s = new SmoothingSpline(x, y, 1e9);
    // Least-squares line through these points: y = 0.6 + 0.5 x (mean y 1.6 at mean x 2, slope 5/10).
    for (const t of x) expect(s.evaluate(t).value).toBeCloseTo(0.6 + 0.5 * t, 5);
  });
});
