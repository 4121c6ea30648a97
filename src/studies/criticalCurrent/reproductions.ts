import { formatNumber, hasInteriorMaximum, isMonotonic, trendRow } from "../reproduction.js";
import type { Reproduction } from "../types.js";

/** Interpretation shared by the rows that differ. */
const WHY_NO_MAXIMUM =
  "with the published pure power-law creep (n = 6.6) the excess pressure grows only as (plating contrast)^(1/n): shallow contours already pay much of the pressure cost and steep ones little more, so the falling local current wins. The crack size is the only free scale (it sets the interface pressure relative to the crack pressure); scaling it, no size gives an interior maximum above the flat critical current in either series. Zhang2024's ESI (creep solution, crack dimensions) and Ning 2023's relation were not reachable to check what they used";

export const zhangCriticalCurrent: Reproduction = {
  id: "critical-current/zhang2024",
  title: "Zhang2024 Figs 1d, 2a, 3, 4: creep pressure and critical current versus contour",
  longRunning: true,
  run(context) {
    const cellsPerPeriod = context.fast ? 16 : 32;
    // The series of Figs 3b/c, 3e/f and 2a each contain the egg-box H 25 µm S 150 µm: runStudy
    // solves it once.
    const runOne = (
      label: string,
      contour: Record<string, string>,
      cells = cellsPerPeriod,
      creepCells = Math.min(16, cells),
    ) =>
      context.runStudy(label, {
        contour,
        kinetics: { type: "linear", asr: "10 ohm*cm^2" },
        creep: { cellsPerPeriod: creepCells },
        numerics: { cellsPerPeriod: cells },
      });
    const metric = (r: { metrics: Record<string, unknown> }, name: string) => r.metrics[name] as number;
    const list = (values: number[], digits = 3) => values.map((v) => formatNumber(v, digits)).join(", ");

    const shapes = ["frustum", "egg-box", "pyramid"] as const;
    // Pyramid apexes and frustum edges are corners where current and creep pressure are singular:
    // their gain keeps falling as the creep mesh is refined (frustum 0.963, 0.916, 0.883 at 8, 16
    // and 24 creep cells per period) while the egg-box has converged (0.908, 0.903, 0.904). At 16
    // the frustum still edges out the egg-box; from 24 on the ranking holds, and refining only
    // widens it (frustum 0.881, pyramid 0.783, egg-box 0.903 at 32). The full run resolves the
    // shapes at 32 creep cells per period (20-30 s of CPU each on 2 cores), --fast at 24.
    const [shapeCells, shapeCreepCells] = context.fast ? [48, 24] : [64, 32];
    const byShape = shapes.map((shape) =>
      runOne(
        `Fig. 4d, ${shape} H 25 µm S 150 µm`,
        { shape, period: "150 um", height: "25 um" },
        shapeCells,
        shapeCreepCells,
      ),
    );
    const shapeGain = byShape.map((r) => metric(r, "criticalCurrentGain"));

    const heights = [5, 25, 50, 75];
    const fixedS = heights.map((H) =>
      runOne(`Fig. 3b/c, egg-box H ${H} µm S 150 µm`, {
        shape: "egg-box",
        period: "150 um",
        height: `${H} um`,
      }),
    );
    const periods = [250, 150, 100, 50];
    const fixedH = periods.map((S) =>
      runOne(`Fig. 3e/f, egg-box H 25 µm S ${S} µm`, {
        shape: "egg-box",
        period: `${S} um`,
        height: "25 um",
      }),
    );
    const sizes = [75, 150, 300];
    const constantRatio = sizes.map((S) =>
      runOne(`Fig. 2a, egg-box S ${S} µm H/S 1/6`, {
        shape: "egg-box",
        period: `${S} um`,
        height: `${S / 6} um`,
      }),
    );
    const pressureS = fixedS.map((r) => metric(r, "maxExcessPressure_Pa") / 1e6);
    const pressureH = fixedH.map((r) => metric(r, "maxExcessPressure_Pa") / 1e6);
    const gainS = fixedS.map((r) => metric(r, "criticalCurrentGain"));
    const gainH = fixedH.map((r) => metric(r, "criticalCurrentGain"));
    const gainSize = constantRatio.map((r) => metric(r, "criticalCurrentGain"));
    const best = Math.max(...gainS, ...gainH, ...shapeGain);
    return {
      rows: [
        trendRow({
          id: "fig1d/4d",
          quantity: "critical-current gain over flat: frustum, egg-box, pyramid (H25S150)",
          paper: "egg-box highest",
          ours: list(shapeGain),
          holds: shapeGain[1] > Math.max(shapeGain[0], shapeGain[2]),
        }),
        trendRow({
          id: "fig3c",
          quantity: `max excess pressure (MPa at 1 mA/cm²), S 150 µm, H ${heights.join(", ")} µm`,
          paper: "rises with H",
          ours: list(pressureS),
          holds: isMonotonic(pressureS, "increasing"),
        }),
        trendRow({
          id: "fig3f",
          quantity: `max excess pressure (MPa at 1 mA/cm²), H 25 µm, S ${periods.join(", ")} µm`,
          paper: "rises as S falls",
          ours: list(pressureH),
          holds: isMonotonic(pressureH, "increasing"),
        }),
        trendRow({
          id: "fig3b/4a",
          quantity: `critical-current gain, S 150 µm, H ${heights.join(", ")} µm`,
          paper: "passes through a maximum",
          ours: list(gainS),
          holds: hasInteriorMaximum(gainS),
          otherwise: "differs",
          note: WHY_NO_MAXIMUM,
        }),
        trendRow({
          id: "fig3e/4b",
          quantity: `critical-current gain, H 25 µm, S ${periods.join(", ")} µm`,
          paper: "passes through a maximum",
          ours: list(gainH),
          holds: hasInteriorMaximum(gainH),
          otherwise: "differs",
          note: WHY_NO_MAXIMUM,
        }),
        trendRow({
          id: "fig2a/4c",
          quantity: `critical-current gain at H/S 1/6, S ${sizes.join(", ")} µm`,
          paper: "falls as the features grow",
          ours: list(gainSize),
          holds: isMonotonic(gainSize, "decreasing"),
          otherwise: "differs",
          note: "at fixed H/S the creep pressure falls with size (strain rate ~ v/S) while the kinetic current maximum rises; which wins depends on the crack-to-interface pressure ratio",
        }),
        trendRow({
          id: "headline",
          quantity: "best critical-current gain among the contours above",
          paper: "about 1.5 (only ~50% over flat)",
          ours: formatNumber(best, 3),
          holds: best >= 1.25 && best <= 1.75,
          tolerance: "1.25-1.75",
          otherwise: "differs",
          note: "the gain depends on the crack geometry and on n only (not on A, K_Ic or stack pressure); with our default crack (10 µm deep, 0.3 µm open) contouring helps by less than the paper's 50%",
        }),
      ],
      results: [byShape[1]],
      figures: [],
    };
  },
};

export const criticalCurrentReproductions: Reproduction[] = [zhangCriticalCurrent];
