/**
 * interface-3d benchmark: egg-box unit cell (S = 150 um, H = 25 um, electrolyte S thick, primary
 * kinetics) at 64^2 x 65 and 128^2 x 129 nodes: the whole solve (assembly, multigrid set-up, CG) on
 * one thread with its arrays in WebAssembly memory (the default) and in JavaScript arrays, and split
 * over two (the CLI's grid threads), each phase alone, the stencil kernels on one and two threads
 * against the JS triad bandwidth, and the peak resident memory. Target at 128: under 8 s in all.
 * CELLS=64 (comma-separated) picks other resolutions.
 */
import { availableParallelism, loadavg } from "node:os";
import { startGridThreads } from "../src/cli/threads/gridThreads.js";
import {
  creepAt,
  type Interface3DProblem,
  type Interface3DSolution,
  interfaceMesh3D,
  LITHIUM_CREEP,
  solveCreepUnitCell,
  solveInterface3D,
} from "../src/interface/index.js";
import {
  assembleQ1Stiffness3D,
  assembleTerrainFollowing,
  Multigrid3D,
  StencilMatrix3D,
  serialExecutor,
  stencilArenaExecutor,
} from "../src/numerics/index.js";
import { runScenario } from "../src/studies/index.js";
import { printMemoryFractions } from "./triad.js";

const time = <T>(run: () => T): [T, number] => {
  const start = performance.now();
  const value = run();
  return [value, (performance.now() - start) / 1000];
};

