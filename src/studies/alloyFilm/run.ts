import {
  type AlloyFilmProblem,
  chemoMechanicalPotential,
  lithiumThicknessFromCapacity,
  simulateSaturation,
  utilizationMap,
} from "../../alloyfilm/index.js";
import type { RunContext, Series, StudyOutput } from "../types.js";
import type { AlloyFilmParams } from "./schema.js";

/** Scenario tables come as rows; the models take columns, named with their units. */
function columns<Row, Name extends string>(
  rows: Row[],
  names: Record<Name, keyof Row>,
): Record<Name, number[]> {
  const entries = Object.entries(names) as [Name, keyof Row][];
  return Object.fromEntries(
    entries.map(([name, key]) => [name, rows.map((row) => Number(row[key]))]),
  ) as Record<Name, number[]>;
}

export function problemOf(params: AlloyFilmParams): AlloyFilmProblem {
  const { film } = params;
  return {
    thickness_m: film.thickness,
    maxConcentration_mol_m3: film.maxConcentration,
    initialConcentration_mol_m3: film.initialConcentration,
    diffusivity:
      typeof film.diffusivity === "number"
        ? film.diffusivity
        : columns(film.diffusivity, { fraction: "fraction", diffusivity_m2_s: "value" }),
    currentDensity_A_m2: params.currentDensity,
  };
}

export function runAlloyFilm(params: AlloyFilmParams, context: RunContext): StudyOutput {
  const problem = problemOf(params);
  const mapCount = params.utilizationMap
    ? params.utilizationMap.diffusivities.length * params.utilizationMap.currentDensities.length
    : 0;
  // Progress: the main run counts as one unit, each map run as one more.
  const share = 1 / (1 + mapCount);
  const saturation = simulateSaturation(problem, params.numerics, {
    profileFractions: params.profileFractions,
    onProgress: context.onProgress && ((f) => context.onProgress?.(f * share)),
  });
  const profiles: Series = { time_s: [], position_m: [], concentration_mol_m3: [], filledFraction: [] };
  for (const profile of saturation.profiles) {
    profile.position_m.forEach((x, k) => {
      const c = profile.concentration_mol_m3[k];
      profiles.time_s.push(profile.time_s);
      profiles.position_m.push(x);
      profiles.concentration_mol_m3.push(c);
      profiles.filledFraction.push(c / problem.maxConcentration_mol_m3);
    });
  }
  const metrics: Record<string, unknown> = {
    saturationTime_s: saturation.saturationTime_s,
    utilization: saturation.utilization,
    storedCharge_C_m2: params.currentDensity * saturation.saturationTime_s,
    collectorFilledFraction: saturation.collectorConcentration_mol_m3 / problem.maxConcentration_mol_m3,
    lithiumThickness_m: lithiumThicknessFromCapacity(params.platedCapacity),
  };
  const series: Record<string, Series> = { concentrationProfiles: profiles };
  if (params.utilizationMap) {
    const { diffusivities, currentDensities } = params.utilizationMap;
    const onMapProgress =
      context.onProgress && ((f: number) => context.onProgress?.(share + f * (1 - share)));
    series.utilizationMap = {
      ...utilizationMap(problem, diffusivities, currentDensities, params.numerics, onMapProgress),
    };
  }
  if (params.chemoMechanics) {
    const cm = params.chemoMechanics;
    const profile = chemoMechanicalPotential({
      thickness_m: cm.thickness,
      composition: columns(cm.composition, { position_m: "position", liFraction: "liFraction" }),
      chemicalPotential: columns(cm.chemicalPotential, {
        liFraction: "liFraction",
        potential_V: "potential",
      }),
      strainEnergy: columns(cm.strainEnergy, { position_m: "position", energy_J_mol: "energy" }),
      points: cm.points,
    });
    series.chemoMechanicalPotential = { ...profile };
    // Collector side minus electrolyte side: positive values drive Li away from the electrolyte.
    const across = (column: number[]) => (column.at(-1) ?? 0) - column[0];
    metrics.chemicalPotentialDifference_V = across(profile.chemicalPotential_V);
    metrics.mechanicalPotentialDifference_V = across(profile.mechanicalPotential_V);
    metrics.totalPotentialDifference_V = across(profile.totalPotential_V);
  }
  context.onProgress?.(1);
  return {
    metrics,
    series,
    diagnostics: {
      iterations: saturation.newtonIterations,
      residual: saturation.maxResidual,
      timeSteps: saturation.timeSteps,
      cells: params.numerics.cells,
      massBalanceRelativeError: saturation.massBalanceRelativeError,
    },
  };
}
