import { z } from "zod";
import type { Orientation } from "../../materials/index.js";
import { ORIENTATIONS, simulateGrainSelection, stableTimeStepFor } from "../../texture/index.js";
import { dimensions } from "../../units/index.js";
import {
  grainEnergyParameterSchema,
  grainEnergyParametersOf,
  orientationData,
  surfacesSchema,
} from "../grainEnergy/index.js";
import { Axis, heatMap, linePlot } from "../plotSpecs.js";
import { positiveQuantity } from "../schema.js";
import type { RunContext, Series, StudyDefinition, StudyOutput, StudyResult } from "../types.js";
import { zhangGrainSelection } from "./reproduction.js";

const schema = z.strictObject({
  metal: z.enum(["Li", "Na", "K"]).default("Li"),
  environment: z.enum(["solid", "liquid"]).default("solid"),
  surfaces: surfacesSchema,
  temperature: positiveQuantity(dimensions.temperature, {
    description: "deposition temperature",
    default: "25 degC",
  }),
  ...grainEnergyParameterSchema,
  grid: z
    .strictObject({
      nx: z.number().int().min(4).max(4000).default(200),
      ny: z.number().int().min(4).max(4000).default(70),
      dx: z
        .number()
        .gt(0)
        .default(0.5)
        .meta({ description: "grid spacing in um, the length unit of kappa (Zhang2025: 0.5)" }),
    })
    .prefault({}),
  nuclei: z.number().int().min(1).default(75),
  endTime: z.number().gt(0).max(1e6).default(400).meta({
    description:
      "model time at the end of the run (Zhang2025: 40,000 steps of 0.01 = 400); steps = endTime / dt",
  }),
  dt: z.number().gt(0).optional().meta({
    description:
      "time step (model units); default 0.9 x the explicit stability limit; larger values are refused",
  }),
  fillFraction: z
    .number()
    .gt(0)
    .lte(1)
    .default(0.8)
    .meta({ description: "fraction of the run after which the film is fully deposited" }),
  mobility: z
    .strictObject({ L1: z.number().gt(0).default(7.5), L2: z.number().min(0).default(0.27) })
    .prefault({}),
  gradient: z
    .strictObject({ k1: z.number().gt(0).default(4.1e-9), k2: z.number().min(0).default(20) })
    .prefault({}),
  w: z.number().gt(0).default(1),
  seed: z.number().int().default(1),
  snapshots: z.array(z.number().gt(0).lte(1)).default([0.25, 1]),
});

type Params = z.output<typeof schema>;

function run(params: Params, context: RunContext): StudyOutput {
  const surfaceEnergy = {} as Record<Orientation, number>;
  const barrier = {} as Record<Orientation, number>;
  for (const o of ORIENTATIONS) {
    const d = orientationData(params, o, `params.surfaces.${o}`);
    surfaceEnergy[o] = d.surfaceEnergy;
    barrier[o] = d.barrier;
  }
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
  };
  const limit = stableTimeStepFor(base);
  const dt = params.dt ?? 0.9 * limit;
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

/**
 * Orientation of each deposited cell, one panel per snapshot in time order, with lines between
 * cells of different grains, so two touching grains of one orientation show as two. Drawn at the
 * domain's aspect ratio.
 */
function grainMap(result: StudyResult): Record<string, unknown> {
  const grid = (result.inputs as { grid?: { nx: number; ny: number } }).grid;
  const width = 600;
  const height = grid ? Math.max(60, Math.round((width * grid.ny) / grid.nx)) : 210;
  return heatMap({
    data: "snapshots",
    x: { expression: "datum.x_m * 1e6", title: "x (µm)" },
    y: { expression: "datum.y_m * 1e6", title: "Height (µm)" },
    value: { expression: "datum.orientation", title: "Orientation", labels: ORIENTATION_LABELS },
    boundaries: { expression: "datum.grain", title: "grain boundary" },
    panels: { field: "time", label: "'t = ' + format(datum.time, '.3~r')" },
    width,
    height,
  });
}

const ORIENTATION_LABELS = ORIENTATIONS.map((o) => `(${o})`);

export const grainSelectionStudy: StudyDefinition<typeof schema> = {
  id: "grain-selection",
  description:
    "Multi-grain Allen-Cahn phase field of texture selection during deposition (M7, Zhang2025 eqs 14-17)",
  schema,
  run,
  plots: (result) => [
    {
      name: "texture-history",
      title: "Area fraction of each orientation during deposition",
      spec: linePlot({
        data: "history",
        x: { expression: "datum.time", title: "Time (model units)" },
        y: Axis.percent({ expression: "datum.value", title: "Area fraction" }, { full: true }),
        fold: {
          columns: ["fraction001", "fraction101", "fraction111"],
          labels: { fraction001: "(001)", fraction101: "(101)", fraction111: "(111)" },
        },
      }),
    },
    {
      name: "grain-map",
      title: "Grain orientation maps during deposition",
      spec: grainMap(result),
    },
  ],
  reproductions: [zhangGrainSelection],
};
