import { z } from "zod";
import { activationEnergy, fitGrowthLaws, type GrowthAnalysis } from "../../cell/index.js";
import { dimensions } from "../../units/index.js";
import { pointsAndCurve } from "../plotSpecs.js";
import { formatNumber, trendRow } from "../reproduction.js";
import { positiveQuantity } from "../schema.js";
import type {
  PlotSpec,
  Reproduction,
  RunContext,
  Series,
  StudyDefinition,
  StudyOutput,
  StudyResult,
} from "../types.js";

const schema = z.strictObject({
  series: z
    .array(
      z.strictObject({
        temperature: positiveQuantity(dimensions.temperature, { description: "storage temperature" }),
        points: z
          .array(
            z.strictObject({
              time: positiveQuantity(dimensions.time, { description: "storage time" }),
              thickness: positiveQuantity(dimensions.length, { description: "corrosion-layer thickness" }),
            }),
          )
          .min(2),
      }),
    )
    .min(1)
    // Wang2024 section 2 (Cu held against LPSCl, cryo-FIB thicknesses); room temperature = 23 degC (Methods).
    .prefault([
      {
        temperature: "23 degC",
        points: [
          { time: "1 d", thickness: "62 nm" },
          { time: "4 d", thickness: "83 nm" },
          { time: "7 d", thickness: "462 nm" },
        ],
      },
      {
        temperature: "60 degC",
        points: [
          { time: "1 d", thickness: "243 nm" },
          { time: "4 d", thickness: "2005 nm" },
          { time: "7 d", thickness: "2337 nm" },
        ],
      },
    ]),
  tolerance: z
    .number()
    .gt(0)
    .lt(10)
    .default(0.3)
    .meta({ description: "largest relative deviation for a law to describe the data" }),
});

type Params = z.output<typeof schema>;

const LAW_CURVE_POINTS = 60;

function run(params: Params, context: RunContext): StudyOutput {
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

const wang: Reproduction = {
  id: "corrosion-growth/wang2024-cu",
  title: "Wang2024 section 2: Cu corrosion by LPSCl at room temperature and 60 °C",
  run(context) {
    const result = context.runStudy("Wang2024 Cu in LPSCl", {});
    const temps = result.metrics.byTemperature as Record<
      string,
      { verdict: string; linearMaxDeviation: number; parabolicMaxDeviation: number }
    >;
    const ea = result.metrics.apparentActivationEnergyLinear_J_mol as number;
    return {
      rows: [
        ...Object.entries(temps).map(([temperature, t]) => ({
          id: "corrosion",
          quantity: `growth law at ${temperature}`,
          paper: "no law stated",
          ours: `${t.verdict} (linear off by ${Math.round(t.linearMaxDeviation * 100)}%, parabolic by ${Math.round(t.parabolicMaxDeviation * 100)}%)`,
          tolerance: "±30% per point",
          verdict: t.verdict === "neither" ? ("differs" as const) : ("match" as const),
          note: "three thicknesses per temperature are not monotone in rate: neither textbook law describes them",
        })),
        trendRow({
          id: "corrosion",
          quantity: "apparent activation energy (linear rates)",
          paper: "faster at 60 °C",
          ours: `${(ea / 1000).toFixed(0)} kJ/mol (indicative only)`,
          holds: ea > 0,
        }),
      ],
      results: [result],
      figures: growthPlots(result).map((plot) => ({
        ...plot,
        name: "figS23a-thickness",
        title: "Wang2024 Fig. S23a: Cu corrosion-layer thickness at 23 and 60 °C, with fitted laws",
        data: result.series,
      })),
    };
  },
};

// Legend label of a series: its temperature in degrees Celsius, as the paper states them.
const celsius = "format(datum.temperature_K - 273.15, '.0f') + ' °C'";

function growthPlots(result: StudyResult): PlotSpec[] {
  return [
    {
      name: "growth",
      title: `Corrosion-layer thickness and the two fitted growth laws: ${result.name}`,
      spec: pointsAndCurve({
        data: "growth",
        x: { expression: "datum.time_s / 86400", title: "Time (d)" },
        y: { expression: "datum.thickness_m * 1e9", title: "Thickness (nm)" },
        curve: {
          data: "laws",
          x: "datum.time_s / 86400",
          y: "datum.value * 1e9",
          fold: {
            columns: ["linear_m", "parabolic_m"],
            labels: { linear_m: "linear law", parabolic_m: "parabolic law" },
            title: "fitted law",
          },
        },
        group: {
          points: celsius,
          curve: celsius,
          title: "temperature",
          order: [...new Set((result.inputs as Params).series.map((s) => s.temperature))]
            .sort((a, b) => a - b)
            .map((t) => `${(t - 273.15).toFixed(0)} °C`),
        },
      }),
    },
  ];
}

export const corrosionGrowthStudy: StudyDefinition<typeof schema> = {
  id: "corrosion-growth",
  description:
    "Fit corrosion-layer thickness versus time with linear and parabolic laws; apparent activation energy (M8, Wang2024)",
  schema,
  run,
  plots: growthPlots,
  reproductions: [wang],
};
