import { galerkinCoarsenLines, prolongAdd, restrictResidual } from "../structured/multigrid2d.js";
import { type StencilShape2D, stencilOf } from "../structured/stencil2d.js";
import {
  assembleTerrainFollowingLayers2D,
  type TerrainFollowingMesh2D,
  terrainFollowingLines2D,
} from "../structured/terrainFollowing2d.js";

/**
 * One thread's share of a 2D kernel, a band of grid lines: plain data, so that it can be posted to
 * a worker thread (every vector on shared memory).
 */
export type SlabTask2D =
  | { op: "multiply2d"; matrix: StencilShape2D; x: Float64Array; y: Float64Array; j0: number; j1: number }
  | {
      op: "gaussSeidel2d";
      matrix: StencilShape2D;
      x: Float64Array;
      b: Float64Array;
      j0: number;
      j1: number;
      backward: boolean;
    }
  | {
      op: "restrictResidual2d";
      fine: StencilShape2D;
      coarse: StencilShape2D;
      x: Float64Array;
      b: Float64Array;
      coarseValues: Float64Array;
      /** Coarse lines J0 ... J1 - 1. */
      J0: number;
      J1: number;
    }
  | {
      op: "prolongAdd2d";
      fine: StencilShape2D;
      coarse: StencilShape2D;
      coarseValues: Float64Array;
      fineValues: Float64Array;
      /** Fine lines j0 ... j1 - 1. */
      j0: number;
      j1: number;
    }
  | {
      op: "galerkin2d";
      fine: StencilShape2D;
      coarse: StencilShape2D;
      /** Fine lines j0 ... j1 - 1. */
      j0: number;
      j1: number;
    }
  | {
      op: "nodes2d";
      mesh: TerrainFollowingMesh2D;
      x: Float64Array;
      y: Float64Array;
      /** Node lines j0 ... j1 - 1. */
      j0: number;
      j1: number;
    }
  | {
      op: "assemble2d";
      mesh: TerrainFollowingMesh2D;
      cellConductivity: Float64Array | number;
      coefficients: Float64Array;
      /** Cell layers j0 ... j1 - 1. */
      j0: number;
      j1: number;
    };

/**
 * Scratch lines of the transfers, kept by each thread (tasks on one thread run one after another):
 * fresh memory for every task would cost page faults per V-cycle.
 */
let scratch = new Float64Array(0);
function scratchLines(length: number): Float64Array {
  if (scratch.length < length) scratch = new Float64Array(length);
  return scratch;
}

/** Runs one 2D task: the same code on the caller and on a worker thread. */
export function runSlabTask2D(task: SlabTask2D): void {
  switch (task.op) {
    case "multiply2d":
      stencilOf(task.matrix).multiplyLines(task.x, task.y, task.j0, task.j1);
      return;
    case "gaussSeidel2d":
      stencilOf(task.matrix).gaussSeidelLines(task.x, task.b, task.j0, task.j1, task.backward);
      return;
    case "restrictResidual2d": {
      const fine = stencilOf(task.fine);
      const { x, b, coarseValues, J0, J1 } = task;
      const lines = scratchLines(4 * fine.nx);
      const [line, ring] = [lines.subarray(0, fine.nx), lines.subarray(fine.nx, 4 * fine.nx)];
      restrictResidual(fine, stencilOf(task.coarse), line, ring, x, b, coarseValues, J0, J1);
      return;
    }
    case "prolongAdd2d": {
      const coarse = stencilOf(task.coarse);
      const line = scratchLines(coarse.nx).subarray(0, coarse.nx);
      prolongAdd(stencilOf(task.fine), coarse, line, task.coarseValues, task.fineValues, task.j0, task.j1);
      return;
    }
    case "galerkin2d":
      galerkinCoarsenLines(stencilOf(task.fine), stencilOf(task.coarse), task.j0, task.j1);
      return;
    case "nodes2d":
      terrainFollowingLines2D(task.mesh, task.x, task.y, task.j0, task.j1);
      return;
    case "assemble2d":
      assembleTerrainFollowingLayers2D(task.mesh, task.cellConductivity, task.coefficients, task.j0, task.j1);
      return;
    default: {
      const _exhaustive: never = task;
      throw new Error(`unknown 2D slab task ${JSON.stringify(_exhaustive)}`);
    }
  }
}
