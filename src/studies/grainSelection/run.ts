import type { Orientation } from "../../materials/index.js";
import { ORIENTATIONS, simulateGrainSelection, stableTimeStepFor } from "../../texture/index.js";
import { grainEnergyParametersOf } from "../shared/grainEnergyParameters.js";
import { orientationData } from "../shared/surfaces.js";
import type { RunContext, Series, StudyOutput } from "../types.js";
import type { GrainSelectionParams } from "./schema.js";

/** Surface energies (J/m^2) and barriers (eV) a run uses: the scenario's, else the materials table. */
export function resolvedSurfaces(params: GrainSelectionParams): {
  surfaceEnergy: Record<Orientation, number>;
  barrier: Record<Orientation, number>;
} {
  const surfaceEnergy = {} as Record<Orientation, number>;
  const barrier = {} as Record<Orientation, number>;
  for (const o of ORIENTATIONS) {
    const d = orientationData(params, o, `params.surfaces.${o}`);
    surfaceEnergy[o] = d.surfaceEnergy;
    barrier[o] = d.barrier;
  }
  return { surfaceEnergy, barrier };
}

export function runGrainSelection(params: GrainSelectionParams, context: RunContext): StudyOutput {
  const { surfaceEnergy, barrier } = resolvedSurfaces(params);
  const base = {
    grid: params.grid,
    nuclei: params.nuclei,
    surfaceEnergy_J_m2: surfaceEnergy,
    barrier_eV: barrier,
    temperature_K: params.temperature,
    energy: grainEnergyParametersOf(params),
    mobilityPrefactor: params.mobility.L1,
    mobilityExponent: params.mobility.L2,
    gradientPrefactor: params.gradient.k1,
    gradientExponent: params.gradient.k2,
    w: params.w,
    fillFraction: params.fillFraction,
    seed: params.seed,
    records: 50,
    snapshotFractions: params.snapshots,
    scheme: params.scheme,
  };
  const limit = stableTimeStepFor(base);
  const dt = params.dt ?? (params.scheme === "semi-implicit" ? Math.min(0.01, 0.9 * limit) : 0.9 * limit);
  const steps = Math.ceil(params.endTime / dt);
  const result = simulateGrainSelection({ ...base, dt, steps }, context.onProgress);
  const { nx, dx } = params.grid;
  // Cells held by no grain (grain -1: inside a wide boundary or not yet deposited) are left out.
  const snapshots: Series = { time: [], x_m: [], y_m: [], orientation: [], grain: [] };
  for (const snap of result.snapshots) {
    snap.grain.forEach((grain, cell) => {
      if (grain < 0) return;
      snapshots.time.push(snap.time);
      snapshots.x_m.push((cell % nx) * dx * 1e-6);
      snapshots.y_m.push(Math.floor(cell / nx) * dx * 1e-6);
      snapshots.orientation.push(snap.orientation[cell]);
      snapshots.grain.push(grain);
    });
  }
  const fractions = result.textureFraction;
  return {
    metrics: {
      textureFraction: fractions,
      dominant: ORIENTATIONS.reduce((a, b) => (fractions[a] >= fractions[b] ? a : b)),
      grainCount: result.grainCount,
      meanGrainWidth_m: result.meanGrainWidth * 1e-6,
      dt,
      stableTimeStep: limit,
      steps,
    },
    series: { history: { ...result.history }, snapshots },
    diagnostics: { iterations: result.steps, residual: 0, maxSumOfSquares: result.maxSumSquares },
  };
}
