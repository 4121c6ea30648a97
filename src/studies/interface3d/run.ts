import { solveContour } from "../shared/contours.js";
import type { RunContext, Series, StudyOutput } from "../types.js";
import type { Interface3dParams } from "./schema.js";

export function runInterface3d(params: Interface3dParams, context: RunContext): StudyOutput {
  const { solution, ratio, maxAt, minAt, section, areaRatio, currentBalanceRelativeError } =
    solveContour(params);
  const { x, y, z: height, nx } = solution.mesh;
  const surface: Series = {
    x_m: [...x.subarray(0, nx * nx)],
    y_m: [...y.subarray(0, nx * nx)],
    z_m: [...height.subarray(0, nx * nx)],
    currentRatio: [...ratio],
  };
  context.onProgress?.(1);
  return {
    metrics: {
      maxCurrentRatio: ratio[maxAt],
      minCurrentRatio: ratio[minAt],
      areaRatio,
      maxAt: { x_m: x[maxAt], y_m: y[maxAt], z_m: height[maxAt] },
    },
    series: {
      surface,
      section: { x_m: [...section.x_m], z_m: [...section.z_m], currentRatio: [...section.currentRatio] },
    },
    diagnostics: {
      iterations: solution.iterations,
      residual: solution.residual,
      unknowns: solution.mesh.nx * solution.mesh.ny * solution.mesh.nz,
      currentBalanceRelativeError,
    },
  };
}
