/**
 * interface-3d benchmark: egg-box unit cell (S = 150 um, H = 25 um, electrolyte S thick) at about
 * 64^3 and 128^3 unknowns: seconds, CG iterations, heap. Target: 128^3 (~2 M unknowns) under 30 s
 * and 2 GB. CELLS=64 (comma-separated) picks other resolutions.
 */
import { creepAt, LITHIUM_CREEP, solveCreepUnitCell, solveInterface3D } from "../src/interface/index.js";
import { runScenario } from "../src/studies/index.js";

export function benchInterface3D(): void {
  console.log("interface-3d, egg-box S 150 um, H 25 um, primary kinetics:");
  for (const cells of (process.env.CELLS ?? "64,128").split(",").map(Number)) {
    const start = performance.now();
    const solution = solveInterface3D({
      period_m: 150e-6,
      thickness_m: 150e-6,
      conductivity_S_m: 0.2,
      contour: { shape: "egg-box", height_m: 25e-6 },
      kinetics: { type: "primary" },
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

/**
 * critical-current benchmark: the Zhang2024 Fig. 3 sweep (egg-box, S 150 um with H 5-75 um and
 * H 25 um with S 250-50 um: 9 geometries) at 32 cells per period, 3D current plus 3D creep (16
 * cells per period) each. Target: under 2 minutes. Also the creep unit cell alone at 8/16/24 cells
 * per period.
 */
export function benchCriticalCurrent(): void {
  console.log("critical-current, Fig. 3 sweep (9 egg-box geometries, linear kinetics, 32 cells/period):");
  const start = performance.now();
  const geometries = [...[5, 15, 25, 50, 75].map((H) => [H, 150]), ...[250, 100, 75, 50].map((S) => [25, S])];
  for (const [H, S] of geometries) {
    const result = runScenario({
      study: "critical-current",
      params: {
        contour: { shape: "egg-box", period: `${S} um`, height: `${H} um` },
        kinetics: { type: "linear", asr: "10 ohm*cm^2" },
        numerics: { cellsPerPeriod: 32 },
      },
    });
    const m = result.metrics as Record<string, number>;
    console.log(
      `  H ${H} um S ${S} um: gain ${m.criticalCurrentGain.toFixed(3)}, max excess pressure ${(m.maxExcessPressure_Pa / 1e6).toFixed(3)} MPa`,
    );
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`  sweep ${seconds.toFixed(1)} s (target < 120 s -> ${seconds < 120 ? "met" : "NOT met"})`);
  for (const N of [8, 16, 24]) {
    const m = N / 2;
    const h = 150e-6 / N;
    // Egg-box H 25 um S 150 um with a 30% plating contrast between peak and trough.
    const cosines = (j: number, i: number) =>
      Math.cos((2 * Math.PI * i * h) / 150e-6) * Math.cos((2 * Math.PI * j * h) / 150e-6);
    const grid = (f: (c: number) => number) =>
      Float64Array.from({ length: (m + 1) ** 2 }, (_, s) => f(cosines(Math.floor(s / (m + 1)), s % (m + 1))));
    const t0 = performance.now();
    const cell = solveCreepUnitCell({
      period_m: 150e-6,
      cellsAcross: m,
      surfaceHeight_m: grid((c) => 12.5e-6 * c),
      platingVelocity_m_s: grid((c) => 1.35e-9 * (1 + 0.3 * c)),
      creep: creepAt(LITHIUM_CREEP, 298.15),
    });
    console.log(
      `  creep unit cell ${N} cells/period: ${cell.newtonIterations} Newton iterations, ${((performance.now() - t0) / 1000).toFixed(2)} s, peak excess pressure ${(cell.excessPressure_Pa[0] / 1e6).toFixed(4)} MPa`,
    );
  }
}
