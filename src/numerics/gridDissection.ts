import type { EliminationTree, FrontalNode } from "./multifrontalCholesky.js";

/** A box grid of nx x ny x nz nodes with a few unknowns each, coupled to their 26 neighbours (trilinear hexahedra). */
export interface BoxGrid {
  nx: number;
  ny: number;
  nz: number;
  /** Index of node (i, j, k). */
  node: (i: number, j: number, k: number) => number;
  unknownsPerNode: number;
  /**
   * Index of unknown c of node p in the system (-1: not an unknown, e.g. a Dirichlet value);
   * default unknownsPerNode p + c.
   */
  unknown?: (p: number, c: number) => number;
  /** Boxes of at most this many nodes are eliminated as one dense supernode (default LEAF_NODES). */
  leafNodes?: number;
}

/**
 * Boxes of at most this many nodes are eliminated as one dense supernode: on the creep cells (13^3
 * nodes, 3 unknowns each) 8 gives 10% fewer factor entries and 9% fewer flops than 32 (16 and 64
 * measured as well; smaller leaves were not tried).
 */
const LEAF_NODES = 8;

/**
 * Nested dissection of a box grid (George, SIAM J. Numer. Anal. 10 (1973) 345): a plane of nodes
 * across the longest side separates two halves that are dissected in turn, the plane eliminated
 * after both. A box's boundary is the shell of nodes around it, which all lie on planes that
 * ancestors eliminate.
 */
export function gridNestedDissection(grid: BoxGrid): EliminationTree {
  const { nx, ny, nz, node, unknownsPerNode } = grid;
  const unknown = grid.unknown ?? ((p: number, c: number) => unknownsPerNode * p + c);
  const nodes: FrontalNode[] = [];
  let size = 0;
  const unknownsIn = (i0: number, i1: number, j0: number, j1: number, k0: number, k1: number, skip?: Box) => {
    const list: number[] = [];
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        for (let k = k0; k <= k1; k++) {
          if (skip && inside(skip, i, j, k)) continue;
          const p = node(i, j, k);
          for (let c = 0; c < unknownsPerNode; c++) {
            const u = unknown(p, c);
            if (u >= 0) list.push(u);
          }
        }
      }
    }
    return Int32Array.from(list);
  };
  const dissect = (box: Box): number => {
    const extent = [box[1] - box[0] + 1, box[3] - box[2] + 1, box[5] - box[4] + 1];
    const children: number[] = [];
    let pivots: Int32Array;
    if (extent[0] * extent[1] * extent[2] <= (grid.leafNodes ?? LEAF_NODES)) {
      pivots = unknownsIn(...box);
    } else {
      const axis = extent.indexOf(Math.max(...extent));
      const plane = box[2 * axis] + Math.floor(extent[axis] / 2);
      const below: Box = [...box];
      below[2 * axis + 1] = plane - 1;
      const above: Box = [...box];
      above[2 * axis] = plane + 1;
      for (const half of [below, above]) {
        if (half[2 * axis] <= half[2 * axis + 1]) children.push(dissect(half));
      }
      const separator: Box = [...box];
      separator[2 * axis] = plane;
      separator[2 * axis + 1] = plane;
      pivots = unknownsIn(...separator);
    }
    const boundary = unknownsIn(
      Math.max(0, box[0] - 1),
      Math.min(nx - 1, box[1] + 1),
      Math.max(0, box[2] - 1),
      Math.min(ny - 1, box[3] + 1),
      Math.max(0, box[4] - 1),
      Math.min(nz - 1, box[5] + 1),
      box,
    );
    size += pivots.length;
    nodes.push({ pivots, boundary, children });
    return nodes.length - 1;
  };
  dissect([0, nx - 1, 0, ny - 1, 0, nz - 1]);
  return { size, nodes };
}

/** Inclusive node ranges [i0, i1, j0, j1, k0, k1]. */
type Box = [number, number, number, number, number, number];

const inside = (b: Box, i: number, j: number, k: number) =>
  i >= b[0] && i <= b[1] && j >= b[2] && j <= b[3] && k >= b[4] && k <= b[5];
