import { describe, expect, it } from "vitest";
import { BandedCholesky, BandedMatrix } from "./bandedCholesky.js";
import { gridNestedDissection } from "./gridDissection.js";
import { MultifrontalCholesky, type SymmetricColumns } from "./multifrontalCholesky.js";
import { SeededRandom } from "./random.js";

/**
 * A random SPD matrix with the coupling of trilinear hexahedra on an nx x ny x nz node grid, two
 * unknowns per node, some removed (Dirichlet): sum over elements of R^T R for a random 16 x 16 R,
 * plus a small diagonal. Stored dense for the check; columns listed over the kept unknowns.
 */
function gridProblem(nx: number, ny: number, nz: number, seed: number, leafNodes?: number) {
  const random = new SeededRandom(seed);
  const node = (i: number, j: number, k: number) => (k * ny + j) * nx + i;
  const nodes = nx * ny * nz;
  const removed = (p: number, c: number) => c === 1 && p % 5 === 0;
  const unknownOf = new Int32Array(2 * nodes).fill(-1);
  let n = 0;
  for (let p = 0; p < nodes; p++) for (let c = 0; c < 2; c++) if (!removed(p, c)) unknownOf[2 * p + c] = n++;
  const dense = new Float64Array(n * n);
  const local = new Int32Array(16);
  const r = new Float64Array(16 * 16);
  for (let k = 0; k + 1 < nz; k++)
    for (let j = 0; j + 1 < ny; j++)
      for (let i = 0; i + 1 < nx; i++) {
        let a = 0;
        for (const [di, dj, dk] of [0, 1, 2, 3, 4, 5, 6, 7].map((b) => [b & 1, (b >> 1) & 1, b >> 2]))
          for (let c = 0; c < 2; c++) local[a++] = unknownOf[2 * node(i + di, j + dj, k + dk) + c];
        for (let e = 0; e < r.length; e++) r[e] = random.uniform() - 0.5;
        for (let a = 0; a < 16; a++)
          for (let b = 0; b < 16; b++) {
            if (local[a] < 0 || local[b] < 0) continue;
            let sum = 0;
            for (let q = 0; q < 16; q++) sum += r[16 * q + a] * r[16 * q + b];
            dense[local[a] * n + local[b]] += sum;
          }
      }
  for (let d = 0; d < n; d++) dense[d * n + d] += 1e-3;
  const columns: SymmetricColumns = {
    column(j, rows, values) {
      let count = 0;
      for (let i = 0; i < n; i++) {
        if (dense[i * n + j] !== 0) {
          rows[count] = i;
          values[count++] = dense[i * n + j];
        }
      }
      return count;
    },
  };
  const tree = gridNestedDissection({
    nx,
    ny,
    nz,
    node,
    unknownsPerNode: 2,
    unknown: (p, c) => unknownOf[2 * p + c],
    leafNodes,
  });
  return { n, dense, columns, tree };
}

describe("multifrontal Cholesky over a grid nested dissection", () => {
  it("eliminates every unknown once, children before parents", () => {
    const { n, tree } = gridProblem(7, 6, 9, 1);
    expect(tree.size).toBe(n);
    const seen = new Uint8Array(n);
    tree.nodes.forEach((node, t) => {
      for (const p of node.pivots) seen[p]++;
      for (const child of node.children) expect(child).toBeLessThan(t);
    });
    expect([...seen].every((count) => count === 1)).toBe(true);
  });

  // Leaves of one node (pivot blocks of 1-2 unknowns) up to one dense front: every blocking of the
  // dense kernels meets odd remainders.
  it.each([1, 8, 32, 1000])(
    "solves to round-off and agrees with the band solve (leaves of %i nodes)",
    (leafNodes) => {
      const { n, dense, columns, tree } = gridProblem(7, 6, 9, 2, leafNodes);
      const factor = new MultifrontalCholesky(tree, n).factor(columns);
      const random = new SeededRandom(3);
      const b = Float64Array.from({ length: n }, () => random.uniform() - 0.5);
      const x = new Float64Array(n);
      factor.solve(b, x);
      let residual = 0;
      let scale = 0;
      for (let i = 0; i < n; i++) {
        let ax = 0;
        for (let j = 0; j < n; j++) ax += dense[i * n + j] * x[j];
        residual = Math.max(residual, Math.abs(ax - b[i]));
        scale = Math.max(scale, Math.abs(b[i]));
      }
      expect(residual / scale).toBeLessThan(1e-9);
      const band = new BandedMatrix(n, n - 1);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) band.add(i, j, dense[i * n + j]);
      const y = new Float64Array(n);
      new BandedCholesky(band).solve(b, y);
      const largest = Math.max(...y.map(Math.abs));
      for (let i = 0; i < n; i++) expect(Math.abs(x[i] - y[i])).toBeLessThan(1e-8 * largest);
      // In-place solve gives the same answer.
      const inPlace = Float64Array.from(b);
      factor.solve(inPlace, inPlace);
      expect(inPlace).toEqual(x);
    },
  );

  it("names the pivot of a matrix that is not positive definite", () => {
    const { n, columns, tree } = gridProblem(4, 4, 4, 4);
    const negated: typeof columns = {
      column(j, rows, values) {
        const count = columns.column(j, rows, values);
        for (let e = 0; e < count; e++) values[e] = -values[e];
        return count;
      },
    };
    expect(() => new MultifrontalCholesky(tree, n).factor(negated)).toThrow(/not positive definite/);
  });
});
