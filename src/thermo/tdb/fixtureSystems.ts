import { binaryPhases } from "../binary.js";
import { equilibriumPath } from "../potential.js";
import { Database } from "./database.js";

/**
 * Test support (run in a worker by tdb.test.ts): the equilibrium path of every ordered pair of
 * elements of every fixture database (file name -> text) at T, or the error that stopped it.
 */
export function evaluateFixtureSystems(files: Record<string, string>, temperature_K: number) {
  const results: { file: string; pair: string; phases: number; error?: string }[] = [];
  for (const [file, text] of Object.entries(files)) {
    const db = Database.parse(text);
    const elements = [...db.elements].filter((e) => e !== "VA" && e !== "/-");
    for (const reactant of elements)
      for (const host of elements) {
        if (reactant === host) continue;
        const pair = `${reactant}-${host}`;
        try {
          const phases = binaryPhases(db, host, temperature_K, undefined, { reactant });
          const path = equilibriumPath(phases, 0);
          const finite = phases.every((p) => Number.isFinite(p.energy((p.xRange[0] + p.xRange[1]) / 2)));
          if (!finite || path.length === 0) throw new Error("non-finite energies or an empty path");
          results.push({ file, pair, phases: phases.length });
        } catch (error) {
          results.push({ file, pair, phases: 0, error: (error as Error).message });
        }
      }
  }
  return results;
}
