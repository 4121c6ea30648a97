import { inputError } from "../../errors.js";
import { crossoverTemperature, grainEnergyDifference, strainEnergyBound } from "../../texture/index.js";
import { grainEnergyParametersOf } from "../shared/grainEnergyParameters.js";
import { orientationData } from "../shared/surfaces.js";
import type { RunContext, Series, StudyOutput } from "../types.js";
import type { GrainEnergyParams } from "./schema.js";

export function runGrainEnergy(params: GrainEnergyParams, context: RunContext): StudyOutput {
  const [o1, o2] = params.orientations;
  const a = orientationData(params, o1, "params.orientations[0]");
  const b = orientationData(params, o2, "params.orientations[1]");
  const pair = {
    surfaceEnergy1_J_m2: a.surfaceEnergy,
    surfaceEnergy2_J_m2: b.surfaceEnergy,
    barrier1_eV: a.barrier,
    barrier2_eV: b.barrier,
  };
  const p = grainEnergyParametersOf(params);
  const [from, to] = params.temperatureRange;
  if (!(to > from)) throw inputError("params.temperatureRange", "expected increasing temperatures");
  const atT = grainEnergyDifference(pair, p, params.temperature);
  const series: Series = { temperature_K: [], deltaU_J_m3: [], deltaGamma_J_m3: [], deltaStrain_J_m3: [] };
  for (let k = 0; k <= 200; k++) {
    const t = from + ((to - from) * k) / 200;
    const e = grainEnergyDifference(pair, p, t);
    series.temperature_K.push(t);
    series.deltaU_J_m3.push(e.deltaU_J_m3);
    series.deltaGamma_J_m3.push(e.deltaGamma_J_m3);
    series.deltaStrain_J_m3.push(e.deltaStrain_J_m3);
  }
  context.onProgress?.(1);
  return {
    metrics: {
      deltaU_J_m3: atT.deltaU_J_m3,
      deltaGamma_J_m3: atT.deltaGamma_J_m3,
      deltaStrain_J_m3: atT.deltaStrain_J_m3,
      favoured: atT.deltaU_J_m3 < 0 ? o1 : o2,
      crossoverTemperature_K: crossoverTemperature(pair, p, from, to),
      strainEnergyBound_J_m3: strainEnergyBound(p),
    },
    series: { energies: series },
    diagnostics: { iterations: 0, residual: 0 },
  };
}
