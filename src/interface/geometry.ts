import type { StructuredMesh2D, TerrainFollowingMesh2D } from "../numerics/index.js";
import { PiecewiseLinear, terrainFollowingNodes2D } from "../numerics/index.js";
import type { Interface2DProblem } from "./problem.js";

// FWHM = 2 sqrt(2 ln 2) s for a Gaussian of standard deviation s.
const FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.LN2);

/** The collector surface y = g(x): Gaussian tips and raised sites on top of an optional profile. */
export function collectorHeight(problem: Interface2DProblem): (x: number) => number {
  const bumps = [...problem.collector.tips, ...problem.collector.sites.filter((s) => s.height_m > 0)].map(
    (b) => ({
      x: b.x_m,
      height: b.height_m,
      sigma: b.width_m / FWHM_PER_SIGMA,
    }),
  );
  const profile = problem.collector.profile
    ? new PiecewiseLinear(problem.collector.profile.x_m, problem.collector.profile.height_m)
    : undefined;
  const width = problem.layer.width_m;
  const periodic = problem.sides === "periodic";
  const cosine = problem.collector.cosine;
  return (x: number) => {
    let g = profile ? profile.value(x) : 0;
    if (cosine) g += cosine.amplitude_m * Math.cos((2 * Math.PI * x) / cosine.wavelength_m);
    for (const bump of bumps) {
      let d = x - bump.x;
      // A periodic cell sees the nearest image of each bump.
      if (periodic) d -= width * Math.round(d / width);
      g += bump.height * Math.exp((-0.5 * d * d) / (bump.sigma * bump.sigma));
    }
    return g;
  };
}

export interface GridCounts {
  cellsX: number;
  cellsY: number;
}

/**
 * Cell counts near the requested size, rounded up to multiples of 2^L so that multigrid can coarsen
 * L times down to two or three cells across the layer.
 */
export function multigridCellCounts(width: number, thickness: number, cellSize: number): GridCounts {
  const rawY = Math.max(2, Math.ceil(thickness / cellSize));
  const levels = Math.max(0, Math.floor(Math.log2(rawY / 2)));
  const m = 2 ** levels;
  return { cellsX: Math.ceil(width / cellSize / m) * m, cellsY: Math.ceil(rawY / m) * m };
}

/**
 * Boundary-fitted (terrain-following) mesh: x uniform, y = g(x) + zeta (H - g(x)) with zeta uniform
 * in [0, 1]. The collector is a mesh line, so the curved surface and its normal current are
 * represented exactly up to the O(h^2) polyline error, with no cut cells.
 */
export function buildMesh(
  problem: Interface2DProblem,
  counts: GridCounts,
  height: (x: number) => number,
): StructuredMesh2D {
  return terrainFollowingNodes2D(terrainFollowingMesh(problem, counts, height));
}

/** The mesh of buildMesh as columns, surface and layer fractions (what its fast assembly needs). */
export function terrainFollowingMesh(
  problem: Interface2DProblem,
  counts: GridCounts,
  height: (x: number) => number,
): TerrainFollowingMesh2D {
  const periodic = problem.sides === "periodic";
  const { width_m: width, xStart_m: start, thickness_m: thickness } = problem.layer;
  const nx = periodic ? counts.cellsX : counts.cellsX + 1;
  const x = Float64Array.from({ length: nx }, (_, i) => start + (width * i) / counts.cellsX);
  return {
    x,
    periodicX: periodic,
    period: width,
    surface: x.map(height),
    top: thickness,
    zeta: Float64Array.from({ length: counts.cellsY + 1 }, (_, j) => j / counts.cellsY),
  };
}
