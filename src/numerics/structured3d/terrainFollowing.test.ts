import { describe, expect, it } from "vitest";
import { assembleQ1Stiffness3D } from "./q1hex.js";
import {
  assembleTerrainFollowing,
  type TerrainFollowingMesh3D,
  terrainFollowingNodes,
} from "./terrainFollowing.js";

describe("assembleTerrainFollowing", () => {
  // Uneven columns, an irregular surface and uneven layers, so that no term of the factorised cell
  // matrix can hide behind a symmetry.
  const nx = 6;
  const ny = 5;
  const period = [3e-4, 2e-4];
  const columns = (n: number, p: number) =>
    Float64Array.from({ length: n }, (_, i) => (p * (i + 0.3 * Math.sin(i))) / n);
  const mesh: TerrainFollowingMesh3D = {
    x: columns(nx, period[0]),
    y: columns(ny, period[1]),
    periodX: period[0],
    periodY: period[1],
    surface: Float64Array.from(
      { length: nx * ny },
      (_, s) => 4e-5 * Math.cos(1.7 * s) * Math.sin(0.9 * s + 0.4),
    ),
    top: 2.5e-4,
    zeta: Float64Array.from([0, 0.1, 0.25, 0.45, 0.7, 1]),
  };

  it("equals the general Q1 quadrature on the mesh's nodes, entry by entry, to round-off", () => {
    const expected = assembleQ1Stiffness3D(terrainFollowingNodes(mesh), 0.3).coefficients;
    const actual = assembleTerrainFollowing(mesh, 0.3).coefficients;
    const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    for (let e = 0; e < expected.length; e++)
      expect(Math.abs(actual[e] - expected[e])).toBeLessThan(1e-13 * scale);
  });

  it("places the nodes at z = g + zeta (top - g) over vertical columns", () => {
    const nodes = terrainFollowingNodes(mesh);
    const node = (3 * ny + 2) * nx + 4;
    const g = mesh.surface[2 * nx + 4];
    expect(nodes.x[node]).toBe(mesh.x[4]);
    expect(nodes.y[node]).toBe(mesh.y[2]);
    expect(nodes.z[node]).toBeCloseTo(g + 0.45 * (mesh.top - g), 18);
  });

  it("refuses a surface that reaches the top and layers out of order, naming them", () => {
    expect(() => assembleTerrainFollowing({ ...mesh, top: 1e-5 }, 1)).toThrow(/reaches the top/);
    expect(() => assembleTerrainFollowing({ ...mesh, zeta: Float64Array.from([0, 0.5, 0.4, 1]) }, 1)).toThrow(
      /zeta step 1/,
    );
  });
});
