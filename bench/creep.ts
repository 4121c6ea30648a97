/**
 * creep benchmark (`npm run bench -- creep`): the M2 creep unit cell solved by the former path (band
 * Cholesky of every consistent Newton tangent, halving line search) and the new one (conjugate
 * gradients preconditioned by a reused nested-dissection multifrontal Cholesky, a stiffer tangent
 * far from the solution), side by side in one process on the same meshes, then
 * the critical-current reproduction (`reproduce critical-current --fast`, M1 current solves
 * included) on both paths. Each figure is CPU seconds of this process (wall seconds beside it:
 * the machine may be shared), setup included on both sides.
 *
 * CREEP_CELLS (comma-separated cells per period, default 8,16,24,32) picks the meshes;
 * CREEP_OLD_MAX (default 24) the largest mesh the band path is timed on (its cost grows like
 * n^2.3: about 4 minutes at 32); CREEP_REPRODUCTION=0 skips the reproduction (about 4 minutes on
 * the band path).
 */
import { creepAt, creepSolverDefault, LITHIUM_CREEP, solveCreepUnitCell } from "../src/interface/index.js";
import { runReproduction, selectReproductions } from "../src/studies/index.js";

interface Timed<T> {
  value: T;
  cpu: number;
  wall: number;
}

function timed<T>(work: () => T): Timed<T> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const value = work();
  const cpu = process.cpuUsage(cpu0);
  return { value, cpu: (cpu.user + cpu.system) / 1e6, wall: (performance.now() - wall0) / 1000 };
}

const peakRss = () => process.resourceUsage().maxRSS / 1024;

/** Egg-box H 25 um S 150 um with a 30% plating contrast between peak and trough (as in benchCriticalCurrent). */
function eggBoxCell(cellsPerPeriod: number, linearSolver: "sparse" | "banded") {
  const m = cellsPerPeriod / 2;
  const h = 150e-6 / cellsPerPeriod;
  const cosines = (j: number, i: number) =>
    Math.cos((2 * Math.PI * i * h) / 150e-6) * Math.cos((2 * Math.PI * j * h) / 150e-6);
  const grid = (f: (c: number) => number) =>
    Float64Array.from({ length: (m + 1) ** 2 }, (_, s) => f(cosines(Math.floor(s / (m + 1)), s % (m + 1))));
  return solveCreepUnitCell({
    period_m: 150e-6,
    cellsAcross: m,
    surfaceHeight_m: grid((c) => 12.5e-6 * c),
    platingVelocity_m_s: grid((c) => 1.35e-9 * (1 + 0.3 * c)),
    creep: creepAt(LITHIUM_CREEP, 298.15),
    linearSolver,
  });
}

/** Velocity unknowns of the quarter cell at this many cells per period (m = N/2 across, m layers). */
const unknownsAt = (cellsPerPeriod: number) => 3 * (cellsPerPeriod / 2 + 1) ** 3;

/** Least-squares slope of log(cost) against log(unknowns). */
function exponent(points: { unknowns: number; cpu: number }[]): number {
  const xs = points.map((p) => Math.log(p.unknowns));
  const ys = points.map((p) => Math.log(p.cpu));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < xs.length; k++) {
    sxy += (xs[k] - mx) * (ys[k] - my);
    sxx += (xs[k] - mx) ** 2;
  }
  return sxy / sxx;
}

