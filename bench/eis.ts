/**
 * eis-fit timings (issue 18): a seven-parameter fit of 60 points with its global stage (target under
 * 1 s), the wild-bootstrap intervals (200 refits), and the DRT of 100 points (target under 200 ms),
 * beside SciPy's Levenberg-Marquardt alone on the same misfit (forward differences and the exact
 * Jacobian, as ours) when python3 with SciPy is present.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { FULL, localFit } from "../src/cell/eis/localFit.js";
import { CircuitProblem } from "../src/cell/eis/problem.js";
import {
  addProportionalNoise,
  Circuit,
  circuitSpectrum,
  distributionOfRelaxationTimes,
  fitCircuit,
  logFrequencies,
} from "../src/cell/index.js";
import { levenbergMarquardt } from "../src/numerics/index.js";

const TRUTH = [54, 4, 2e-6, 0.85, 2, 1e-3, 0.8];
const INITIAL = { R0: 50, R1: 5, CPE1_Q: 1e-6, CPE1_alpha: 0.9, R2: 3, CPE2_Q: 5e-4, CPE2_alpha: 0.9 };
const REPEATS = 9;

/**
 * Median wall and processor time of `run` in ms over REPEATS runs after one warm-up (JIT
 * compilation): on a shared machine the wall time says as much about the neighbours as about us.
 */
function time(run: () => void): { wall: number; cpu: number } {
  run();
  const samples = Array.from({ length: REPEATS }, () => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    run();
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
  });
  const median = (values: number[]) => values.sort((a, b) => a - b)[REPEATS >> 1];
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)) };
}

const verdict = ({ wall, cpu }: { wall: number; cpu: number }, target: number) =>
  `${wall.toFixed(1)} ms (processor ${cpu.toFixed(1)} ms); target < ${target} ms -> ${wall < target ? "met" : "NOT met"}`;
const ms = ({ wall, cpu }: { wall: number; cpu: number }) =>
  `${wall.toFixed(1)} ms (processor ${cpu.toFixed(1)} ms)`;

export function benchEis(): void {
  const circuit = new Circuit("R0-p(R1,CPE1)-p(R2,CPE2)");
  // 60 points, 1 MHz to 1 Hz, 1 % proportional noise: a fit that stops on noise, not on an exact zero.
  const spectrum = circuitSpectrum(
    circuit,
    TRUTH,
    Float64Array.from({ length: 60 }, (_, i) => 1e6 * 10 ** ((-6 * i) / 59)),
  );
  addProportionalNoise(spectrum, 0.01, 1);
  console.log("eis-fit, 60 points, seven parameters R0-p(R1,CPE1)-p(R2,CPE2), 1% noise:");
  const withGuess = time(() => fitCircuit(circuit, spectrum, { initial: INITIAL }));
  const estimated = time(() => fitCircuit(circuit, spectrum));
  const fit = fitCircuit(circuit, spectrum, { initial: INITIAL });
  console.log(`  global stage + local fit, given start: ${verdict(withGuess, 1000)}`);
  console.log(`  global stage + local fit, estimated start: ${verdict(estimated, 1000)}`);
  const problem = new CircuitProblem(circuit, spectrum, "modulus", {});
  const localOnly = time(() => localFit(problem, problem.toInternal(INITIAL), FULL));
  console.log(
    `  Levenberg-Marquardt alone from the given start, forward differences (as the global stage): ${ms(localOnly)} (reduced chi-square of the full fit ${fit.reducedChiSquare.toExponential(3)})`,
  );
  const exact = problem.withExactJacobian();
  let exactFit = localFit(problem, problem.toInternal(INITIAL), FULL);
  const exactOnly = time(() => {
    exactFit = levenbergMarquardt(exact, problem.toInternal(INITIAL), { maxIterations: FULL });
  });
  console.log(
    `  the same with the exact Jacobian (as every bootstrap refit): ${ms(exactOnly)}, reduced chi-square ${(exactFit.sumOfSquares / (2 * 60 - 7)).toExponential(3)}`,
  );
  const withBootstrap = time(() =>
    fitCircuit(circuit, spectrum, { initial: INITIAL, bootstrapSamples: 200 }),
  );
  const bootstrapCpu = withBootstrap.cpu - withGuess.cpu;
  console.log(
    `  with 200 wild-bootstrap refits: ${ms(withBootstrap)}, the bootstrap ${bootstrapCpu.toFixed(1)} ms of processor time of it (${(200 / (bootstrapCpu / 1000)).toFixed(0)} refits per processor second)`,
  );

  const script = fileURLToPath(new URL("./reference/eis_fit.py", import.meta.url));
  const reference = spawnSync("python3", [script], {
    encoding: "utf8",
    input: JSON.stringify({
      frequency_Hz: [...spectrum.frequency_Hz],
      real_ohm: [...spectrum.real_ohm],
      imaginary_ohm: [...spectrum.imaginary_ohm],
      initial: circuit.parameters.map((p) => INITIAL[p.name as keyof typeof INITIAL]),
    }),
  });
  if (reference.status === 0) {
    type Run = { seconds: number; reducedChiSquare: number };
    const runs = JSON.parse(reference.stdout) as { differences: Run; exact: Run };
    for (const [name, run] of [
      ["forward differences", runs.differences],
      ["exact Jacobian", runs.exact],
    ] as const) {
      console.log(
        `  SciPy least_squares (MINPACK LM) alone, same start and misfit, ${name}: ${(run.seconds * 1000).toFixed(1)} ms wall, reduced chi-square ${run.reducedChiSquare.toExponential(3)}`,
      );
    }
  } else {
    console.log("  SciPy reference skipped (python3 with numpy and scipy not found):");
    console.log(`  ${(reference.stderr || String(reference.error)).trim().split("\n").at(-1)}`);
  }

  // The same circuit, 100 points from 1 MHz to 10 mHz: 101 relaxation times over ten decades.
  const drtSpectrum = circuitSpectrum(circuit, TRUTH, logFrequencies(1e6, 1e-2, 99 / 8));
  const given = time(() => distributionOfRelaxationTimes(drtSpectrum, { lambda: 1e-3 }));
  const crossValidated = time(() => distributionOfRelaxationTimes(drtSpectrum, { lambda: "cross-validate" }));
  console.log(`DRT, ${drtSpectrum.frequency_Hz.length} points (Tikhonov-regularised NNLS):`);
  console.log(`  lambda given: ${verdict(given, 200)}`);
  console.log(`  lambda by generalised cross-validation: ${verdict(crossValidated, 200)}`);
}
