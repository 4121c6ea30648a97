/**
 * `npm run bench`: throughput of the alloy-film study on the full Wang2024 Fig. 4c map
 * (5 diffusivities x 4 currents = 20 runs at the default, converged resolution), side by side with
 * the same scheme in NumPy/SciPy when python3 with both is on the machine.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type AlloyFilmProblem, utilizationMap } from "../src/alloyfilm/index.js";
import { benchBufferLayer } from "./bufferLayer.js";
import { benchCell } from "./cell.js";
import { benchClusterExpansion } from "./clusterExpansion.js";
import { benchEis } from "./eis.js";
import { benchGrainSelection } from "./grainSelection.js";
import { benchInterface2D } from "./interface2d.js";
import { benchCriticalCurrent, benchInterface3D } from "./interface3d.js";
import { benchSweep } from "./sweep.js";
import { benchThermo } from "./thermo.js";
import { benchWeb } from "./web.js";

const CELLS = 200;
const TIME_STEPS = 400;
const REPEATS = 7;
const diffusivities = [1e-16, 1e-15, 6e-15, 1e-14, 1e-13]; // 1e-12 ... 1e-9 cm^2/s
const currents = [1, 5, 10, 20]; // 0.1 ... 2 mA/cm^2
const base: AlloyFilmProblem = {
  thickness_m: 5e-6,
  maxConcentration_mol_m3: 69.6e3,
  initialConcentration_mol_m3: 0,
  diffusivity: 6e-15,
  currentDensity_A_m2: 10,
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function timeMap() {
  const start = performance.now();
  const map = utilizationMap(base, diffusivities, currents, { cells: CELLS, timeSteps: TIME_STEPS });
  return { seconds: (performance.now() - start) / 1000, map };
}

function benchAlloyFilm(): void {
  timeMap(); // warm-up: JIT compilation
  const runs = Array.from({ length: REPEATS }, timeMap);
  const ours = median(runs.map((r) => r.seconds));
  console.log(`alloy-film Fig. 4c map (20 runs, ${CELLS} cells, ${TIME_STEPS} steps per run-time):`);
  console.log(
    `  anodefree: ${(ours * 1000).toFixed(1)} ms per map (median of ${REPEATS}), ${(20 / ours).toFixed(0)} runs/s`,
  );
  console.log(`  target: under 1 s per map -> ${ours < 1 ? "met" : "NOT met"}`);

  const script = fileURLToPath(new URL("./reference/alloy_film_map.py", import.meta.url));
  const reference = spawnSync("python3", [script, String(CELLS), String(TIME_STEPS)], { encoding: "utf8" });
  if (reference.status === 0) {
    const { seconds, utilization } = JSON.parse(reference.stdout) as {
      seconds: number;
      utilization: number[];
    };
    const ourUtilization = runs[0].map.utilization;
    const worst = Math.max(...utilization.map((u, k) => Math.abs(u - ourUtilization[k])));
    console.log(`  NumPy/SciPy reference (same scheme): ${(seconds * 1000).toFixed(1)} ms per map`);
    console.log(`  speed ratio reference / anodefree: ${(seconds / ours).toFixed(1)}x`);
    console.log(`  largest utilization difference: ${worst.toExponential(2)}`);
  } else {
    console.log("  NumPy/SciPy reference skipped (python3 with numpy and scipy not found):");
    console.log(`  ${(reference.stderr || String(reference.error)).trim().split("\n").at(-1)}`);
  }
}

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
  ["cell", benchCell],
  ["eis", benchEis],
  ["grain-selection", benchGrainSelection],
  ["sweep", benchSweep],
  ["web", benchWeb],
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
