import { trendRow } from "../reproduction.js";
import type { Reproduction } from "../types.js";

export const ramp: Reproduction = {
  id: "ccd-ramp/protocol",
  title: "Zhang2024 Methods: critical-current ramp, failure at a 2 mV voltage drop",
  run(context) {
    const result = context.runStudy("ramp with a dendrite short from 2.3 mA/cm²", {
      data: {
        synthetic: {
          failure: { type: "current-threshold", criticalCurrent: "2.3 mA/cm^2" },
          cycles: 8,
          cell: { sampleInterval: context.fast ? "5 s" : "1 s" },
        },
      },
    });
    const critical = result.metrics.criticalCurrentDensity_A_m2 as number;
    return {
      rows: [
        trendRow({
          id: "ccd",
          quantity: "critical current of a ramp 0.5, 1.0, 1.5 … mA/cm² that shorts from 2.3 mA/cm²",
          paper: "first step ≥ threshold: 2.5 mA/cm²",
          ours: `${(critical / 10).toFixed(3)} mA/cm²`,
          holds: Math.abs(critical - 25) < 1e-6,
          tolerance: "exact step",
        }),
      ],
      results: [result],
      figures: [],
    };
  },
};

export const ccdRampReproductions: Reproduction[] = [ramp];
