import type { Interface2DProblem, Kinetics } from "../interface/index.js";

/**
 * Xie2024 Fig. 8b: one 2 µm tip under a 10 µm layer of 0.1 S/m, 6.8 A/m² through the top, linear
 * kinetics of 2e-4 Ω m² unless others are given; the 2D problem of the grid-thread tests and of the
 * interface-2d and kinetics benches.
 */
export const xieFig8bTip = (
  cellSize_m: number,
  options: { sides?: "insulated" | "periodic"; kinetics?: Kinetics } = {},
): Interface2DProblem => ({
  layer: { thickness_m: 10e-6, width_m: 50e-6, xStart_m: -25e-6, conductivity_S_m: 0.1, inclusions: [] },
  collector: {
    tips: [{ name: "tip", x_m: 0, height_m: 2e-6, width_m: 2e-6 }],
    sites: [],
    kinetics: options.kinetics ?? { type: "linear", asr: 2e-4 },
  },
  top: { kind: "current", currentDensity_A_m2: 6.8 },
  sides: options.sides ?? "insulated",
  numerics: { cellSize_m, relativeTolerance: 1e-10 },
});
