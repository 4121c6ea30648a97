export { cellsInX, nodeX, nodeY, rowBoundaryWeights, type StructuredMesh2D } from "./mesh2d.js";
export { galerkinCoarsen, Multigrid2D } from "./multigrid2d.js";
export { assembleQ1Stiffness, imposeDirichlet } from "./q1.js";
export { StencilMatrix2D } from "./stencil2d.js";
export {
  assembleTerrainFollowing2D,
  type TerrainFollowingMesh2D,
  terrainFollowingNodes2D,
} from "./terrainFollowing2d.js";
