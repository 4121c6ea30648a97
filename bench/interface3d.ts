/**
 * interface-3d benchmark: egg-box unit cell (S = 150 um, H = 25 um, electrolyte S thick) at about
 * 64^3 and 128^3 unknowns: seconds, CG iterations, heap. Target: 128^3 (~2 M unknowns) under 30 s
 * and 2 GB. CELLS=64 (comma-separated) picks other resolutions.
 */
import { solveInterface3D } from "../src/interface/index.js";

export function benchInterface3D(): void {
  console.log("interface-3d, egg-box S 150 um, H 25 um, primary kinetics:");
  for (const cells of (process.env.CELLS ?? "64,128").split(",").map(Number)) {
    const start = performance.now();
    const solution = solveInterface3D({
      period_m: 150e-6,
      thickness_m: 150e-6,
      conductivity_S_m: 0.2,
      contour: { shape: "egg-box", height_m: 25e-6 },
      kinetics: { kind: "primary" },
      currentDensity_A_m2: 10,
      cellsPerPeriod: cells,
      relativeTolerance: 1e-8,
    });
    const seconds = (performance.now() - start) / 1000;
    const unknowns = solution.mesh.nx * solution.mesh.ny * solution.mesh.nz;
    const heap = process.memoryUsage().rss / 1e9;
    const max = Math.max(...solution.currentDensity_A_m2) / 10;
    console.log(
      `  ${cells}^2 x ${solution.mesh.nz}: ${unknowns} unknowns, ${solution.iterations} CG iterations, ${seconds.toFixed(1)} s, RSS ${heap.toFixed(2)} GB, max ratio ${max.toFixed(4)}${cells === 128 ? ` (target < 30 s, < 2 GB -> ${seconds < 30 && heap < 2 ? "met" : "NOT met"})` : ""}`,
    );
  }
}
