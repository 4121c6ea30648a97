import { describe, expect, it } from "vitest";
import { parkMillerUniform } from "../../testing/parkMiller.js";
import { conjugateGradients } from "../pcg.js";
import {
  assembleQ1Stiffness,
  galerkinCoarsen,
  imposeDirichlet,
  Multigrid2D,
  StencilMatrix2D,
  type StructuredMesh2D,
} from "./index.js";
import { coarseCount, prolongAdd, restrict, restrictResidual, transfer1D } from "./multigrid2d.js";

/** A wavy, terrain-following mesh of [0, 2] x [g(x), 1]: the kind of mesh the interface solver builds. */
function wavyMesh(cellsY: number, periodic: boolean): StructuredMesh2D {
  const cellsX = 2 * cellsY;
  const nx = periodic ? cellsX : cellsX + 1;
  const ny = cellsY + 1;
  const x = new Float64Array(nx * ny);
  const y = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const xi = (2 * i) / cellsX;
      const g = periodic ? 0.1 * Math.cos(Math.PI * xi) : 0.2 * Math.exp(-((xi - 1) ** 2) / 0.05);
      x[j * nx + i] = xi;
      y[j * nx + i] = g + (j / cellsY) * (1 - g);
    }
  }
  return { nx, ny, periodicX: periodic, period: 2, x, y };
}

/** Solves Laplace's equation with the exact harmonic u = exp(pi y) cos(pi x) imposed on the boundary. */
function solveHarmonic(cellsY: number, periodic: boolean) {
  const mesh = wavyMesh(cellsY, periodic);
  const exact = (q: number) => Math.exp(Math.PI * mesh.y[q]) * Math.cos(Math.PI * mesh.x[q]);
  const matrix = assembleQ1Stiffness(mesh, 2.5);
  const rhs = new Float64Array(mesh.nx * mesh.ny);
  const nodes: number[] = [];
  for (let q = 0; q < rhs.length; q++) {
    const i = q % mesh.nx;
    const j = Math.floor(q / mesh.nx);
    if (j === 0 || j === mesh.ny - 1 || (!periodic && (i === 0 || i === mesh.nx - 1))) nodes.push(q);
  }
  imposeDirichlet(matrix, rhs, Int32Array.from(nodes), Float64Array.from(nodes, exact));
  const u = new Float64Array(rhs.length);
  const report = conjugateGradients(matrix, new Multigrid2D(matrix), rhs, u, { relativeTolerance: 1e-12 });
  let error = 0;
  for (let q = 0; q < u.length; q++) error = Math.max(error, Math.abs(u[q] - exact(q)));
  return { error, iterations: report.iterations };
}

