import { describe, expect, it } from "vitest";
import { parkMillerUniform } from "../../testing/parkMiller.js";
import type { GridExecutor } from "../parallel/gridExecutor.js";
import { runSlabTask } from "../parallel/slabTasks.js";
import { coarseCount, transfer1D } from "../structured/multigrid2d.js";
import { galerkinCoarsen3D, Multigrid3D } from "./multigrid3d.js";
import { StencilMatrix3D } from "./stencil3d.js";
import { GridTransfer3D } from "./transfer3d.js";

/** Trilinear prolongation P u written out node by node, independent of the multigrid code. */
function prolong(coarse: Float64Array, fine: StencilMatrix3D): Float64Array {
  const cnx = coarseCount(fine.nx, fine.periodicX);
  const cny = coarseCount(fine.ny, fine.periodicY);
  const tx = transfer1D(fine.nx, cnx, fine.periodicX);
  const ty = transfer1D(fine.ny, cny, fine.periodicY);
  const tz = transfer1D(fine.nz, coarseCount(fine.nz, false), false);
  const out = new Float64Array(fine.size);
  for (let k = 0; k < fine.nz; k++)
    for (let j = 0; j < fine.ny; j++)
      for (let i = 0; i < fine.nx; i++) {
        let sum = 0;
        for (const [K, wz] of [
          [tz.parent0[k], tz.weight0[k]],
          [tz.parent1[k], tz.weight1[k]],
        ])
          for (const [J, wy] of [
            [ty.parent0[j], ty.weight0[j]],
            [ty.parent1[j], ty.weight1[j]],
          ])
            for (const [I, wx] of [
              [tx.parent0[i], tx.weight0[i]],
              [tx.parent1[i], tx.weight1[i]],
            ])
              if (wx * wy * wz !== 0) sum += wx * wy * wz * coarse[(K * cny + J) * cnx + I];
        out[(k * fine.ny + j) * fine.nx + i] = sum;
      }
  return out;
}

const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, n) => s + v * b[n], 0);

describe("galerkinCoarsen3D", () => {
  it.each([
    [true, true],
    [false, true],
    [false, false],
  ])("equals P^T A P on random vectors (periodic x %s, y %s)", (periodicX, periodicY) => {
    const fine = new StencilMatrix3D(periodicX ? 8 : 9, periodicY ? 8 : 9, 5, periodicX, periodicY);
    const random = parkMillerUniform(7);
    // Random stored halves: 27 different entries per row exercise every entry of the factorised
    // triple product (the lower ones read from the neighbours' rows).
    for (let n = 0; n < fine.coefficients.length; n++) fine.coefficients[n] = random();
    const coarse = galerkinCoarsen3D(fine);
    const u = Float64Array.from({ length: coarse.size }, random);
    const v = Float64Array.from({ length: coarse.size }, random);
    const coarseProduct = new Float64Array(coarse.size);
    coarse.multiply(u, coarseProduct);
    const fineProduct = new Float64Array(fine.size);
    fine.multiply(prolong(u, fine), fineProduct);
    const expected = dot(prolong(v, fine), fineProduct);
    expect(dot(v, coarseProduct)).toBeCloseTo(expected, 10);
  });
});

