import { ALLOYING_METALS, LITHIUM } from "../../materials/index.js";
import { FARADAY } from "../../units/index.js";
import { compareRow, formatNumber, trendRow } from "../reproduction.js";
import type { Reproduction, ReproductionRow, StudyResult } from "../types.js";

type Metrics = Record<string, unknown>;
const minutes = (seconds: unknown) =>
  typeof seconds === "number" ? `${formatNumber(seconds / 60, 3)} min` : "never";

/** Share of the plated Li that ended on BL/CC. */
function collectorShare(result: StudyResult): number {
  const m = result.metrics as Metrics;
  const cc = m.lithiumThicknessCC_m as number;
  const se = m.lithiumThicknessSE_m as number;
  return cc / (cc + se);
}

/** The paper's sequence: the particle potential reaches 0 V, then the pores fill, then an interface opens. */
function paperOrder(m: Metrics): boolean {
  const zero = m.particlePotentialZeroTime_s as number | null;
  const fill = m.poreFillTime_s as number | null;
  const open = m.separationTime_s as number | null;
  return zero !== null && fill !== null && open !== null && zero < fill && fill <= open;
}

/**
 * Xie2024 Figs 6-7 with the parameters the paper states (10 um layer, 40% porosity, 2 vol% Ag of
 * 40 nm, 0.68 mA/cm^2, ASR 20 / 2 ohm cm^2). The particle/carbon ASR is not given; we use 20 ohm cm^2
 * per particle area. The paper's timeline cannot follow from its stated loading (see the notes), so
 * times are reported as `differs` against hand calculations, and the mechanisms as trends.
 */