describe("Q1 finite elements with multigrid-preconditioned CG", () => {
  for (const periodic of [false, true]) {
    it(`converges at second order on a curved mesh (${periodic ? "periodic" : "Dirichlet"} sides)`, () => {
      const runs = [8, 16, 32, 64].map((n) => solveHarmonic(n, periodic));
      const orders = runs.slice(1).map((r, k) => Math.log2(runs[k].error / r.error));
      console.log(
        `observed orders (${periodic ? "periodic" : "Dirichlet"}): ${orders.map((o) => o.toFixed(3)).join(", ")}`,
      );
      for (const order of orders) expect(order).toBeGreaterThan(1.8);
    });
  }

  it("needs a number of CG iterations independent of the grid size (multigrid is O(N))", () => {
    const iterations = [16, 32, 64, 128, 256].map((n) => solveHarmonic(n, false).iterations);
    expect(Math.max(...iterations)).toBeLessThanOrEqual(10);
    expect(Math.max(...iterations) - Math.min(...iterations)).toBeLessThanOrEqual(2);
  });

  it("gives the same solve with work vectors from a caller's allocator, whatever they hold", () => {
    const mesh = wavyMesh(16, false);
    const matrix = assembleQ1Stiffness(mesh, 1);
    const rhs = Float64Array.from({ length: matrix.size }, (_, q) => Math.sin(q));
    imposeDirichlet(matrix, rhs, Int32Array.from([0, 5]), Float64Array.from([1, -1]));
    const plain = new Float64Array(matrix.size);
    const reference = conjugateGradients(matrix, new Multigrid2D(matrix), rhs, plain);
    const allocated = new Float64Array(matrix.size);
    let calls = 0;
    const report = conjugateGradients(matrix, new Multigrid2D(matrix), rhs, allocated, {
      allocate: (length) => {
        calls++;
        return new Float64Array(length).fill(7);
      },
    });
    expect(calls).toBe(3);
    expect(report.iterations).toBe(reference.iterations);
    expect(Array.from(allocated)).toEqual(Array.from(plain));
    // With the right-hand side's memory as the residual, from zero and from a guess: the same
    // solves with one vector less.
    for (const start of [0, 0.5]) {
      const fresh = new Float64Array(matrix.size).fill(start);
      const expected = conjugateGradients(matrix, new Multigrid2D(matrix), rhs, fresh);
      const consumed = new Float64Array(matrix.size).fill(start);
      calls = 0;
      const alone = conjugateGradients(matrix, new Multigrid2D(matrix), Float64Array.from(rhs), consumed, {
        consumeRhs: true,
        allocate: (length) => {
          calls++;
          return new Float64Array(length).fill(7);
        },
      });
      expect(calls).toBe(2);
      expect(alone.iterations).toBe(expected.iterations);
      expect(Array.from(consumed)).toEqual(Array.from(fresh));
    }
  });

  it("keeps constants in the null space of Galerkin coarse operators", () => {
    let matrix = assembleQ1Stiffness(wavyMesh(16, true), 1);
    for (let level = 0; level < 3; level++) {
      const ones = new Float64Array(matrix.size).fill(1);
      const product = new Float64Array(matrix.size);
      matrix.multiply(ones, product);
      expect(Math.max(...product.map(Math.abs))).toBeLessThan(1e-12);
      matrix = galerkinCoarsen(matrix);
    }
  });
});

describe("StencilMatrix2D line kernels", () => {
  it.each([false, true])(
    "equal the per-row path on every row, boundaries included (periodic %s)",
    (periodic) => {
      const matrix = new StencilMatrix2D(9, 7, periodic);
      const random = parkMillerUniform(3);
      // Random couplings everywhere, also those pointing outside the grid (which must be ignored).
      for (let n = 0; n < matrix.coefficients.length; n++) matrix.coefficients[n] = random();
      for (let n = 0; n < matrix.size; n++) matrix.coefficients[9 * n + 4] = 10 + random();
      const x = Float64Array.from({ length: matrix.size }, random);
      const b = Float64Array.from({ length: matrix.size }, random);
      const at = (n: number) => [n % matrix.nx, Math.floor(n / matrix.nx)] as const;
      const product = new Float64Array(matrix.size);
      matrix.multiply(x, product);
      for (let n = 0; n < matrix.size; n++) {
        const expected = matrix.diagonal(n) * x[n] + matrix.rowOffDiagonal(x, ...at(n));
        expect(Math.abs(product[n] - expected)).toBeLessThan(1e-12);
      }
      const residual = new Float64Array(matrix.size);
      matrix.residual(x, b, residual);
      for (let n = 0; n < matrix.size; n++) {
        const expected = b[n] - matrix.diagonal(n) * x[n] - matrix.rowOffDiagonal(x, ...at(n));
        expect(Math.abs(residual[n] - expected)).toBeLessThan(1e-12);
      }
      for (const backward of [false, true]) {
        const swept = x.slice();
        matrix.gaussSeidel(swept, b, backward);
        const expected = x.slice();
        for (let s = 0; s < matrix.size; s++) {
          const n = backward ? matrix.size - 1 - s : s;
          expected[n] = (b[n] - matrix.rowOffDiagonal(expected, ...at(n))) / matrix.diagonal(n);
        }
        for (let n = 0; n < matrix.size; n++) expect(Math.abs(swept[n] - expected[n])).toBeLessThan(1e-12);
      }
    },
  );
});