describe("StencilMatrix3D line kernels", () => {
  it.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])(
    "equal the generic per-row path on every row, boundaries included (periodic x %s, y %s)",
    (periodicX, periodicY) => {
      const { matrix, x, b, node } = randomStencil(periodicX, periodicY);
      const product = new Float64Array(matrix.size);
      matrix.multiply(x, product);
      for (let n = 0; n < matrix.size; n++) {
        const expected = matrix.diagonal(n) * x[n] + matrix.rowOffDiagonal(x, ...node(n));
        expect(Math.abs(product[n] - expected)).toBeLessThan(1e-12);
      }
      for (const backward of [false, true]) {
        const swept = x.slice();
        matrix.gaussSeidel(swept, b, backward);
        const expected = x.slice();
        for (let s = 0; s < matrix.size; s++) {
          const n = backward ? matrix.size - 1 - s : s;
          expected[n] = (b[n] - matrix.rowOffDiagonal(expected, ...node(n))) / matrix.diagonal(n);
        }
        for (let n = 0; n < matrix.size; n++) expect(Math.abs(swept[n] - expected[n])).toBeLessThan(1e-12);
      }
    },
  );

  it.each([
    [true, true],
    [false, false],
  ])(
    "equal the per-row path on slabs of planes, the plane below another slab's (periodic x %s, y %s)",
    (periodicX, periodicY) => {
      const { matrix, x, b, node } = randomStencil(periodicX, periodicY);
      const plane = matrix.nx * matrix.ny;
      // Garbage in y: the slabs must overwrite their rows and leave the others alone.
      const product = new Float64Array(matrix.size).fill(7);
      matrix.multiplyPlanes(x, product, 2, 4);
      for (let n = 0; n < matrix.size; n++) {
        const inside = n >= 2 * plane && n < 4 * plane;
        const expected = inside ? matrix.diagonal(n) * x[n] + matrix.rowOffDiagonal(x, ...node(n)) : 7;
        expect(Math.abs(product[n] - expected)).toBeLessThan(1e-12);
      }
      // Planes 3-4, then 1-2, each direction: rows outside keep their values, rows inside see the
      // current values of every neighbour, those of the planes below and above included.
      for (const backward of [false, true]) {
        const swept = x.slice();
        const expected = x.slice();
        for (const [k0, k1] of [
          [3, 5],
          [1, 3],
        ]) {
          matrix.gaussSeidelPlanes(swept, b, k0, k1, backward);
          for (let s = 0; s < (k1 - k0) * plane; s++) {
            const n = backward ? k1 * plane - 1 - s : k0 * plane + s;
            expected[n] = (b[n] - matrix.rowOffDiagonal(expected, ...node(n))) / matrix.diagonal(n);
          }
        }
        for (let n = 0; n < matrix.size; n++) expect(Math.abs(swept[n] - expected[n])).toBeLessThan(1e-12);
      }
    },
  );

  it.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])(
    "backward sweeps in a row equal as many per-row backward sweeps, 1 to 3 (periodic x %s, y %s)",
    (periodicX, periodicY) => {
      const { matrix, x, b, node } = randomStencil(periodicX, periodicY);
      for (const count of [1, 2, 3]) {
        const swept = x.slice();
        matrix.backwardSweeps(swept, b, count);
        const expected = x.slice();
        for (let sweep = 0; sweep < count; sweep++) {
          for (let n = matrix.size - 1; n >= 0; n--) {
            expected[n] = (b[n] - matrix.rowOffDiagonal(expected, ...node(n))) / matrix.diagonal(n);
          }
        }
        for (let n = 0; n < matrix.size; n++) expect(Math.abs(swept[n] - expected[n])).toBeLessThan(1e-12);
      }
    },
  );

  it.each([
    [true, true],
    [false, false],
  ])(
    "leave and use the lower sums on slabs of planes, the planes below and above another slab's (periodic x %s, y %s)",
    (periodicX, periodicY) => {
      const { matrix, x, b, node } = randomStencil(periodicX, periodicY);
      const plane = matrix.nx * matrix.ny;
      const swept = x.slice();
      // Garbage everywhere: each slab must write the lower sums it reads.
      const lower = new Float64Array(matrix.size + plane).fill(3);
      matrix.backwardLeavingPlanes(swept, b, lower, 1, 4);
      // Plane 0, below the slab, changes between the two sweeps (as a separator does when the
      // sweeps are split over threads): the second must see its current values.
      for (let n = 0; n < plane; n++) swept[n] += 0.25;
      matrix.backwardUsingPlanes(swept, b, lower, 1, 4);
      const expected = x.slice();
      const sweepRows = () => {
        for (let n = 4 * plane - 1; n >= plane; n--) {
          expected[n] = (b[n] - matrix.rowOffDiagonal(expected, ...node(n))) / matrix.diagonal(n);
        }
      };
      sweepRows();
      for (let n = 0; n < plane; n++) expected[n] += 0.25;
      sweepRows();
      for (let n = 0; n < matrix.size; n++) expect(Math.abs(swept[n] - expected[n])).toBeLessThan(1e-12);
    },
  );

  it.each([
    [true, true],
    [false, false],
  ])(
    "backward sweeps in a row split over slabs equal as many split sweeps (periodic x %s, y %s)",
    (periodicX, periodicY) => {
      // Two "threads" run one after the other on shared memory: the split's node order and tasks.
      const allocate = (length: number) => new Float64Array(new SharedArrayBuffer(8 * length));
      const executor: GridExecutor = {
        threads: 2,
        minUnknowns: 0,
        allocate,
        run: (tasks) => {
          for (const task of tasks) runSlabTask(task);
        },
      };
      const { matrix: plain, x, b } = randomStencil(periodicX, periodicY, 9);
      const share = (v: Float64Array) => {
        const copy = allocate(v.length);
        copy.set(v);
        return copy;
      };
      const matrix = new StencilMatrix3D(7, 6, 9, periodicX, periodicY, share(plain.coefficients));
      matrix.executor = executor;
      const together = share(x);
      matrix.backwardSweeps(together, share(b), 2);
      const oneByOne = share(x);
      for (let sweep = 0; sweep < 2; sweep++) matrix.gaussSeidel(oneByOne, share(b), true);
      const serial = x.slice();
      plain.backwardSweeps(serial, b, 2);
      let moved = 0;
      for (let n = 0; n < matrix.size; n++) {
        expect(Math.abs(together[n] - oneByOne[n])).toBeLessThan(1e-12);
        moved = Math.max(moved, Math.abs(together[n] - serial[n]));
      }
      // The split is another node order, hence another sweep: the test must see that split.
      expect(moved).toBeGreaterThan(1e-6);
    },
  );
});

