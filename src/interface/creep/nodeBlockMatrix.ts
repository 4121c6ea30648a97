import { BandedMatrix } from "../../numerics/index.js";
import type { SymmetricColumns } from "../../numerics/multifrontalCholesky.js";

/** Slot of the neighbour (di, dj, dk), each in {-1, 0, 1}, among a node's 27. */
export const neighbourSlot = (di: number, dj: number, dk: number) => di + 1 + 3 * (dj + 1) + 9 * (dk + 1);

/**
 * The creep tangent on a structured node grid: for every node its 3 x 3 velocity blocks with its
 * 27 neighbours (itself included), both triangles stored, so a product, a column and an element
 * scatter each touch fixed places. Unknowns flagged `fixed` (Dirichlet) act as identity rows.
 */
export class NodeBlockMatrix implements SymmetricColumns {
  /** Per node and slot, 9 values: entry (3 p + c, 3 q + d) at (27 p + slot) 9 + 3 c + d. */
  readonly values: Float64Array;
  /** Per node and slot, the neighbour node (-1 outside the grid). */
  readonly neighbours: Int32Array;
  /** Free (not fixed) unknowns numbered 0..free-1, -1 for fixed ones; and back. */
  readonly freeIndex: Int32Array;
  readonly freeUnknowns: Int32Array;
  /** Scratch of `multiply`. */
  private readonly freeX: Float64Array;

  constructor(
    nx: number,
    ny: number,
    nz: number,
    readonly node: (i: number, j: number, k: number) => number,
    readonly fixed: Uint8Array,
  ) {
    const nodes = nx * ny * nz;
    this.values = new Float64Array(nodes * 27 * 9);
    this.neighbours = new Int32Array(nodes * 27).fill(-1);
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        for (let k = 0; k < nz; k++) {
          const p = node(i, j, k);
          for (let dk = -1; dk <= 1; dk++) {
            for (let dj = -1; dj <= 1; dj++) {
              for (let di = -1; di <= 1; di++) {
                const [a, b, c] = [i + di, j + dj, k + dk];
                if (a < 0 || a >= nx || b < 0 || b >= ny || c < 0 || c >= nz) continue;
                this.neighbours[27 * p + neighbourSlot(di, dj, dk)] = node(a, b, c);
              }
            }
          }
        }
      }
    }
    this.freeIndex = new Int32Array(3 * nodes).fill(-1);
    const free: number[] = [];
    for (let d = 0; d < 3 * nodes; d++) {
      if (!fixed[d]) {
        this.freeIndex[d] = free.length;
        free.push(d);
      }
    }
    this.freeUnknowns = Int32Array.from(free);
    this.freeX = new Float64Array(3 * nodes);
  }

  /** y = A x with fixed rows and columns replaced by the identity's. */
  multiply(x: Float64Array, y: Float64Array): void {
    const { values, neighbours, fixed, freeX } = this;
    const nodes = neighbours.length / 27;
    // x with its fixed entries zeroed, once, so the 27-neighbour loop below has no tests on them.
    for (let d = 0; d < freeX.length; d++) freeX[d] = fixed[d] ? 0 : x[d];
    for (let p = 0; p < nodes; p++) {
      let y0 = 0;
      let y1 = 0;
      let y2 = 0;
      for (let slot = 0; slot < 27; slot++) {
        const q = neighbours[27 * p + slot];
        if (q < 0) continue;
        const x0 = freeX[3 * q];
        const x1 = freeX[3 * q + 1];
        const x2 = freeX[3 * q + 2];
        const v = 9 * (27 * p + slot);
        y0 += values[v] * x0 + values[v + 1] * x1 + values[v + 2] * x2;
        y1 += values[v + 3] * x0 + values[v + 4] * x1 + values[v + 5] * x2;
        y2 += values[v + 6] * x0 + values[v + 7] * x1 + values[v + 8] * x2;
      }
      y[3 * p] = fixed[3 * p] ? x[3 * p] : y0;
      y[3 * p + 1] = fixed[3 * p + 1] ? x[3 * p + 1] : y1;
      y[3 * p + 2] = fixed[3 * p + 2] ? x[3 * p + 2] : y2;
    }
  }

  /** Column j of the free-unknown system (rows in free numbering), for a sparse factorisation. */
  column(j: number, rows: Int32Array, out: Float64Array): number {
    const { values, neighbours, freeIndex } = this;
    const unknown = this.freeUnknowns[j];
    const p = Math.floor(unknown / 3);
    const d = unknown - 3 * p;
    let count = 0;
    // By symmetry column (p, d) is row (p, d).
    for (let slot = 0; slot < 27; slot++) {
      const q = neighbours[27 * p + slot];
      if (q < 0) continue;
      const v = 9 * (27 * p + slot) + 3 * d;
      for (let c = 0; c < 3; c++) {
        const row = freeIndex[3 * q + c];
        if (row < 0) continue;
        rows[count] = row;
        out[count++] = values[v + c];
      }
    }
    return count;
  }

  /** The same system as a band matrix (fixed unknowns as identity rows), for the direct band solve. */
  toBanded(halfBandwidth: number): BandedMatrix {
    const { values, neighbours, fixed } = this;
    const size = fixed.length;
    const band = new BandedMatrix(size, halfBandwidth);
    for (let p = 0; p < size / 3; p++) {
      for (let slot = 0; slot < 27; slot++) {
        const q = neighbours[27 * p + slot];
        if (q < 0) continue;
        for (let c = 0; c < 3; c++) {
          for (let d = 0; d < 3; d++) {
            const row = 3 * p + c;
            const col = 3 * q + d;
            if (col <= row) band.add(row, col, values[9 * (27 * p + slot) + 3 * c + d]);
          }
        }
      }
    }
    for (let d = 0; d < size; d++) if (fixed[d]) band.fix(d);
    return band;
  }
}
