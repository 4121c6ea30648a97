import { coarseCount, type Transfer1D, transfer1D } from "../structured/multigrid2d.js";
import type { StencilMatrix3D } from "./stencil3d.js";

/**
 * Trilinear prolongation P = Pz (x) Py (x) Px between a grid and its 2:1 coarsening, and its
 * transpose, applied one axis at a time: three branch-free streaming passes through half- and
 * quarter-coarsened buffers cost less than visiting the 8 parents of each fine node.
 */
export class GridTransfer3D {
  private readonly axes: [Transfer1D, Transfer1D, Transfer1D];
  private readonly fine: [number, number, number];
  private readonly coarse: [number, number, number];
  /** Coarse in x only, and coarse in x and y. */
  private readonly halfX: Float64Array;
  private readonly halfXY: Float64Array;

  constructor(fine: StencilMatrix3D) {
    const cnx = coarseCount(fine.nx, fine.periodicX);
    const cny = coarseCount(fine.ny, fine.periodicY);
    const cnz = coarseCount(fine.nz, false);
    this.axes = [
      transfer1D(fine.nx, cnx, fine.periodicX),
      transfer1D(fine.ny, cny, fine.periodicY),
      transfer1D(fine.nz, cnz, false),
    ];
    this.fine = [fine.nx, fine.ny, fine.nz];
    this.coarse = [cnx, cny, cnz];
    this.halfX = new Float64Array(cnx * fine.ny * fine.nz);
    this.halfXY = new Float64Array(cnx * cny * fine.nz);
  }

  /** coarse = P^T fine */
  restrict(fine: Float64Array, coarse: Float64Array): void {
    const [nx, ny, nz] = this.fine;
    const [cnx, cny, cnz] = this.coarse;
    const [tx, ty, tz] = this.axes;
    restrictAxis(fine, this.halfX, tx, nx, cnx, 1, ny * nz);
    restrictAxis(this.halfX, this.halfXY, ty, ny, cny, cnx, nz);
    restrictAxis(this.halfXY, coarse, tz, nz, cnz, cnx * cny, 1);
  }

  /** fine += P coarse */
  prolongAdd(coarse: Float64Array, fine: Float64Array): void {
    const [nx, ny, nz] = this.fine;
    const [cnx, cny, cnz] = this.coarse;
    const [tx, ty, tz] = this.axes;
    prolongAxis(coarse, this.halfXY, tz, nz, cnz, cnx * cny, 1, false);
    prolongAxis(this.halfXY, this.halfX, ty, ny, cny, cnx, nz, false);
    prolongAxis(this.halfX, fine, tx, nx, cnx, 1, ny * nz, true);
  }
}

/**
 * to = P_a^T from along one axis of an array laid out [outer][along][inner] (inner = the product of
 * the sizes of the faster axes, outer of the slower ones).
 */
function restrictAxis(
  from: Float64Array,
  to: Float64Array,
  t: Transfer1D,
  fineAlong: number,
  coarseAlong: number,
  inner: number,
  outer: number,
): void {
  to.fill(0);
  for (let o = 0; o < outer; o++) {
    for (let f = 0; f < fineAlong; f++) {
      const source = (o * fineAlong + f) * inner;
      const target0 = (o * coarseAlong + t.parent0[f]) * inner;
      const w0 = t.weight0[f];
      const w1 = t.weight1[f];
      if (w1 === 0) {
        for (let q = 0; q < inner; q++) to[target0 + q] += w0 * from[source + q];
      } else {
        const target1 = (o * coarseAlong + t.parent1[f]) * inner;
        for (let q = 0; q < inner; q++) {
          const v = from[source + q];
          to[target0 + q] += w0 * v;
          to[target1 + q] += w1 * v;
        }
      }
    }
  }
}

/** to = P_a from (or to += P_a from when `add`), layout as in restrictAxis. */
function prolongAxis(
  from: Float64Array,
  to: Float64Array,
  t: Transfer1D,
  fineAlong: number,
  coarseAlong: number,
  inner: number,
  outer: number,
  add: boolean,
): void {
  for (let o = 0; o < outer; o++) {
    for (let f = 0; f < fineAlong; f++) {
      const target = (o * fineAlong + f) * inner;
      const source0 = (o * coarseAlong + t.parent0[f]) * inner;
      const source1 = (o * coarseAlong + t.parent1[f]) * inner;
      const w0 = t.weight0[f];
      const w1 = t.weight1[f];
      for (let q = 0; q < inner; q++) {
        const v = w0 * from[source0 + q] + w1 * from[source1 + q];
        to[target + q] = add ? to[target + q] + v : v;
      }
    }
  }
}
