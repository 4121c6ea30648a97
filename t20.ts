import { readFileSync } from "node:fs";
import { Database } from "./src/thermo/tdb/database.ts";

const t0 = performance.now();
const db = Database.parse(readFileSync("../shared/data/tdb/COST507.tdb", "utf8"));
console.log(
  (performance.now() - t0).toFixed(0),
  "ms",
  db.elements.size,
  db.functions.size,
  db.phases.size,
  db.parameters.length,
);
console.log(
  "GHSERLI(300)",
  db.functionValue("GHSERLI", 300),
  "GHSERMG(300)",
  db.functionValue("GHSERMG", 300),
);
console.log(
  db.phases.get("BCC_A2"),
  db.parameters
    .filter((p) => p.phase === "BCC_A2" && p.constituents.flat().every((c) => ["LI", "MG", "VA"].includes(c)))
    .map((p) => [
      p.kind,
      p.constituents.map((c) => c.join(",")).join(":"),
      p.order,
      db.parameterValue(p, 300),
    ]),
);
