import { activationEnergy, fitGrowthLaws, type GrowthAnalysis } from "../../cell/index.js";
import { formatNumber } from "../reproduction.js";
import type { RunContext, Series, StudyOutput } from "../types.js";
import type { CorrosionGrowthParams } from "./schema.js";

const LAW_CURVE_POINTS = 60;

export function runCorrosionGrowth(params: CorrosionGrowthParams, context: RunContext): StudyOutput {
  const analyses: GrowthAnalysis[] = params.series.map((s) =>
    fitGrowthLaws(
      {
        temperature_K: s.temperature,
        time_s: s.points.map((p) => p.time),
        thickness_m: s.points.map((p) => p.thickness),
      },
      params.tolerance,
    ),
  );
  const byTemperature = Object.fromEntries(
    analyses.map((a) => [
      `${formatNumber(a.temperature_K)} K`,
      {
        linearRate_m_s: a.linear.rateConstant,
        linearMaxDeviation: a.linear.maxRelativeDeviation,
        parabolicRate_m2_s: a.parabolic.rateConstant,
        parabolicMaxDeviation: a.parabolic.maxRelativeDeviation,
        verdict: a.verdict,
      },
    ]),
  );
  const first = analyses[0];
  const last = analyses[analyses.length - 1];
  const twoTemperatures = analyses.length >= 2 && first.temperature_K !== last.temperature_K;
  const data: Series = { temperature_K: [], time_s: [], thickness_m: [] };
  const laws: Series = { temperature_K: [], time_s: [], linear_m: [], parabolic_m: [] };
  params.series.forEach((s, k) => {
    for (const p of s.points) {
      data.temperature_K.push(s.temperature);
      data.time_s.push(p.time);
      data.thickness_m.push(p.thickness);
    }
    // The fitted laws from t = 0 to the last measurement on a grid of their own (sqrt(t) is curved).
    const end = Math.max(...s.points.map((p) => p.time));
    for (let i = 0; i <= LAW_CURVE_POINTS; i++) {
      const time = (end * i) / LAW_CURVE_POINTS;
      laws.temperature_K.push(s.temperature);
      laws.time_s.push(time);
      laws.linear_m.push(analyses[k].linear.rateConstant * time);
      laws.parabolic_m.push(Math.sqrt(analyses[k].parabolic.rateConstant * time));
    }
  });
  context.onProgress?.(1);
  return {
    metrics: {
      byTemperature,
      describedBy: analyses.every((a) => a.verdict === "neither")
        ? "neither"
        : analyses.map((a) => a.verdict).join(", "),
      apparentActivationEnergyLinear_J_mol: twoTemperatures
        ? activationEnergy(
            first.linear.rateConstant,
            first.temperature_K,
            last.linear.rateConstant,
            last.temperature_K,
          )
        : null,
      apparentActivationEnergyParabolic_J_mol: twoTemperatures
        ? activationEnergy(
            first.parabolic.rateConstant,
            first.temperature_K,
            last.parabolic.rateConstant,
            last.temperature_K,
          )
        : null,
    },
    series: { growth: data, laws },
    diagnostics: { iterations: 0, residual: 0 },
  };
}
