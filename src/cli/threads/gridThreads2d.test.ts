import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collectorHeight,
  multigridCellCounts,
  solveInterface2D,
  terrainFollowingMesh,
} from "../../interface/index.js";
import {
  assembleTerrainFollowing2D,
  conjugateGradients,
  type GridExecutor,
  Multigrid2D,
  StencilMatrix2D,
  terrainFollowingNodes2D,
} from "../../numerics/index.js";
import { galerkinCoarsen, prolongAdd, restrictResidual } from "../../numerics/structured/multigrid2d.js";
import { parkMillerUniform } from "../../testing/parkMiller.js";
import { xieFig8bTip } from "../../testing/xieFig8bTip.js";
import { type GridThreadPool, startGridThreads } from "./gridThreads.js";

// Real worker threads on small grids (minUnknowns 0 lets them split): each 2D result against the
// same computation on the caller's thread alone.
let pool: GridThreadPool;
beforeAll(async () => {
  pool = startGridThreads(2, { minUnknowns: 0 });
  await pool.ready;
}, 120_000);
afterAll(() => pool.close());

/** A random diagonally dominant 9-point matrix, its coefficients on shared memory. */
function randomMatrix(nx: number, ny: number, periodic: boolean): StencilMatrix2D {
  const random = parkMillerUniform(7);
  const matrix = StencilMatrix2D.on(pool, nx, ny, periodic);
  for (let n = 0; n < matrix.coefficients.length; n++) matrix.coefficients[n] = random();
  for (let n = 0; n < matrix.size; n++) matrix.coefficients[9 * n + 4] = 20 + random();
  return matrix;
}

const vector = (length: number, seed: number) => {
  const v = pool.allocate(length);
  for (let n = 0; n < length; n++) v[n] = Math.sin(seed * (n + 1));
  return v;
};

