import { binaryPhases } from "./binary.js";
import { LI_MG_TDB } from "./databases/liMg.js";
import { equilibriumPath, potentialOnPath } from "./potential.js";
import { Database } from "./tdb/database.js";

/** Li–M descriptions that ship with the toolkit, written by us from the cited assessments. */
export const BUILT_IN_SYSTEMS: Record<string, { tdb: string; metal: string; phases: string[] }> = {
  "Li-Mg": { tdb: LI_MG_TDB, metal: "MG", phases: ["LIQUID", "BCC_A2", "FCC_A1", "HCP_A3"] },
};

/**
 * Equilibrium lithiation potential (V vs Li, Xie2024 eq 5) of a built-in system as a function of the
 * Li fraction x at one temperature, with pure BCC Li as 0 V.
 */
export function builtInEquilibriumPotential(system: string, temperature_K: number): (x: number) => number {
  const description = BUILT_IN_SYSTEMS[system];
  const phases = binaryPhases(
    Database.parse(description.tdb),
    description.metal,
    temperature_K,
    description.phases,
  );
  const reference = phases.find((p) => p.name === "BCC_A2");
  if (!reference) throw new Error(`built-in system ${system} lacks BCC_A2`);
  const fLi = reference.energy(1);
  const path = equilibriumPath(phases, fLi);
  return (x) => potentialOnPath(path, x, fLi);
}