const figures6and7: Reproduction = {
  id: "xie2024-fig6-7",
  title: "Xie2024 Figs 6-7: alloying, pore filling, pressure and extrusion in a Ag/C buffer layer",
  run(context) {
    const asymmetric = context.runStudy("Xie2024 Fig 6d/7: ASR 20 (BL/SE) and 2 (BL/CC)", {
      duration: "5 h",
    });
    const held = context.runStudy("Xie2024 Fig 7c: both interfaces held", {
      duration: "3 h",
      interfaces: { se: { adhesion: "1 GPa" }, cc: { adhesion: "1 GPa" } },
    });
    const heldEqual = context.runStudy("Xie2024 Fig 6c: equal ASRs, both interfaces held", {
      duration: "3 h",
      interfaces: { se: { adhesion: "1 GPa" }, cc: { adhesion: "1 GPa", asr: "20 ohm*cm^2" } },
    });
    // The paper's particle crosses 0 V at y ≈ 25 where its U is 2.6 mV, so its alloying overpotential
    // there is ≈2.6 mV. The particle/carbon ASR (not given) that gives this gap at 0.68 mA/cm^2:
    // i (H/(2 sigma) + ASR / A_s(25)) = 2.6 mV with A_s(25) ≈ 287 cm^2 per cm^2 -> ≈950 ohm cm^2.
    const calibrated = context.runStudy("Xie2024 Figs 6-7, particle ASR from the Fig 6b gap", {
      duration: "5 h",
      particles: { surfaceAsr: "950 ohm*cm^2" },
    });
    const c = calibrated.metrics as Metrics;
    const a = asymmetric.metrics as Metrics;
    const h = held.metrics as Metrics;
    const ag = ALLOYING_METALS.find((m) => m.symbol === "Ag");
    if (!ag) throw new Error("Ag missing from the materials table");
    // Hand calculations with the stated loading: Ag per area, Li to reach y = 25, Li volume that fills the pores.
    const thickness = 10e-6;
    const silverMoles = (0.02 * thickness) / ag.molarVolume_m3_mol;
    const current = 6.8;
    const timeToY25 = (25 * silverMoles * FARADAY) / current;
    const liOnlyFill = ((0.4 * thickness) / LITHIUM.molarVolume_m3_mol) * (FARADAY / current);
    const impliedVolumePerLi = (0.2 * thickness) / ((current * 8 * 60) / FARADAY);
    const rows: ReproductionRow[] = [
      compareRow({
        id: "fig7a-fill-time",
        quantity: "time until the alloy fills the pores",
        paper: "≈15 min",
        reference: 15,
        ours: ((a.poreFillTime_s as number | null) ?? Number.NaN) / 60,
        unit: "min",
        relativeTolerance: 0.25,
        otherwise: "differs",
        note: `Li alone occupies the 40% pore volume only after ${formatNumber(liOnlyFill / 60, 3)} min at 0.68 mA/cm^2 (13.0 cm^3/mol); Fig 7a's 20% at 8 min implies ${formatNumber(impliedVolumePerLi * 1e6, 3)} cm^3 of alloy per mol of Li, 4.5 times Li's molar volume.`,
      }),
      compareRow({
        id: "fig6b-zero-time",
        quantity: "particle potential reaches 0 V",
        paper: "≈8 min",
        reference: 8,
        ours: ((a.particlePotentialZeroTime_s as number | null) ?? Number.NaN) / 60,
        unit: "min",
        relativeTolerance: 0.25,
        otherwise: "differs",
        note: `2 vol% Ag in 10 um holds ${formatNumber(silverMoles * 1e2, 3)} umol/cm^2; reaching AgLi_25 takes ${formatNumber(timeToY25 / 60, 3)} min at 100% efficiency. The paper's 8 min corresponds to about 0.14 vol% Ag.`,
      }),
      compareRow({
        id: "fig6b-zero-y",
        quantity: "y in AgLi_y when the particle potential reaches 0 V",
        paper: "≈25",
        reference: 25,
        ours: (a.lithiumPerMetalAtZeroPotential as number | null) ?? Number.NaN,
        unit: "",
        relativeTolerance: 0.3,
        otherwise: "differs",
        note: "Our regular-solution U(25) is 1.3 mV (the paper's cluster expansion: 2.6 mV) and 2 vol% of 40 nm particles offer ~30 cm^2 of Ag per cm^2, so the alloying overpotential is only ~0.4 mV; the potential crosses 0 V later.",
      }),
      {
        id: "fig7c-order",
        quantity: "order of events",
        paper: "0 V crossing, then pores full, then BL/CC opens",
        ours: `pores full ${minutes(a.poreFillTime_s)}, BL/CC opens ${minutes(a.separationTime_s)}, 0 V ${minutes(a.particlePotentialZeroTime_s)}`,
        tolerance: "same order",
        verdict: paperOrder(a) ? "match" : "differs",
        note: "With the stated loading the pores fill before the particle potential reaches 0 V; see the two rows above.",
      },
      {
        id: "fig7c-order-gap",
        quantity: "order of events, particle ASR 950 ohm cm^2 (set from the paper's 2.6 mV gap at y = 25)",
        paper: "0 V crossing, then pores full, then BL/CC opens",
        ours: `0 V ${minutes(c.particlePotentialZeroTime_s)}, pores full ${minutes(c.poreFillTime_s)}, BL/CC opens ${minutes(c.separationTime_s)}; Li ${formatNumber((c.lithiumThicknessCC_m as number) * 1e6, 3)} um on BL/CC vs ${formatNumber((c.lithiumThicknessSE_m as number) * 1e6, 3)} um on BL/SE`,
        tolerance: "same order",
        verdict: paperOrder(c) && c.separatedInterface === "BL/CC" ? "match" : "differs",
        note: "Times stay longer than the paper's (loading, see above); the sequence and the CC-side Li of Fig 7d follow.",
      },
      trendRow({
        id: "fig7c-max-pressure",
        quantity: "pressure if both interfaces held",
        paper: "≈8 MPa, above BL/CC adhesion + stack (≈3 MPa)",
        ours: `${formatNumber((h.maxPressure_Pa as number) / 1e6, 3)} MPa`,
        holds: (h.maxPressure_Pa as number) > 3e6 && (h.maxPressure_Pa as number) < 100e6,
        tolerance: "MPa scale, above 3 MPa",
        note: "P_max = F eta / V_Li (eq 13): the paper's 8 MPa is eta ≈ 1.1 mV; ours is U(y) at filling plus the plating overpotential.",
      }),
      trendRow({
        id: "fig7b-separation",
        quantity: "interface that opens first",
        paper: "BL/CC, alloy extrudes toward the collector",
        ours: `${a.separatedInterface}, ${formatNumber((a.extrudedMetalFraction as number) * 100, 3)}% of the metal extruded; metal ends at ${a.finalMetalLocation}`,
        holds: a.separatedInterface === "BL/CC" && a.finalMetalLocation === "BL/CC",
      }),
      trendRow({
        id: "fig6d-split",
        quantity: "plated Li on BL/CC, ASR 2 vs 20 ohm cm^2 (alloying stopped)",
        paper: "most plating on BL/CC",
        ours: `${formatNumber(collectorShare(held) * 100, 3)}% on BL/CC`,
        holds: collectorShare(held) > 0.75,
      }),
      trendRow({
        id: "fig6c-split",
        quantity: "plated Li on BL/CC, equal ASRs (alloying stopped)",
        paper: "about equal on BL/CC and BL/SE",
        ours: `${formatNumber(collectorShare(heldEqual) * 100, 3)}% on BL/CC`,
        holds: Math.abs(collectorShare(heldEqual) - 0.5) < 0.05,
        tolerance: "50 ± 5%",
      }),
      trendRow({
        id: "fig7d-thickness",
        quantity: "Li thickness, BL/CC vs BL/SE (ASR 2 vs 20)",
        paper: "thicker on BL/CC",
        ours: `${formatNumber((h.lithiumThicknessCC_m as number) * 1e6, 3)} um vs ${formatNumber((h.lithiumThicknessSE_m as number) * 1e6, 3)} um`,
        holds: (h.lithiumThicknessCC_m as number) > (h.lithiumThicknessSE_m as number),
      }),
    ];
    return { rows, results: [asymmetric, calibrated, held, heldEqual], figures: [] };
  },
};

