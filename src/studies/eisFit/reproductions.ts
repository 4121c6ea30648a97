import { trendRow } from "../reproduction.js";
import type { Reproduction, StudyResult } from "../types.js";

/** Wang2024 Tables S1-S2 scale: bulk R_b ~ 54 ohm, R_SEI + R_ct ~ 6 ohm, 1 MHz - 1 Hz, two CPE arcs. */
const WANG2024_LIKE = {
  R0: "54 ohm",
  R1: "4 ohm",
  CPE1_Q: 2e-6,
  CPE1_alpha: 0.85,
  R2: "2 ohm",
  CPE2_Q: 1e-3,
  CPE2_alpha: 0.8,
};

type Fitted = Record<
  string,
  {
    value: number;
    standardError: number;
    linearisedInterval: [number, number];
    bootstrapInterval: [number, number];
  }
>;

const holds = ([low, high]: [number, number], value: number) => low <= value && value <= high;

const wang: Reproduction = {
  id: "eis-fit/wang2024-like",
  title: "Wang2024 Tables S1–S2 scale: refit a synthetic spectrum (R_b ≈ 54 Ω, R_SEI + R_ct ≈ 6 Ω, 1% noise)",
  run(context) {
    // Standard errors are right when ~95% of noisy realisations fall within 2 of them of the truth.
    const seeds = context.fast ? 10 : 20;
    let bulkInside = 0;
    let interfacialInside = 0;
    // The bulk arc's CPE Q: the parameter whose linearised interval under-covers most (~75 %).
    let qLinearised = 0;
    let qBootstrap = 0;
    let first: StudyResult | undefined;
    for (let seed = 1; seed <= seeds; seed++) {
      const result = context.runStudy(`Wang2024-like spectrum, 1% noise, seed ${seed}`, {
        data: { synthetic: { parameters: WANG2024_LIKE, noise: 0.01, seed } },
      });
      first ??= result;
      const p = result.metrics.parameters as Fitted;
      if (Math.abs(p.R0.value - 54) <= 2 * p.R0.standardError) bulkInside++;
      const interfacial = p.R1.value + p.R2.value;
      if (Math.abs(interfacial - 6) <= 2 * Math.hypot(p.R1.standardError, p.R2.standardError))
        interfacialInside++;
      if (holds(p.CPE1_Q.linearisedInterval, WANG2024_LIKE.CPE1_Q)) qLinearised++;
      if (holds(p.CPE1_Q.bootstrapInterval, WANG2024_LIKE.CPE1_Q)) qBootstrap++;
    }
    const drifting = context.runStudy("same cell, R drifting by 5 Ω during the sweep", {
      data: { synthetic: { parameters: WANG2024_LIKE, resistanceDrift: "5 ohm" } },
    });
    const kk = drifting.metrics.kramersKronig as { valid: boolean; maxResidual: number };
    const share = (inside: number) => `${inside}/${seeds} noisy spectra within 2 SE`;
    return {
      rows: [
        trendRow({
          id: "eis",
          quantity: "bulk resistance R_b refitted (generated 54 Ω)",
          paper: "≈54 Ω",
          ours: share(bulkInside),
          holds: bulkInside >= 0.8 * seeds,
          tolerance: "≥80% of seeds",
        }),
        trendRow({
          id: "eis",
          quantity: "R_SEI + R_ct refitted (generated 4 + 2 Ω)",
          paper: "≈6 Ω",
          ours: share(interfacialInside),
          holds: interfacialInside >= 0.8 * seeds,
          tolerance: "≥80% of seeds",
        }),
        trendRow({
          id: "eis",
          quantity: "CPE1_Q (generated 2e-6) inside its 95% wild-bootstrap interval",
          paper: "nominal 95%",
          ours: `${qBootstrap}/${seeds} noisy spectra (linearised interval: ${qLinearised}/${seeds})`,
          holds: qBootstrap >= 0.8 * seeds,
          tolerance: "≥80% of seeds",
        }),
        trendRow({
          id: "eis",
          quantity: "Lin-KK flags the drifting spectrum",
          paper: "drift violates Kramers–Kronig",
          ours: `max residual ${(kk.maxResidual * 100).toFixed(2)}% → ${kk.valid ? "valid" : "invalid"}`,
          holds: !kk.valid,
        }),
      ],
      results: first ? [first] : [],
      figures: [],
    };
  },
};

export const eisFitReproductions: Reproduction[] = [wang];
