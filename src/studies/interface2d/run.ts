import {
  type Interface2DProblem,
  type RegionShare,
  regionShare,
  solveInterface2D,
} from "../../interface/index.js";
import { kineticsOf } from "../shared/kinetics.js";
import type { RunContext, Series, StudyOutput } from "../types.js";
import type { Interface2DParams } from "./schema.js";

// At most this many field points per direction in the potential map series.
const FIELD_POINTS_X = 160;
const FIELD_POINTS_Y = 48;

export function problemOf(params: Interface2DParams): Interface2DProblem {
  const { layer, collector } = params;
  return {
    layer: {
      thickness_m: layer.thickness,
      width_m: layer.width,
      xStart_m: layer.xStart ?? -layer.width / 2,
      conductivity_S_m: layer.ionicConductivity,
      inclusions: layer.inclusions.map((c) => ({
        x_m: c.x,
        y_m: c.y,
        radius_m: c.radius,
        conductivity_S_m: c.ionicConductivity,
      })),
    },
    collector: {
      tips: collector.tips.map((t, k) => ({
        name: t.name ?? `tip${k + 1}`,
        x_m: t.x,
        height_m: t.height,
        width_m: t.width,
        ...(t.kinetics ? { kinetics: kineticsOf(t.kinetics) } : {}),
      })),
      sites: collector.sites.map((s, k) => ({
        name: s.name ?? `site${k + 1}`,
        x_m: s.x,
        width_m: s.width,
        height_m: s.height,
        drivingForce_V: s.drivingForce,
        ...(s.kinetics ? { kinetics: kineticsOf(s.kinetics) } : {}),
      })),
      ...(collector.profile
        ? {
            profile: {
              x_m: collector.profile.map((p) => p.x),
              height_m: collector.profile.map((p) => p.height),
            },
          }
        : {}),
      ...(collector.cosine
        ? { cosine: { amplitude_m: collector.cosine.amplitude, wavelength_m: collector.cosine.wavelength } }
        : {}),
      kinetics: kineticsOf(collector.kinetics),
    },
    top:
      params.currentDensity !== undefined
        ? { kind: "current", currentDensity_A_m2: params.currentDensity }
        : { kind: "potential", electrodePotential_V: params.electrodePotential ?? 0 },
    sides: params.sides,
    numerics: { cellSize_m: params.numerics.cellSize, relativeTolerance: params.numerics.tolerance },
  };
}

export function runInterface2D(params: Interface2DParams, context: RunContext): StudyOutput {
  const problem = problemOf(params);
  const solution = solveInterface2D(problem);
  const { collector, mesh } = solution;
  const width = problem.layer.width_m;
  const total = solution.totalCurrent_A_m;
  let maxIndex = 0;
  let minIndex = 0;
  collector.currentDensity_A_m2.forEach((v, k) => {
    if (v > collector.currentDensity_A_m2[maxIndex]) maxIndex = k;
    if (v < collector.currentDensity_A_m2[minIndex]) minIndex = k;
  });
  const mean = total / width;
  const regions: Record<string, RegionShare> = {};
  for (const feature of [...problem.collector.tips, ...problem.collector.sites]) {
    regions[feature.name] = regionShare(
      collector,
      total,
      problem.layer.xStart_m,
      width,
      feature.x_m,
      feature.width_m,
    );
  }
  const last = collector.x_m.length - 1;
  // A periodic collector closes with the segment from its last node to the image of the first.
  const closing = mesh.periodicX
    ? Math.hypot(collector.x_m[0] + width - collector.x_m[last], collector.y_m[0] - collector.y_m[last])
    : 0;
  const arc = collector.arcLength_m[last] + closing;
  const field: Series = { x_m: [], y_m: [], potential_V: [] };
  const strideX = Math.max(1, Math.ceil(mesh.nx / FIELD_POINTS_X));
  const strideY = Math.max(1, Math.ceil(mesh.ny / FIELD_POINTS_Y));
  for (let j = 0; j < mesh.ny; j += strideY) {
    for (let i = 0; i < mesh.nx; i += strideX) {
      const node = j * mesh.nx + i;
      field.x_m.push(mesh.x[node]);
      field.y_m.push(mesh.y[node]);
      field.potential_V.push(solution.potential_V[node]);
    }
  }
  context.onProgress?.(1);
  return {
    metrics: {
      meanCurrentDensity_A_m2: mean,
      maxCurrentDensity_A_m2: collector.currentDensity_A_m2[maxIndex],
      minCurrentDensity_A_m2: collector.currentDensity_A_m2[minIndex],
      peakToMean: collector.currentDensity_A_m2[maxIndex] / mean,
      maxCurrentAt_m: collector.x_m[maxIndex],
      cellPotential_V: solution.cellPotential_V,
      areaRatio: arc / width,
      regions,
    },
    series: {
      collectorCurrent: {
        x_m: [...collector.x_m],
        arcLength_m: [...collector.arcLength_m],
        y_m: [...collector.y_m],
        currentDensity_A_m2: [...collector.currentDensity_A_m2],
        overpotential_V: [...collector.overpotential_V],
      },
      potentialField: field,
    },
    diagnostics: {
      iterations: solution.linearIterations,
      newtonIterations: solution.newtonIterations,
      residual: solution.residual,
      unknowns: mesh.nx * mesh.ny,
      currentBalanceRelativeError:
        Math.abs(total - solution.topCurrent_A_m) / Math.abs(solution.topCurrent_A_m),
    },
  };
}