describe("grid threads in 2D", () => {
  it("split the product by bands of lines with the serial product's result", () => {
    for (const periodic of [false, true]) {
      const matrix = randomMatrix(11, 9, periodic);
      const x = vector(matrix.size, 1);
      const serial = new Float64Array(matrix.size);
      matrix.multiplyLines(x, serial, 0, matrix.ny);
      const threaded = pool.allocate(matrix.size);
      matrix.multiply(x, threaded);
      expect(Array.from(threaded)).toEqual(Array.from(serial));
    }
  });

  it("sweep bands side by side, then the separator line (backward: the reverse order)", () => {
    const matrix = randomMatrix(11, 10, false);
    const b = vector(matrix.size, 2);
    // The order of the split sweep written out band by band on one thread: lines [0, 5), [6, 10),
    // separator 5; backward the exact reverse.
    const expected = vector(matrix.size, 3);
    matrix.gaussSeidelLines(expected, b, 0, 5, false);
    matrix.gaussSeidelLines(expected, b, 6, 10, false);
    matrix.gaussSeidelLines(expected, b, 5, 6, false);
    matrix.gaussSeidelLines(expected, b, 5, 6, true);
    matrix.gaussSeidelLines(expected, b, 6, 10, true);
    matrix.gaussSeidelLines(expected, b, 0, 5, true);
    const swept = vector(matrix.size, 3);
    matrix.gaussSeidel(swept, b, false);
    matrix.gaussSeidel(swept, b, true);
    expect(Array.from(swept)).toEqual(Array.from(expected));
    // A different order from the plain sweep: the results differ.
    const plain = vector(matrix.size, 3);
    matrix.gaussSeidelLines(plain, b, 0, matrix.ny, false);
    expect(Array.from(plain)).not.toEqual(Array.from(expected));
  });

  it("split the residual restriction and the prolongation with the serial transfers' results", () => {
    for (const periodic of [false, true]) {
      const fine = randomMatrix(periodic ? 16 : 17, 13, periodic);
      const coarse = StencilMatrix2D.on(pool, periodic ? 8 : 9, 7, periodic);
      const x = vector(fine.size, 4);
      const b = vector(fine.size, 5);
      const line = new Float64Array(fine.nx);
      const ring = new Float64Array(3 * fine.nx);
      const serial = new Float64Array(coarse.size);
      restrictResidual(fine, coarse, line, ring, x, b, serial);
      // The bands of coarse lines [0, 3) and [3, 7) computed apart give the same lines.
      const banded = new Float64Array(coarse.size);
      restrictResidual(fine, coarse, line, ring, x, b, banded, 0, 3);
      restrictResidual(fine, coarse, line, new Float64Array(3 * fine.nx), x, b, banded, 3, 7);
      expect(Array.from(banded)).toEqual(Array.from(serial));
      const coarseValues = vector(coarse.size, 6);
      const prolonged = vector(fine.size, 7);
      const expected = Float64Array.from(prolonged);
      prolongAdd(fine, coarse, new Float64Array(fine.nx), coarseValues, expected);
      prolongAdd(fine, coarse, new Float64Array(fine.nx), coarseValues, prolonged, 0, 6);
      prolongAdd(fine, coarse, new Float64Array(fine.nx), coarseValues, prolonged, 6, 13);
      expect(Array.from(prolonged)).toEqual(Array.from(expected));
    }
  });

  it("build the Galerkin coarse operator by bands of fine lines (round-off of the summation order)", () => {
    for (const periodic of [false, true]) {
      const fine = randomMatrix(periodic ? 16 : 17, 13, periodic);
      const threaded = galerkinCoarsen(fine);
      expect(threaded.coefficients.buffer).toBeInstanceOf(SharedArrayBuffer);
      fine.executor = null;
      const serial = galerkinCoarsen(fine).coefficients;
      const scale = serial.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const largest = serial.reduce((m, v, n) => Math.max(m, Math.abs(threaded.coefficients[n] - v)), 0);
      expect(largest).toBeGreaterThan(0);
      expect(largest).toBeLessThan(1e-14 * scale);
    }
  });

  it("give the serial V-cycle's transfers on threads (one cycle equal to round-off of the sweep order)", () => {
    // A symmetric M-matrix (5-point Laplacian plus a shift) with shared vectors: the threaded
    // cycle differs from the serial one only by the separator order of its sweeps.
    const matrix = StencilMatrix2D.on(pool, 33, 17, false);
    for (let j = 0; j < matrix.ny; j++) {
      for (let i = 0; i < matrix.nx; i++) {
        matrix.add(i, j, 0, 0, 4.01);
        for (const [di, dj] of [
          [1, 0],
          [-1, 0],
          [0, 1],
          [0, -1],
        ]) {
          const [ii, jj] = [i + di, j + dj];
          if (ii >= 0 && ii < matrix.nx && jj >= 0 && jj < matrix.ny) matrix.add(i, j, di, dj, -1);
        }
      }
    }
    const r = vector(matrix.size, 8);
    const threaded = pool.allocate(matrix.size);
    new Multigrid2D(matrix).apply(r, threaded);
    // Both are one V-cycle applied to r: an approximation of A^-1 r, close to the serial one.
    matrix.executor = null;
    const serial = new Float64Array(matrix.size);
    new Multigrid2D(matrix).apply(r, serial);
    const scale = serial.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    let largest = 0;
    serial.forEach((v, n) => {
      largest = Math.max(largest, Math.abs(threaded[n] - v));
    });
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(0.2 * scale);
  });

  it("assemble the 2D stiffness by bands of cell layers to the serial matrix (round-off of the summation order)", () => {
    for (const sides of ["insulated", "periodic"] as const) {
      const problem = xieFig8bTip(0.25e-6, { sides });
      const terrain = terrainFollowingMesh(
        problem,
        multigridCellCounts(problem.layer.width_m, problem.layer.thickness_m, 0.25e-6),
        collectorHeight(problem),
      );
      const cells = (terrain.periodicX ? terrain.x.length : terrain.x.length - 1) * (terrain.zeta.length - 1);
      const random = parkMillerUniform(11);
      const sigma = Float64Array.from({ length: cells }, () => 0.1 + 0.05 * random());
      const serial = assembleTerrainFollowing2D(terrain, sigma).coefficients;
      const threaded = assembleTerrainFollowing2D(terrain, sigma, pool).coefficients;
      expect(threaded.buffer).toBeInstanceOf(SharedArrayBuffer);
      const scale = serial.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const largest = serial.reduce((m, v, n) => Math.max(m, Math.abs(threaded[n] - v)), 0);
      expect(largest).toBeLessThan(1e-14 * scale);
      // The node coordinates by bands of lines: the same numbers.
      const [plain, banded] = [terrainFollowingNodes2D(terrain), terrainFollowingNodes2D(terrain, pool)];
      expect(banded.y.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Array.from(banded.x)).toEqual(Array.from(plain.x));
      expect(Array.from(banded.y)).toEqual(Array.from(plain.y));
    }
  });

  it("split CG's vector updates over the threads, with the serial iterations and solution to the tolerance", () => {
    const matrix = randomMatrix(40, 30, false);
    // Symmetric: the mean of the random coefficients and their mirrors (entry k of row n and
    // entry 8 - k of its neighbour), diagonally dominant.
    const a = matrix.coefficients;
    for (let n = 0; n < matrix.size; n++) {
      const [i, j] = [n % matrix.nx, Math.floor(n / matrix.nx)];
      for (let k = 0; k < 4; k++) {
        const [di, dj] = [(k % 3) - 1, Math.floor(k / 3) - 1];
        const [ii, jj] = [i + di, j + dj];
        if (ii < 0 || ii >= matrix.nx || jj < 0) continue;
        const m = jj * matrix.nx + ii;
        const mean = (a[9 * n + k] + a[9 * m + 8 - k]) / 2;
        a[9 * n + k] = mean;
        a[9 * m + 8 - k] = mean;
      }
    }
    const b = vector(matrix.size, 9);
    const identity = { apply: (r: Float64Array, z: Float64Array) => z.set(r) };
    const ops: string[] = [];
    const counting: GridExecutor = {
      ...pool,
      threads: pool.threads,
      minUnknowns: 0,
      allocate: pool.allocate,
      run: (tasks) => {
        ops.push(tasks[0].op);
        pool.run(tasks);
      },
    };
    matrix.executor = null;
    const serial = new Float64Array(matrix.size);
    const serialReport = conjugateGradients(matrix, identity, b, serial, { relativeTolerance: 1e-12 });
    const threaded = pool.allocate(matrix.size);
    const report = conjugateGradients(matrix, identity, b, threaded, {
      relativeTolerance: 1e-12,
      executor: counting,
    });
    expect(ops).toContain("cgStep");
    expect(ops).toContain("cgDot");
    expect(ops).toContain("cgDirection");
    expect(Math.abs(report.iterations - serialReport.iterations)).toBeLessThanOrEqual(1);
    const scale = serial.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    serial.forEach((v, n) => {
      expect(Math.abs(threaded[n] - v)).toBeLessThan(1e-10 * scale);
    });
  });

  it("give the serial 2D solve's currents to the solver tolerance (linear and Butler-Volmer kinetics)", () => {
    for (const kinetics of [
      { type: "linear", asr: 2e-4 },
      {
        type: "butler-volmer",
        exchangeCurrentDensity: 5,
        alphaAnodic: 0.4,
        alphaCathodic: 0.6,
        temperature: 298.15,
        pressure: 0,
        molarVolume: 1.3e-5,
      },
    ] as const) {
      const problem = xieFig8bTip(0.125e-6, { kinetics });
      const serial = solveInterface2D(problem);
      const threaded = solveInterface2D(problem, { executor: pool });
      const peak = Math.max(...serial.collector.currentDensity_A_m2.map(Math.abs));
      serial.collector.currentDensity_A_m2.forEach((c, i) => {
        expect(Math.abs(threaded.collector.currentDensity_A_m2[i] - c)).toBeLessThan(1e-7 * peak);
      });
      expect(Math.abs(threaded.linearIterations - serial.linearIterations)).toBeLessThanOrEqual(2);
      expect(threaded.totalCurrent_A_m).toBeCloseTo(threaded.topCurrent_A_m, 12);
    }
  });
});