/** Xie2024 Table 2 and section 4: which metals expand enough to fill the pores and extrude. */
const metalComparison: Reproduction = {
  id: "xie2024-table2-extrusion",
  title: "Xie2024 Table 2: only Ag expands enough to fill the pores and extrude",
  run(context) {
    const result = context.runStudy("Xie2024 Table 2 metals, 2 vol% in a 40% porous layer", {
      duration: "5 h",
      compareMetals: true,
    });
    const m = result.metrics as Metrics;
    const extruding = m.metalsThatExtrude as string[];
    const tableTwo = extruding.filter((metal) => ALLOYING_METALS.some((a) => a.symbol === metal));
    return {
      rows: [
        trendRow({
          id: "table2-only-ag",
          quantity: "Table 2 metals that fill the pores and extrude",
          paper:
            "Ag only (R = 17.7 and a solid solution beyond γ1; others R < 6 and stop at their Li-richest phase)",
          ours: tableTwo.join(", ") || "none",
          holds: tableTwo.length === 1 && tableTwo[0] === "Ag",
        }),
        trendRow({
          id: "fig10-mg",
          quantity: "Mg (Li-Mg CALPHAD potential, BCC solid solution)",
          paper: "promising, works like Ag (section 4)",
          ours: extruding.includes("Mg") ? "fills the pores and extrudes" : "does not extrude",
          holds: extruding.includes("Mg"),
        }),
      ],
      results: [result],
      figures: [],
    };
  },
};

export const bufferLayerReproductions: Reproduction[] = [figures6and7, metalComparison];