export async function benchInterface3D(): Promise<void> {
  console.log("interface-3d, egg-box S 150 um, H 25 um, primary kinetics:");
  const sizes = (process.env.CELLS ?? "64,128").split(",").map(Number);
  // The grid split: the caller plus one worker thread, as the CLI runs big solves.
  const pool = startGridThreads(2);
  await pool.ready;
  console.log(
    `  machine: ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)} at the start (a second thread only pays on a free core)`,
  );
  for (const cells of sizes) {
    const problem: Interface3DProblem = {
      period_m: 150e-6,
      thickness_m: 150e-6,
      conductivity_S_m: 0.2,
      contour: { shape: "egg-box", height_m: 25e-6 },
      kinetics: { type: "primary" },
      currentDensity_A_m2: 10,
      cellsPerPeriod: cells,
      relativeTolerance: 1e-8,
    };
    // One thread (WebAssembly memory, then JavaScript arrays) and two threads alternately, twice, so
    // that the load of a shared machine affects all alike; wall time and CPU time of the process
    // (both threads). Each WebAssembly solve gets a fresh memory, as solveInterface3D makes one.
    const unknownsOf = cells * cells * interfaceMesh3D(problem).zeta.length;
    const runs: Record<string, { wall: number[]; cpu: number[]; solution?: Interface3DSolution }> = {
      one: { wall: [], cpu: [] },
      js: { wall: [], cpu: [] },
      two: { wall: [], cpu: [] },
    };
    for (let round = 0; round < 2; round++) {
      for (const [key, executorOf] of [
        ["one", () => stencilArenaExecutor(unknownsOf, cells) ?? serialExecutor],
        ["js", () => serialExecutor],
        ["two", () => pool],
      ] as const) {
        const cpu0 = process.cpuUsage();
        const [solution, seconds] = time(() => solveInterface3D({ ...problem, executor: executorOf() }));
        const cpu = process.cpuUsage(cpu0);
        runs[key].wall.push(seconds);
        runs[key].cpu.push((cpu.user + cpu.system) / 1e6);
        runs[key].solution = solution;
      }
    }
    const one = runs.one.solution as Interface3DSolution;
    const js = runs.js.solution as Interface3DSolution;
    const two = runs.two.solution as Interface3DSolution;
    const { mesh } = one;
    const unknowns = mesh.nx * mesh.ny * mesh.nz;
    const best = (values: number[]) => Math.min(...values);
    const peak = (s: Interface3DSolution) => Math.max(...s.currentDensity_A_m2) / 10;
    const seconds = best(runs.one.wall);
    console.log(
      `  ${cells}^2 x ${mesh.nz} (${unknowns} unknowns), whole solve (assembly + multigrid set-up + CG to 1e-8), best of 2 wall:`,
    );
    console.log(
      `    1 thread:  ${seconds.toFixed(2)} s wall (${best(runs.one.cpu).toFixed(2)} s CPU), ${one.iterations} CG iterations, peak current ratio ${peak(one).toFixed(6)}${cells === 128 ? ` -> target < 8 s ${seconds < 8 ? "met" : "NOT met"}` : ""}`,
    );
    console.log(
      `    1 thread, JavaScript arrays (no WebAssembly sweeps): ${best(runs.js.wall).toFixed(2)} s wall (${best(runs.js.cpu).toFixed(2)} s CPU), ${js.iterations} CG iterations, peak current ratio ${peak(js).toFixed(6)}; WebAssembly x${(best(runs.js.cpu) / best(runs.one.cpu)).toFixed(2)} in CPU time`,
    );
    console.log(
      `    2 threads: ${best(runs.two.wall).toFixed(2)} s wall (${best(runs.two.cpu).toFixed(2)} s CPU of both threads), ${two.iterations} CG iterations, peak current ratio ${peak(two).toFixed(6)}; speed-up on 2 cores x${(seconds / best(runs.two.wall)).toFixed(2)}`,
    );
    // maxRSS is the process's high-water mark: read here, it covers the solves alone (the phases
    // below hold extra copies of the matrix).
    console.log(
      `    peak resident memory so far (the solves above): ${(process.resourceUsage().maxRSS / 1e6).toFixed(2)} GB`,
    );
    if (cells !== sizes[sizes.length - 1]) continue;
    runs.one.solution = undefined;
    runs.js.solution = undefined;
    runs.two.solution = undefined;
    // The general Q1 quadrature of the matrix (what the solver used before), dropped before the
    // solver's terrain-following assembly so that the peak memory holds one matrix; each with the
    // first touch of its own coefficient array.
    const [, generalAssembly] = time(() => assembleQ1Stiffness3D(mesh, 0.2).size);
    const [, assembly] = time(() => assembleTerrainFollowing(interfaceMesh3D(problem), 0.2).size);
    const [matrix, assemblyTwo] = time(() => assembleTerrainFollowing(interfaceMesh3D(problem), 0.2, pool));
    // A Robin term on the surface makes the matrix definite, as linear kinetics do in the solver.
    for (let s = 0; s < mesh.nx * mesh.ny; s++) matrix.addToDiagonal(s, 1e3);
    matrix.executor = null;
    const [multigrid, setup] = time(() => new Multigrid3D(matrix));
    const b = pool.allocate(unknowns);
    for (let n = 0; n < unknowns; n++) b[n] = Math.sin(n);
    const x = pool.allocate(unknowns);
    multigrid.apply(b, x);
    const [, cycle] = time(() => multigrid.apply(b, x));
    console.log(`  phases at ${cells}^2 x ${mesh.nz}, timed alone on the same mesh (1 thread unless said):`);
    console.log(
      `  assembly of the 27-point stiffness (half stored): ${assembly.toFixed(2)} s terrain-following (six matrices per column), ${assemblyTwo.toFixed(2)} s on 2 threads (x${(assembly / assemblyTwo).toFixed(2)}), ${generalAssembly.toFixed(2)} s general quadrature of the same matrix (first touch of the ${((14 * 8 * unknowns) / 1e6).toFixed(0)} MB of coefficients included in each)`,
    );
    console.log(
      `  multigrid set-up (${multigrid.levelCount} levels, Galerkin products, coarse Cholesky): ${setup.toFixed(2)} s`,
    );
    console.log(`  one V-cycle (2 + 2 Gauss-Seidel sweeps per level): ${cycle.toFixed(2)} s`);
    const bytes = StencilMatrix3D.BYTES_PER_ROW;
    // The same matrix and vectors copied once into WebAssembly memory (a solve assembles there).
    const [wasm, copy] = time(() => {
      const executor = stencilArenaExecutor(unknowns, matrix.nx);
      if (!executor) return null;
      const copied = new StencilMatrix3D(
        matrix.nx,
        matrix.ny,
        matrix.nz,
        matrix.periodicX,
        matrix.periodicY,
        executor.allocate(matrix.coefficients.length),
      );
      copied.coefficients.set(matrix.coefficients);
      copied.executor = executor;
      const [wx, wb] = [x, b].map((v) => {
        const w = executor.allocate(unknowns);
        w.set(v);
        return w;
      });
      return { matrix: copied, x: wx, b: wb };
    });
    if (wasm) {
      console.log(
        `  copy of the matrix, x and b into WebAssembly memory for the kernels below (set-up, not counted in them; first touch included): ${copy.toFixed(2)} s`,
      );
    }
    // Each kernel on 1 and on 2 threads (z-slabs of the same shared arrays), alternately.
    const onThreads = (threads: 1 | 2, run: () => void) => () => {
      matrix.executor = threads === 2 ? pool : null;
      run();
    };
    printMemoryFractions(
      [1, 2].flatMap((threads) => {
        const label = threads === 1 ? "1 thread" : "2 threads";
        return [
          {
            name: `3D product y = A x (16 x 8 B per row: 14 coefficients, x, y), ${label}`,
            bytes: bytes.multiply * unknowns,
            run: onThreads(threads as 1 | 2, () => matrix.multiply(b, x)),
          },
          {
            name: `3D Gauss-Seidel sweep, forward (17 x 8 B per row: 14 coefficients, b, x in and out), ${label}`,
            bytes: bytes.gaussSeidel * unknowns,
            run: onThreads(threads as 1 | 2, () => matrix.gaussSeidel(x, b, false)),
          },
          {
            name: `3D Gauss-Seidel sweep, backward (17 x 8 B per row), ${label}`,
            bytes: bytes.gaussSeidel * unknowns,
            run: onThreads(threads as 1 | 2, () => matrix.gaussSeidel(x, b, true)),
          },
          {
            name: `3D Gauss-Seidel, two backward sweeps in a row as the V-cycle smooths after the coarse correction (the first leaves its lower sums to the second; 2 x 17 x 8 B per row), ${label}`,
            bytes: 2 * bytes.gaussSeidel * unknowns,
            run: onThreads(threads as 1 | 2, () => matrix.backwardSweeps(x, b, 2)),
          },
          ...(threads === 1 && wasm
            ? [
                {
                  name: "3D Gauss-Seidel sweep, backward, WebAssembly (17 x 8 B per row), 1 thread",
                  bytes: bytes.gaussSeidel * unknowns,
                  run: () => wasm.matrix.gaussSeidel(wasm.x, wasm.b, true),
                },
              ]
            : []),
        ];
      }),
    );
  }
  await pool.close();
  // maxRSS is the kernel's high-water mark of the process, so it catches the peak inside the solve.
  console.log(
    `  peak resident memory of this bench process: ${(process.resourceUsage().maxRSS / 1e6).toFixed(2)} GB (the largest case's solves and its phases, which hold the matrix in JavaScript and in WebAssembly memory side by side; includes earlier benches when run together; target < 2 GB, for the solve itself see "so far" above)`,
  );
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
