/** M7: grain selection growth of alkali metals (Zhang2025): texture thermodynamics and phase field. */
export {
  crossoverTemperature,
  type GrainEnergy,
  type GrainEnergyParameters,
  type GrainPair,
  grainEnergyDifference,
  strainEnergyBound,
} from "./grainEnergy.js";
