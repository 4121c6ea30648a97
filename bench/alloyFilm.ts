/**
 * Throughput of the alloy-film study on the full Wang2024 Fig. 4c map (5 diffusivities x 4 currents
 * = 20 runs at the default, converged resolution), side by side with the same scheme in NumPy/SciPy
 * when python3 with both is on the machine. Both sides are timed the same way: the first map in the
 * process (cold) and the median of REPEATS maps after it (warm).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type AlloyFilmProblem, utilizationMap } from "../src/alloyfilm/index.js";

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
const ms = (seconds: number) => `${(seconds * 1000).toFixed(1)} ms`;

function timeMap() {
  const start = performance.now();
  const map = utilizationMap(base, diffusivities, currents, { cells: CELLS, timeSteps: TIME_STEPS });
  return { seconds: (performance.now() - start) / 1000, map };
}

export function benchAlloyFilm(): void {
  const cold = timeMap();
  const warm = median(Array.from({ length: REPEATS }, () => timeMap().seconds));
  console.log(`alloy-film Fig. 4c map (20 runs, ${CELLS} cells, ${TIME_STEPS} steps per run-time):`);
  console.log(`  anodefree cold: ${ms(cold.seconds)}  (first map in this process, JIT compilation included)`);
  console.log(`  anodefree warm: ${ms(warm)}  (median of ${REPEATS} maps after the first)`);
  console.log(`  target: warm map under 1 s -> ${warm < 1 ? "met" : "NOT met"}`);

  const script = fileURLToPath(new URL("./reference/alloy_film_map.py", import.meta.url));
  const reference = spawnSync("python3", [script, String(CELLS), String(TIME_STEPS), String(REPEATS)], {
    encoding: "utf8",
  });
  if (reference.status !== 0) {
    console.log("  NumPy/SciPy reference skipped (python3 with numpy and scipy not found):");
    console.log(`  ${(reference.stderr || String(reference.error)).trim().split("\n").at(-1)}`);
    return;
  }
  const numpy = JSON.parse(reference.stdout) as {
    coldSeconds: number;
    warmSeconds: number;
    utilization: number[];
  };
  const worst = Math.max(...numpy.utilization.map((u, k) => Math.abs(u - cold.map.utilization[k])));
  console.log(`  NumPy cold:     ${ms(numpy.coldSeconds)}  (first map after importing NumPy/SciPy)`);
  console.log(`  NumPy warm:     ${ms(numpy.warmSeconds)}  (median of ${REPEATS} maps after the first)`);
  console.log(
    `  warm vs warm: NumPy / anodefree = ${(numpy.warmSeconds / warm).toFixed(1)}x  (same scheme, same map)`,
  );
  console.log(
    `  cold vs cold: NumPy / anodefree = ${(numpy.coldSeconds / cold.seconds).toFixed(1)}x  (one map, fresh process each)`,
  );
  console.log(
    `  largest utilization difference: ${worst.toExponential(2)}  (same answers: the scheme is the same)`,
  );
}
