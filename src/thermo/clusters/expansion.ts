/**
 * A fitted cluster expansion: lattice, site basis, orbits and one coefficient per correlation
 * function, so that the energy per site is E = Σ_α c_α Π_α (Xie2024 eq 1 with Π the correlation
 * matrix; index 0 is the empty cluster). Energies in joules per site.
 */
import type { Lattice } from "./lattice.js";
import type { Orbit } from "./orbits.js";
import type { Configuration } from "./structures.js";
import { correlationVector, orbitTables, type SiteBasis, siteFunction } from "./supercell.js";

export interface ClusterExpansion {
  lattice: Lattice;
  basis: SiteBasis;
  orbits: Orbit[];
  /** One per correlation function: empty cluster first, then one per orbit, J per site. */
  coefficients: Float64Array;
}

export function siteValues(configuration: Configuration, basis: SiteBasis): Float64Array {
  return Float64Array.from(configuration.species, (s) => siteFunction(basis, s));
}

export function correlations(orbits: Orbit[], basis: SiteBasis, configuration: Configuration): Float64Array {
  return correlationVector(orbitTables(configuration.supercell, orbits), siteValues(configuration, basis));
}

/** Energy per site by full evaluation of every correlation function. */
export function energyPerSite(expansion: ClusterExpansion, configuration: Configuration): number {
  const pi = correlations(expansion.orbits, expansion.basis, configuration);
  return pi.reduce((sum, x, k) => sum + x * expansion.coefficients[k], 0);
}

/**
 * The interaction carried by each single cluster of an orbit: E_total = N_sites c_0 + Σ_clusters
 * J_cluster Π φ, with J_cluster = c_α × (sites per cell) / (clusters per cell).
 */
export function clusterInteraction(expansion: ClusterExpansion, orbitIndex: number): number {
  const orbit = expansion.orbits[orbitIndex];
  return (expansion.coefficients[orbitIndex + 1] * expansion.lattice.sites.length) / orbit.multiplicity;
}
