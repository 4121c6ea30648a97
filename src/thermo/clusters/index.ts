/** M4: cluster expansion and lattice Monte Carlo (Xie2024 eqs 1-4, Table 3). */
export {
  type ClusterExpansion,
  clusterInteraction,
  correlations,
  energyPerSite,
  siteValues,
} from "./expansion.js";
export {
  crossValidationError,
  distinctColumns,
  type Fitter,
  foldAssignment,
  lasso,
  lassoFitter,
  ordinaryLeastSquares,
  predict,
  rootMeanSquare,
} from "./fit.js";
export {
  type AnnealStage,
  anneal,
  heatingBranch,
  integrateFreeEnergy,
  randomConfiguration,
  xie2024Schedule,
} from "./freeEnergy.js";
export {
  bccLattice,
  type Cell,
  checkLattice,
  fccLattice,
  gammaBrassLattice,
  type Lattice,
  type LatticeSite,
  simpleCubicLattice,
  squareLattice,
  type Vector3,
} from "./lattice.js";
export { MetropolisSampler, type SampleStatistics } from "./monteCarlo.js";
export {
  type Cluster,
  type Cutoffs,
  canonicalCluster,
  enumerateOrbits,
  type LatticePoint,
  type Orbit,
  orbitOf,
  transformCluster,
} from "./orbits.js";
export { parsePoscar } from "./poscar.js";
export {
  type Atom,
  type Configuration,
  configurationFromAtoms,
  configurationFromOccupation,
  countSecondSpecies,
  supercellOf,
} from "./structures.js";
export {
  buildSupercell,
  correlationVector,
  type OrbitTable,
  orbitTables,
  type SiteBasis,
  type Supercell,
  type SupercellMatrix,
} from "./supercell.js";
export { applyOperation, type SymmetryOperation, spaceGroupOperations } from "./symmetry.js";
