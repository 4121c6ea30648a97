import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Interface3DProblem, solveInterface3D } from "../../interface/index.js";
import { interfaceMesh3D } from "../../interface/solve3d.js";
import { assembleTerrainFollowing, StencilMatrix3D } from "../../numerics/index.js";
import { parkMillerUniform } from "../../testing/parkMiller.js";
import { type GridThreadPool, startGridThreads } from "./gridThreads.js";

// Real worker threads on small grids (minUnknowns 0 lets them split): each result against the
// same computation on the caller's thread alone.
let pool: GridThreadPool;
beforeAll(async () => {
  pool = startGridThreads(2, { minUnknowns: 0 });
  await pool.ready;
}, 120_000);
afterAll(() => pool.close());

function randomMatrix(shared: boolean): StencilMatrix3D {
  const random = parkMillerUniform(13);
  const [nx, ny, nz] = [9, 8, 10];
  const storage = shared ? pool.allocate(14 * nx * ny * nz) : undefined;
  const matrix = new StencilMatrix3D(nx, ny, nz, true, false, storage);
  for (let n = 0; n < matrix.coefficients.length; n++) matrix.coefficients[n] = random();
  for (let n = 0; n < matrix.size; n++) matrix.coefficients[14 * n] = 20 + random();
  return matrix;
}

const vector = (length: number, seed: number) => {
  const v = pool.allocate(length);
  for (let n = 0; n < length; n++) v[n] = Math.sin(seed * (n + 1));
  return v;
};

describe("grid threads", () => {
  it("split the product by z-slabs with the serial product's result (round-off of the summation order)", () => {
    const matrix = randomMatrix(true);
    const x = vector(matrix.size, 1);
    const serial = new Float64Array(matrix.size);
    matrix.multiply(x, serial);
    // Garbage in y: every row of the slabs must be overwritten.
    const threaded = vector(matrix.size, 4);
    matrix.executor = pool;
    matrix.multiply(x, threaded);
    // The second slab's first plane gathers the shares of the plane below instead of receiving them.
    const scale = serial.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    for (let n = 0; n < serial.length; n++)
      expect(Math.abs(threaded[n] - serial[n])).toBeLessThan(1e-14 * scale);
  });

  it("sweep slabs side by side, then the separator plane (backward: the reverse order)", () => {
    const matrix = randomMatrix(true);
    const b = vector(matrix.size, 2);
    // The order of the split sweep, written out plane range by plane range on one thread: slab
    // [0, 5), slab [6, 10), separator plane 5.
    const expected = vector(matrix.size, 3);
    matrix.gaussSeidelPlanes(expected, b, 0, 5, false);
    matrix.gaussSeidelPlanes(expected, b, 6, 10, false);
    matrix.gaussSeidelPlanes(expected, b, 5, 6, false);
    matrix.gaussSeidelPlanes(expected, b, 5, 6, true);
    matrix.gaussSeidelPlanes(expected, b, 6, 10, true);
    matrix.gaussSeidelPlanes(expected, b, 0, 5, true);
    const swept = vector(matrix.size, 3);
    matrix.executor = pool;
    matrix.gaussSeidel(swept, b, false);
    matrix.gaussSeidel(swept, b, true);
    expect(Array.from(swept)).toEqual(Array.from(expected));
    // It is a different order from the plain sweep: the results differ.
    const plain = vector(matrix.size, 3);
    matrix.executor = null;
    matrix.gaussSeidel(plain, b, false);
    expect(Array.from(plain)).not.toEqual(Array.from(expected));
  });

  it("assemble the 3D stiffness by slabs of layers to the serial matrix (round-off of the summation order)", () => {
    const problem = eggBox(8);
    const serial = assembleTerrainFollowing(interfaceMesh3D(problem), 0.2).coefficients;
    const threaded = assembleTerrainFollowing(interfaceMesh3D(problem), 0.2, pool).coefficients;
    expect(threaded.buffer).toBeInstanceOf(SharedArrayBuffer);
    const scale = serial.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    for (let n = 0; n < serial.length; n++)
      expect(Math.abs(threaded[n] - serial[n])).toBeLessThan(1e-14 * scale);
  });

  it("give the serial 3D solve's currents to the solver tolerance", () => {
    const problem = eggBox(16);
    const serial = solveInterface3D(problem);
    const threaded = solveInterface3D({ ...problem, executor: pool });
    const peak = Math.max(...serial.currentDensity_A_m2);
    serial.currentDensity_A_m2.forEach((c, s) => {
      expect(Math.abs(threaded.currentDensity_A_m2[s] - c)).toBeLessThan(1e-6 * peak);
    });
    expect(Math.abs(threaded.iterations - serial.iterations)).toBeLessThanOrEqual(1);
  });

  it("report a failing task as an error of the caller", () => {
    expect(() => pool.run([{ op: "idle" }, { op: "unknown" } as never])).toThrow(/unknown slab task/);
    // The threads still work afterwards.
    expect(() => pool.run([{ op: "idle" }, { op: "idle" }])).not.toThrow();
  });
});

function eggBox(cellsPerPeriod: number): Interface3DProblem {
  return {
    period_m: 150e-6,
    thickness_m: 150e-6,
    conductivity_S_m: 0.2,
    contour: { shape: "egg-box", height_m: 25e-6 },
    kinetics: { type: "primary" },
    currentDensity_A_m2: 10,
    cellsPerPeriod,
    relativeTolerance: 1e-10,
  };
}

describe("a pool whose thread is still starting", () => {
  it("runs every share on the caller, with the started pool's arithmetic (same bits)", async () => {
    const starting = startGridThreads(2, { minUnknowns: 0 });
    try {
      const matrix = randomMatrix(true);
      const x = vector(matrix.size, 1);
      matrix.executor = starting;
      // Synchronously after the start, so the thread is still loading its modules.
      const early = vector(matrix.size, 4);
      matrix.multiply(x, early);
      await starting.ready;
      const late = vector(matrix.size, 5);
      matrix.multiply(x, late);
      expect(Array.from(early)).toEqual(Array.from(late));
      // The split product differs from the unsplit one in round-off, so equal bits mean the
      // early call ran the same slab shares rather than the one-thread kernel.
      const unsplit = new Float64Array(matrix.size);
      matrix.executor = null;
      matrix.multiply(x, unsplit);
      expect(Array.from(early)).not.toEqual(Array.from(unsplit));
    } finally {
      await starting.close();
    }
  }, 120_000);
});
