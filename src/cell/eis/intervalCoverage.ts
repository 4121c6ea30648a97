import { wildBootstrap } from "./bootstrap.js";
import { Circuit } from "./circuit.js";
import { fitCircuit, fittedParameters, type Weighting } from "./fit.js";
import { FULL, localFit } from "./localFit.js";
import { CircuitProblem } from "./problem.js";
import { addProportionalNoise, circuitSpectrum, logFrequencies } from "./spectrum.js";

export interface CoverageStudy {
  circuit: string;
  /** Generating parameter values, circuit order. */
  truth: number[];
  weighting: Weighting;
  /** Relative Gaussian noise on Re and Im (times |Z|). */
  noise: number;
  spectra: number;
  /** Sweep from `from_Hz` down to `to_Hz` (default 100 kHz to 10 mHz) at `perDecade` (default 8). */
  from_Hz?: number;
  to_Hz?: number;
  perDecade?: number;
  bootstrapSamples: number;
  level: number;
}

/** Share of spectra whose interval holds the generating value, per parameter (circuit order). */
export interface Coverage {
  linearised: number[];
  bootstrap: number[];
}

/**
 * Empirical coverage of the linearised and the wild-bootstrap intervals over `spectra` noisy
 * spectra of a known circuit, seeds 1, 2, ...
 * Each spectrum is fitted by Levenberg-Marquardt from the generating values: at 1 % noise that
 * reaches the minimum the global stage would, at a fraction of its cost (the global stage has its
 * own tests); the intervals are what is measured here.
 */
export function intervalCoverage(study: CoverageStudy): Coverage {
  const circuit = new Circuit(study.circuit);
  const p = study.truth.length;
  const linearised = new Array<number>(p).fill(0);
  const bootstrap = new Array<number>(p).fill(0);
  for (let seed = 1; seed <= study.spectra; seed++) {
    const spectrum = circuitSpectrum(
      circuit,
      study.truth,
      logFrequencies(study.from_Hz ?? 1e5, study.to_Hz ?? 1e-2, study.perDecade ?? 8),
    );
    addProportionalNoise(spectrum, study.noise, seed);
    const problem = new CircuitProblem(circuit, spectrum, study.weighting, {});
    const fit = localFit(
      problem,
      problem.toInternal(Object.fromEntries(circuit.parameters.map((q, k) => [q.name, study.truth[k]]))),
      FULL,
    );
    const intervals = wildBootstrap(problem, fit, {
      samples: study.bootstrapSamples,
      seed,
      level: study.level,
    }).intervals;
    const parameters = fittedParameters(problem, fit, problem.residualCount - p, study.level, intervals);
    const holds = ([low, high]: [number, number], value: number) => low <= value && value <= high;
    parameters.forEach((q, k) => {
      if (holds(q.linearisedInterval, study.truth[k])) linearised[k]++;
      if (q.bootstrapInterval && holds(q.bootstrapInterval, study.truth[k])) bootstrap[k]++;
    });
  }
  return {
    linearised: linearised.map((c) => c / study.spectra),
    bootstrap: bootstrap.map((c) => c / study.spectra),
  };
}

export interface StandardErrorStudy {
  circuit: string;
  /** Generating parameter values, circuit order. */
  truth: number[];
  /** Starting values handed to the fit, by parameter name. */
  initial: Record<string, number>;
  /** Relative Gaussian noise on Re and Im (times |Z|). */
  noise: number;
  spectra: number;
  /** Half-width of the checked interval, in standard errors. */
  within: number;
}

/**
 * Share of noisy spectra (seeds 1, 2, ...) in which each parameter of a complete fit, global stage
 * included, lies within `within` linearised standard errors of its generating value.
 */
export function standardErrorCoverage(study: StandardErrorStudy): number[] {
  const circuit = new Circuit(study.circuit);
  const inside = new Array<number>(study.truth.length).fill(0);
  for (let seed = 1; seed <= study.spectra; seed++) {
    const spectrum = circuitSpectrum(circuit, study.truth, logFrequencies(1e5, 1e-2, 8));
    addProportionalNoise(spectrum, study.noise, seed);
    const fit = fitCircuit(circuit, spectrum, { initial: study.initial });
    fit.parameters.forEach((q, k) => {
      if (Math.abs(q.value - study.truth[k]) <= study.within * q.standardError) inside[k]++;
    });
  }
  return inside.map((count) => count / study.spectra);
}
