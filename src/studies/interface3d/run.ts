import { solveContour } from "../shared/contours.js";
import type { RunContext, Series, StudyOutput } from "../types.js";
import type { Interface3dParams } from "./schema.js";

export function runInterface3d(params: Interface3dParams, context: RunContext): StudyOutput {
  const drive =
    params.currentDensity !== undefined
      ? { currentDensity_A_m2: params.currentDensity }
      : { electrodePotential_V: params.electrodePotential ?? 0 };
  const {
    solution,
    ratio,
    maxAt,
    minAt,
    section,
    areaRatio,
    meanCurrentDensity_A_m2,
    currentBalanceRelativeError,
  } = solveContour(params, drive);
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
      meanCurrentDensity_A_m2,
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
      ...(currentBalanceRelativeError === undefined ? {} : { currentBalanceRelativeError }),
    },
  };
}
