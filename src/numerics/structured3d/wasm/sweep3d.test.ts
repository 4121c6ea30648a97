/**
 * The WebAssembly backward sweep (sweep3d.as.ts) against the per-row definition of the sweep, on
 * every periodicity (missing neighbour lines read as zeros, bounded end columns in JavaScript), and
 * the committed module against the source it was compiled from.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parkMillerUniform } from "../../../testing/parkMiller.js";
import { Multigrid3D } from "../multigrid3d.js";
import { StencilMatrix3D } from "../stencil3d.js";
import { stencilArenaExecutor } from "./arenaExecutor.js";
import { SWEEP3D_SOURCE_SHA256 } from "./sweep3d.wasm.js";

/** A random diagonally dominant nx x ny x nz stencil and vectors, all in WebAssembly memory. */
function arenaStencil(periodicX: boolean, periodicY: boolean, nx = 7, ny = 6, nz = 5) {
  const executor = stencilArenaExecutor(nx * ny * nz, nx);
  if (!executor?.arena) throw new Error("no WebAssembly");
  const size = nx * ny * nz;
  const matrix = new StencilMatrix3D(nx, ny, nz, periodicX, periodicY, executor.allocate(14 * size));
  matrix.executor = executor;
  const random = parkMillerUniform(5);
  // Couplings pointing outside the grid too: they must be ignored.
  for (let n = 0; n < matrix.coefficients.length; n++) matrix.coefficients[n] = random();
  for (let n = 0; n < size; n++) matrix.coefficients[14 * n] = 20 + random();
  const x = executor.allocate(size);
  const b = executor.allocate(size);
  for (let n = 0; n < size; n++) {
    x[n] = random();
    b[n] = random();
  }
  const node = (n: number) => [n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny))] as const;
  /** `count` backward sweeps row by row from x, by the definition (rowOffDiagonal). */
  const reference = (count: number) => {
    const expected = x.slice();
    for (let sweep = 0; sweep < count; sweep++) {
      for (let n = size - 1; n >= 0; n--) {
        expected[n] = (b[n] - matrix.rowOffDiagonal(expected, ...node(n))) / matrix.diagonal(n);
      }
    }
    return expected;
  };
  return { matrix, executor, x, b, reference };
}

const maxDifference = (u: Float64Array, v: Float64Array) =>
  u.reduce((m, value, n) => Math.max(m, Math.abs(value - v[n])), 0);

describe("WebAssembly backward sweep", () => {
  it("is compiled from the committed source (npm run build:wasm after changing sweep3d.as.ts)", () => {
    const source = readFileSync(new URL("./sweep3d.as.ts", import.meta.url), "utf8");
    expect(createHash("sha256").update(source).digest("hex")).toBe(SWEEP3D_SOURCE_SHA256);
  });

  it.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])("equals the per-row sweep on every row (periodic x %s, y %s)", (periodicX, periodicY) => {
    const { matrix, x, b, reference } = arenaStencil(periodicX, periodicY);
    expect(matrix.arena?.holds(matrix.coefficients, x, b)).toBe(true);
    const expected = reference(1);
    const before = x.slice();
    matrix.gaussSeidel(x, b, true);
    // Round-off of a different summation order only (values are of order 0.1).
    expect(maxDifference(x, expected)).toBeLessThan(1e-14);
    // The sweep moved the rows by far more than that.
    expect(maxDifference(x, before)).toBeGreaterThan(1e-3);
  });

  it("runs the V-cycle's post-smoothing pair as two sweeps, also on a long line", () => {
    const { matrix, x, b, reference } = arenaStencil(true, true, 33, 4, 4);
    const expected = reference(2);
    matrix.backwardSweeps(x, b, 2);
    expect(maxDifference(x, expected)).toBeLessThan(1e-14);
  });

  it("leaves vectors outside its memory to the JavaScript sweep, with the same result", () => {
    const { matrix, x, b, reference } = arenaStencil(true, true);
    const expected = reference(1);
    const plain = x.slice();
    expect(matrix.arena?.holds(matrix.coefficients, plain, b)).toBe(false);
    matrix.gaussSeidel(plain, b, true);
    expect(maxDifference(plain, expected)).toBeLessThan(1e-14);
  });

  it("hands out plain arrays once its memory is full", () => {
    const executor = stencilArenaExecutor(10, 4);
    const inside = executor?.allocate(100);
    const beyond = executor?.allocate(1e6);
    expect(inside && executor?.arena?.holds(inside)).toBe(true);
    expect(beyond && executor?.arena?.holds(beyond)).toBe(false);
    expect(beyond?.length).toBe(1e6);
  });

  it("keeps the V-cycle a symmetric operator, its levels in WebAssembly memory", () => {
    const { matrix, executor } = arenaStencil(true, true, 8, 8, 9);
    const multigrid = new Multigrid3D(matrix);
    expect(multigrid.levelCount).toBeGreaterThan(1);
    const random = parkMillerUniform(9);
    const vector = () => {
      const v = executor.allocate(matrix.size);
      for (let n = 0; n < v.length; n++) v[n] = random();
      return v;
    };
    const [u, v, mu, mv] = [vector(), vector(), vector(), vector()];
    multigrid.apply(u, mu);
    multigrid.apply(v, mv);
    const dot = (p: Float64Array, q: Float64Array) => p.reduce((s, value, n) => s + value * q[n], 0);
    const scale = Math.sqrt(dot(u, mu) * dot(v, mv));
    expect(Math.abs(dot(v, mu) - dot(u, mv)) / scale).toBeLessThan(1e-13);
  });
});
