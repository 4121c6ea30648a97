import { trendRow } from "../reproduction.js";
import type { Reproduction } from "../types.js";
import { corrosionGrowthPlots } from "./plots.js";

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
      figures: corrosionGrowthPlots(result).map((plot) => ({
        ...plot,
        name: "figS23a-thickness",
        title: "Wang2024 Fig. S23a: Cu corrosion-layer thickness at 23 and 60 °C, with fitted laws",
        data: result.series,
      })),
    };
  },
};

export const corrosionGrowthReproductions: Reproduction[] = [wang];
