import { describe, expect, it } from "vitest";
import { assembleQ1Stiffness } from "./q1.js";
import {
  assembleTerrainFollowing2D,
  type TerrainFollowingMesh2D,
  terrainFollowingNodes2D,
} from "./terrainFollowing2d.js";

describe("assembleTerrainFollowing2D", () => {
  // Uneven columns and layers, an irregular surface and a conductivity per cell.
  const nx = 7;
  const mesh = (periodicX: boolean): TerrainFollowingMesh2D => ({
    x: Float64Array.from({ length: nx }, (_, i) => 1e-5 * (i + 0.3 * Math.sin(i))),
    periodicX,
    period: 7e-5,
    surface: Float64Array.from({ length: nx }, (_, i) => 2e-5 * Math.cos(1.7 * i) * Math.sin(0.9 * i + 0.4)),
    top: 8e-5,
    zeta: Float64Array.from([0, 0.1, 0.25, 0.45, 0.7, 1]),
  });

  it.each([false, true])(
    "equals the general Q1 quadrature on the mesh's nodes, entry by entry, to round-off (periodic %s)",
    (periodic) => {
      const m = mesh(periodic);
      const cells = (periodic ? nx : nx - 1) * (m.zeta.length - 1);
      const sigma = Float64Array.from({ length: cells }, (_, c) => 0.1 + 0.05 * Math.sin(3.1 * c));
      const expected = assembleQ1Stiffness(terrainFollowingNodes2D(m), sigma).coefficients;
      const actual = assembleTerrainFollowing2D(m, sigma).coefficients;
      const scale = expected.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
      for (let e = 0; e < expected.length; e++)
        expect(Math.abs(actual[e] - expected[e])).toBeLessThan(1e-13 * scale);
    },
  );

  it("refuses a surface that reaches the top, naming the column", () => {
    expect(() => assembleTerrainFollowing2D({ ...mesh(false), top: 1e-6 }, 1)).toThrow(
      /column \d+ reaches the top/,
    );
  });
});