describe("galerkinCoarsen", () => {
  it.each([false, true])("equals P^T A P on random vectors (periodic %s)", (periodic) => {
    const fine = new StencilMatrix2D(periodic ? 12 : 13, 9, periodic);
    const random = parkMillerUniform(9);
    // A general (non-symmetric) stencil, outside-pointing entries included, exercises every path.
    for (let n = 0; n < fine.coefficients.length; n++) fine.coefficients[n] = random();
    const coarse = galerkinCoarsen(fine);
    const cnx = coarseCount(fine.nx, periodic);
    const tx = transfer1D(fine.nx, cnx, periodic);
    const ty = transfer1D(fine.ny, coarseCount(fine.ny, false), false);
    // Bilinear prolongation written out node by node.
    const prolong = (u: Float64Array) =>
      Float64Array.from({ length: fine.size }, (_, n) => {
        const i = n % fine.nx;
        const j = Math.floor(n / fine.nx);
        let sum = 0;
        for (const [J, wy] of [
          [ty.parent0[j], ty.weight0[j]],
          [ty.parent1[j], ty.weight1[j]],
        ])
          for (const [I, wx] of [
            [tx.parent0[i], tx.weight0[i]],
            [tx.parent1[i], tx.weight1[i]],
          ])
            if (wx * wy !== 0) sum += wx * wy * u[J * cnx + I];
        return sum;
      });
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, n) => s + v * b[n], 0);
    const u = Float64Array.from({ length: coarse.size }, random);
    const v = Float64Array.from({ length: coarse.size }, random);
    const coarseProduct = new Float64Array(coarse.size);
    coarse.multiply(u, coarseProduct);
    const fineProduct = new Float64Array(fine.size);
    fine.multiply(prolong(u), fineProduct);
    expect(dot(v, coarseProduct)).toBeCloseTo(dot(prolong(v), fineProduct), 12);
  });
});

describe("line transfers", () => {
  it.each([false, true])("prolongAdd adds P u and restrict is its transpose (periodic %s)", (periodic) => {
    const fine = new StencilMatrix2D(periodic ? 14 : 13, 9, periodic);
    const coarse = new StencilMatrix2D(coarseCount(fine.nx, periodic), coarseCount(fine.ny, false), periodic);
    const tx = transfer1D(fine.nx, coarse.nx, periodic);
    const ty = transfer1D(fine.ny, coarse.ny, false);
    const random = parkMillerUniform(5);
    const u = Float64Array.from({ length: coarse.size }, random);
    const start = Float64Array.from({ length: fine.size }, random);
    const prolonged = start.slice();
    prolongAdd(fine, coarse, new Float64Array(fine.nx), u, prolonged);
    for (let n = 0; n < fine.size; n++) {
      const i = n % fine.nx;
      const j = Math.floor(n / fine.nx);
      let expected = start[n];
      for (const [J, wy] of [
        [ty.parent0[j], ty.weight0[j]],
        [ty.parent1[j], ty.weight1[j]],
      ])
        for (const [I, wx] of [
          [tx.parent0[i], tx.weight0[i]],
          [tx.parent1[i], tx.weight1[i]],
        ])
          if (wx * wy !== 0) expected += wx * wy * u[J * coarse.nx + I];
      expect(prolonged[n]).toBeCloseTo(expected, 14);
    }
    // <P^T r, e_K> = <r, P e_K> for every coarse unit vector e_K.
    const r = Float64Array.from({ length: fine.size }, random);
    const restricted = new Float64Array(coarse.size);
    restrict(fine, coarse, new Float64Array(fine.nx), r, restricted);
    for (let k = 0; k < coarse.size; k++) {
      const unit = new Float64Array(coarse.size);
      unit[k] = 1;
      const column = new Float64Array(fine.size);
      prolongAdd(fine, coarse, new Float64Array(fine.nx), unit, column);
      expect(restricted[k]).toBeCloseTo(
        column.reduce((sum, v, n) => sum + v * r[n], 0),
        14,
      );
    }
    // The fused residual restriction equals restricting the stored residual b - A x.
    for (let n = 0; n < fine.coefficients.length; n++) fine.coefficients[n] = random();
    const x = Float64Array.from({ length: fine.size }, random);
    const b = Float64Array.from({ length: fine.size }, random);
    const residual = new Float64Array(fine.size);
    fine.residual(x, b, residual);
    const expected = new Float64Array(coarse.size);
    restrict(fine, coarse, new Float64Array(fine.nx), residual, expected);
    const fused = new Float64Array(coarse.size);
    restrictResidual(fine, coarse, new Float64Array(fine.nx), new Float64Array(3 * fine.nx), x, b, fused);
    expect(Array.from(fused)).toEqual(Array.from(expected));
  });
});
