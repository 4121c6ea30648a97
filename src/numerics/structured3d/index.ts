export { galerkinCoarsen3D, Multigrid3D } from "./multigrid3d.js";
export {
  assembleQ1Stiffness3D,
  HEX_CORNER_OFFSETS,
  hexGaussDerivatives,
  hexReferenceDerivatives,
  hexShapeGradients,
  layerAreaWeights,
  type StructuredMesh3D,
} from "./q1hex.js";
export { StencilMatrix3D } from "./stencil3d.js";
export {
  assembleTerrainFollowing,
  type TerrainFollowingMesh3D,
  terrainFollowingNodes,
} from "./terrainFollowing.js";
export { stencilArenaExecutor } from "./wasm/arenaExecutor.js";
export { StencilArena } from "./wasm/stencilArena.js";
