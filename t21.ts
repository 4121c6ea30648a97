import { readFileSync } from "node:fs";
import { binaryPhases } from "./src/thermo/binary.ts";
import { equilibriumPath, lithiationPotential, overSaturationPath } from "./src/thermo/potential.ts";
import { Database } from "./src/thermo/tdb/database.ts";

const db = Database.parse(readFileSync("../shared/data/tdb/COST507.tdb", "utf8"));
const T = 300;
const phases = binaryPhases(db, "MG", T, ["BCC_A2", "HCP_A3", "FCC_A1", "LIQUID"]);
const fLi = phases.find((p) => p.name === "BCC_A2")!.energy(1);
console.log(phases.map((p) => [p.name, p.kind, p.xRange]));
const path = equilibriumPath(phases, fLi);
console.log(
  path.map((s) =>
    s.kind === "single"
      ? [s.phase.name, s.from.toFixed(4), s.to.toFixed(4)]
      : [
          "two",
          s.left.name,
          s.right.name,
          s.from.toFixed(4),
          s.to.toFixed(4),
          (s.potential_V * 1000).toFixed(2) + " mV",
        ],
  ),
);
const os = overSaturationPath(phases, fLi, 0.99);
console.log(
  os.map((s) => [s.phase.name, s.from.toFixed(4), s.to.toFixed(4), (s.minPotential_V * 1000).toFixed(2)]),
);
for (const x of [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.96]) {
  const p = phases.find((p) => p.name === "BCC_A2")!;
  console.log(x, (lithiationPotential(p, x, fLi) * 1000).toFixed(2));
}
