/** `npm run bench`: every benchmark, or the ones named on the command line. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { benchAlloyFilm } from "./alloyFilm.js";
import { benchBufferLayer } from "./bufferLayer.js";
import { benchCell } from "./cell.js";
import { benchClusterExpansion } from "./clusterExpansion.js";
import { benchCreep } from "./creep.js";
import { benchEis } from "./eis.js";
import { benchGrainSelection } from "./grainSelection.js";
import { benchInterface2D } from "./interface2d.js";
import { benchCriticalCurrent, benchInterface3D } from "./interface3d.js";
import { benchKinetics } from "./kinetics.js";
import { benchReproduceJobs } from "./reproduceJobs.js";
import { benchStartup } from "./startup.js";
import { benchSweep } from "./sweep.js";
import { benchThermo } from "./thermo.js";
import { benchWeb } from "./web.js";

// What a new user waits for: npm start and npm test on a fresh clone (a few minutes).
function benchFreshClone(): void {
  console.log("npm start and npm test on a fresh clone:");
  spawnSync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./freshClone.ts", import.meta.url))],
    {
      stdio: "inherit",
    },
  );
}

/** `npm run bench -- cell thermo` runs only the benches named; no names runs them all. */
const BENCHES: [string, () => void | Promise<void>][] = [
  ["alloy-film", benchAlloyFilm],
  ["thermo", benchThermo],
  ["cluster-expansion", benchClusterExpansion],
  ["buffer-layer", benchBufferLayer],
  ["interface-2d", benchInterface2D],
  ["interface-3d", benchInterface3D],
  ["critical-current", benchCriticalCurrent],
  ["creep", benchCreep],
  ["kinetics", benchKinetics],
  ["cell", benchCell],
  ["eis", benchEis],
  ["grain-selection", benchGrainSelection],
  ["startup", benchStartup],
  ["sweep", benchSweep],
  ["web", benchWeb],
  ["reproduce-jobs", benchReproduceJobs],
  ["fresh-clone", benchFreshClone],
];
const only = process.argv.slice(2);
const unknown = only.filter((name) => !BENCHES.some(([known]) => known === name));
if (unknown.length > 0) {
  console.error(
    `unknown bench ${unknown.join(", ")}; the benches are ${BENCHES.map(([name]) => name).join(", ")}`,
  );
  process.exit(2);
}
for (const [k, [, bench]] of BENCHES.filter(([name]) => only.length === 0 || only.includes(name)).entries()) {
  if (k > 0) console.log();
  await bench();
}