/** A 7 x 6 x nz stencil with random couplings (diagonally dominant) and random vectors. */
function randomStencil(periodicX: boolean, periodicY: boolean, nz = 5) {
  const matrix = new StencilMatrix3D(7, 6, nz, periodicX, periodicY);
  const random = parkMillerUniform(11);
  // Random couplings everywhere, also those pointing outside the grid (which must be ignored).
  for (let n = 0; n < matrix.coefficients.length; n++) matrix.coefficients[n] = random();
  for (let n = 0; n < matrix.size; n++) matrix.coefficients[14 * n] = 20 + random();
  const x = Float64Array.from({ length: matrix.size }, random);
  const b = Float64Array.from({ length: matrix.size }, random);
  const node = (n: number) => {
    const i = n % matrix.nx;
    const j = Math.floor(n / matrix.nx) % matrix.ny;
    return [i, j, Math.floor(n / (matrix.nx * matrix.ny))] as const;
  };
  return { matrix, x, b, node };
}

describe("Multigrid3D V-cycle", () => {
  it.each([
    [true, 8],
    [false, 9],
  ])(
    "is a symmetric operator, as conjugate gradients needs (periodic %s, %i nodes across)",
    (periodic, across) => {
      const matrix = new StencilMatrix3D(across, across, 9, periodic, periodic);
      const random = parkMillerUniform(7);
      // Diagonally dominant with symmetric storage: symmetric positive definite.
      for (let n = 0; n < matrix.coefficients.length; n++) matrix.coefficients[n] = random();
      for (let n = 0; n < matrix.size; n++) matrix.coefficients[14 * n] = 20 + random();
      const multigrid = new Multigrid3D(matrix);
      expect(multigrid.levelCount).toBeGreaterThan(1);
      const u = Float64Array.from({ length: matrix.size }, random);
      const v = Float64Array.from({ length: matrix.size }, random);
      const mu = new Float64Array(matrix.size);
      const mv = new Float64Array(matrix.size);
      multigrid.apply(u, mu);
      multigrid.apply(v, mv);
      const scale = Math.sqrt(dot(u, mu) * dot(v, mv));
      expect(Math.abs(dot(v, mu) - dot(u, mv)) / scale).toBeLessThan(1e-13);
    },
  );
});

describe("StencilMatrix3D half storage", () => {
  it.each([
    [true, true],
    [false, false],
  ])(
    "is a symmetric matrix: x^T A y = y^T A x and A_nm = A_mn entry by entry (periodic %s, %s)",
    (px, py) => {
      // 4 columns: with periodic wrap the left and right neighbours are distinct nodes.
      const matrix = new StencilMatrix3D(4, 5, 3, px, py);
      const random = parkMillerUniform(3);
      for (let n = 0; n < matrix.coefficients.length; n++) matrix.coefficients[n] = random();
      const x = Float64Array.from({ length: matrix.size }, random);
      const y = Float64Array.from({ length: matrix.size }, random);
      const ax = new Float64Array(matrix.size);
      const ay = new Float64Array(matrix.size);
      matrix.multiply(x, ax);
      matrix.multiply(y, ay);
      expect(dot(y, ax)).toBeCloseTo(dot(x, ay), 12);
      let checked = 0;
      for (let k = 0; k < matrix.nz; k++)
        for (let j = 0; j < matrix.ny; j++)
          for (let i = 0; i < matrix.nx; i++)
            for (let c = 0; c < 27; c++) {
              const m = matrix.neighbour(i, j, k, c);
              if (m < 0) continue;
              const mi = m % matrix.nx;
              const mj = Math.floor(m / matrix.nx) % matrix.ny;
              const mk = Math.floor(m / (matrix.nx * matrix.ny));
              expect(matrix.entry(mi, mj, mk, 26 - c)).toBe(matrix.entry(i, j, k, c));
              checked++;
            }
      expect(checked).toBeGreaterThan(matrix.size * 8);
    },
  );
});

describe("GridTransfer3D", () => {
  it.each([
    [true, true],
    [false, false],
  ])(
    "prolongs like the node-by-node trilinear formula and restricts by its transpose (periodic %s, %s)",
    (periodicX, periodicY) => {
      const fine = new StencilMatrix3D(periodicX ? 8 : 9, periodicY ? 8 : 9, 5, periodicX, periodicY);
      const transfer = new GridTransfer3D(fine);
      const coarseSize = coarseCount(fine.nx, periodicX) * coarseCount(fine.ny, periodicY) * 3;
      const random = parkMillerUniform(5);
      const u = Float64Array.from({ length: coarseSize }, random);
      const v = Float64Array.from({ length: fine.size }, random);
      const prolonged = Float64Array.from(v);
      transfer.prolongAdd(u, prolonged);
      const expected = prolong(u, fine);
      for (let n = 0; n < fine.size; n++) expect(prolonged[n] - v[n]).toBeCloseTo(expected[n], 13);
      const restricted = new Float64Array(coarseSize);
      transfer.restrict(v, restricted);
      expect(dot(restricted, u)).toBeCloseTo(dot(v, expected), 12);
    },
  );
});
