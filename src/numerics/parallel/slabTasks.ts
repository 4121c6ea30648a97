import { StencilMatrix3D } from "../structured3d/stencil3d.js";
import {
  assembleTerrainFollowingLayers,
  type TerrainFollowingMesh3D,
} from "../structured3d/terrainFollowing.js";
import { type CgTask, runCgTask } from "./cgTasks.js";
import { runSlabTask2D, type SlabTask2D } from "./slabTasks2d.js";

/** A StencilMatrix3D as plain data (its coefficients shared), to rebuild it on another thread. */
export interface StencilShape {
  nx: number;
  ny: number;
  nz: number;
  periodicX: boolean;
  periodicY: boolean;
  coefficients: Float64Array;
}

/** One thread's share of a kernel: plain data, so that it can be posted to a worker thread. */
export type SlabTask =
  | { op: "multiply"; matrix: StencilShape; x: Float64Array; y: Float64Array; k0: number; k1: number }
  | {
      op: "gaussSeidel";
      matrix: StencilShape;
      x: Float64Array;
      b: Float64Array;
      k0: number;
      k1: number;
      backward: boolean;
    }
  /** One of the two sweeps of StencilMatrix3D.backwardSweeps over planes k0 ... k1 - 1. */
  | {
      op: "backwardPass";
      matrix: StencilShape;
      x: Float64Array;
      b: Float64Array;
      lower: Float64Array;
      k0: number;
      k1: number;
      pass: "leaving" | "using";
    }
  | {
      op: "assemble";
      mesh: TerrainFollowingMesh3D;
      sigma: number;
      coefficients: Float64Array;
      /** Cell layers k0 ... k1 - 1. */
      k0: number;
      k1: number;
    }
  /** Nothing to do (a thread without a share). */
  | { op: "idle" }
  /** The 2D kernels' bands of lines (slabTasks2d.ts). */
  | SlabTask2D
  /** Conjugate gradients' vector updates over ranges of unknowns (cgTasks.ts). */
  | CgTask;

const matrixOf = (s: StencilShape) =>
  new StencilMatrix3D(s.nx, s.ny, s.nz, s.periodicX, s.periodicY, s.coefficients);

/** Runs one task: the same code on the caller and on a worker thread. */
export function runSlabTask(task: SlabTask): void {
  switch (task.op) {
    case "multiply":
      matrixOf(task.matrix).multiplyPlanes(task.x, task.y, task.k0, task.k1);
      return;
    case "gaussSeidel":
      matrixOf(task.matrix).gaussSeidelPlanes(task.x, task.b, task.k0, task.k1, task.backward);
      return;
    case "backwardPass": {
      const matrix = matrixOf(task.matrix);
      if (task.pass === "leaving") matrix.backwardLeavingPlanes(task.x, task.b, task.lower, task.k0, task.k1);
      else matrix.backwardUsingPlanes(task.x, task.b, task.lower, task.k0, task.k1);
      return;
    }
    case "assemble":
      assembleTerrainFollowingLayers(task.mesh, task.sigma, task.coefficients, task.k0, task.k1);
      return;
    case "idle":
      return;
    case "multiply2d":
    case "gaussSeidel2d":
    case "restrictResidual2d":
    case "prolongAdd2d":
    case "galerkin2d":
    case "nodes2d":
    case "assemble2d":
      runSlabTask2D(task);
      return;
    case "cgDot":
    case "cgStep":
    case "cgDirection":
      runCgTask(task);
      return;
    default: {
      const _exhaustive: never = task;
      throw new Error(`unknown slab task ${JSON.stringify(_exhaustive)}`);
    }
  }
}