export function benchCreep(): void {
  const meshes = (process.env.CREEP_CELLS ?? "8,16,24,32").split(",").map(Number);
  const oldMax = Number(process.env.CREEP_OLD_MAX ?? 24);
  console.log("creep unit cell, egg-box H 25 um S 150 um, 30% plating contrast (Newton to 1e-9):");
  console.log(
    "  figures: CPU s (wall s) for one solve incl. mesh and set-up; Newton iterations; Cholesky factorisations; CG iterations; peak pressure; new vs old relative difference",
  );
  eggBoxCell(4, "sparse"); // warm-up: JIT compilation of both paths
  eggBoxCell(4, "banded");
  const news: { unknowns: number; cpu: number }[] = [];
  const olds: { unknowns: number; cpu: number }[] = [];
  const peaks = new Map<number, Float64Array>();
  for (const N of meshes) {
    const run = timed(() => eggBoxCell(N, "sparse"));
    const s = run.value;
    peaks.set(N, s.excessPressure_Pa);
    news.push({ unknowns: unknownsAt(N), cpu: run.cpu });
    console.log(
      `  new ${String(N).padStart(2)} cells/period (${unknownsAt(N)} unknowns): ${run.cpu.toFixed(2)} s (${run.wall.toFixed(2)}), ${s.newtonIterations} Newton, ${s.factorisations} factorisations, ${s.linearIterations} CG, peak ${(s.excessPressure_Pa[0] / 1e6).toFixed(6)} MPa`,
    );
  }
  console.log(`  new: peak RSS of the process so far ${peakRss().toFixed(0)} MB`);
  for (const N of meshes.filter((n) => n <= oldMax)) {
    const run = timed(() => eggBoxCell(N, "banded"));
    const b = run.value;
    olds.push({ unknowns: unknownsAt(N), cpu: run.cpu });
    const fresh = peaks.get(N) ?? b.excessPressure_Pa;
    const scale = Math.max(...b.excessPressure_Pa.map(Math.abs));
    const difference = Math.max(...b.excessPressure_Pa.map((p, k) => Math.abs(p - fresh[k]))) / scale;
    const newCpu = news[meshes.indexOf(N)].cpu;
    console.log(
      `  old ${String(N).padStart(2)} cells/period: ${run.cpu.toFixed(2)} s (${run.wall.toFixed(2)}), ${b.newtonIterations} Newton, ${b.factorisations} factorisations, peak ${(b.excessPressure_Pa[0] / 1e6).toFixed(6)} MPa; new/old difference ${difference.toExponential(1)}; speed-up x${(run.cpu / newCpu).toFixed(1)}`,
    );
  }
  console.log(`  old + new: peak RSS of the process ${peakRss().toFixed(0)} MB`);
  const local = (points: { unknowns: number; cpu: number }[]) =>
    points
      .slice(1)
      .map((p, k) => exponent([points[k], p]).toFixed(2))
      .join(", ");
  console.log(
    `  cost ~ unknowns^p, least squares over the meshes: new p = ${exponent(news).toFixed(2)}${olds.length > 1 ? `, old p = ${exponent(olds).toFixed(2)}` : ""}; between successive meshes: new ${local(news)}${olds.length > 1 ? `, old ${local(olds)}` : ""}`,
  );

  if (process.env.CREEP_REPRODUCTION === "0") return;
  console.log("critical-current reproduction (--fast: 3 shapes at 48/24 cells, 11 egg-boxes at 16/16):");
  console.log("  figures: CPU s (wall s) of the whole reproduction, M1 current solves included");
  const [entry] = selectReproductions("critical-current/zhang2024");
  const outcome = (linearSolver: "sparse" | "banded") => {
    creepSolverDefault.linearSolver = linearSolver;
    try {
      return timed(() => runReproduction(entry, { fast: true }).outcome);
    } finally {
      creepSolverDefault.linearSolver = "sparse";
    }
  };
  const fresh = outcome("sparse");
  console.log(`  new: ${fresh.cpu.toFixed(1)} s (${fresh.wall.toFixed(1)})`);
  const old = outcome("banded");
  console.log(`  old: ${old.cpu.toFixed(1)} s (${old.wall.toFixed(1)})`);
  let worst = 0;
  old.value.rows.forEach((row, k) => {
    if (JSON.stringify(row) !== JSON.stringify(fresh.value.rows[k])) worst = Number.POSITIVE_INFINITY;
  });
  for (const [k, result] of old.value.results.entries()) {
    for (const [name, value] of Object.entries(result.metrics)) {
      const other = fresh.value.results[k].metrics[name];
      if (typeof value === "number" && typeof other === "number") {
        worst = Math.max(worst, Math.abs(value - other) / Math.max(Math.abs(value), 1e-300));
      }
    }
  }
  console.log(
    `  speed-up x${(old.cpu / fresh.cpu).toFixed(1)} (target >= 10); rows identical and metrics within ${worst.toExponential(1)} relative (target 1e-6)`,
  );
}
