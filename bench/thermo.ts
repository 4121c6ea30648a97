/** lithiation-potential benchmark: a full curve (both paths, 2000 points in y), target < 50 ms. */
import { runScenario } from "../src/studies/index.js";

export function benchThermo(): void {
  const scenario = {
    study: "lithiation-potential",
    params: { system: "Li-Mg", temperature: "300 K", points: 2000 },
  };
  runScenario(scenario);
  const times = Array.from({ length: 7 }, () => {
    const start = performance.now();
    runScenario(scenario);
    return performance.now() - start;
  }).sort((a, b) => a - b);
  console.log("lithiation-potential, Li-Mg at 300 K, both paths, 2000 points in y:");
  console.log(
    `  ${times[3].toFixed(1)} ms (median of 7, including parsing the TDB); target < 50 ms -> ${times[3] < 50 ? "met" : "NOT met"}`,
  );
}
