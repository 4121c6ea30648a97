/**
 * M1 (2D): where the Li current goes at a rough collector under a conducting layer
 * (Xie2024 section 2.3, Figs 8-9; eqs 8-9 for the kinetics).
 */

export * from "./creep/index.js";
export { buildMesh, collectorHeight, multigridCellCounts, terrainFollowingMesh } from "./geometry.js";
export { linearisedAsr, overpotential, platingCurrent } from "./kinetics.js";
export type { AlloySite, Inclusion, Interface2DProblem, Kinetics, Tip } from "./problem.js";
export { currentInInterval, type RegionShare, regionShare } from "./regions.js";
export { type CollectorSolution, type Interface2DSolution, solveInterface2D } from "./solve2d.js";
export {
  type Contour,
  contourHeight,
  type Interface3DProblem,
  type Interface3DSolution,
  interfaceMesh3D,
  solveInterface3D,
} from "./solve3d.js";
