import {
  addProportionalNoise,
  Circuit,
  chiSquarePerPoint,
  circuitSpectrum,
  distributionOfRelaxationTimes,
  fitCircuit,
  type ImpedanceSpectrum,
  linKK,
  logFrequencies,
} from "../../cell/index.js";
import { inputError } from "../../errors.js";
import { unitsLibrary } from "../../units/index.js";
import type { RunContext, StudyOutput } from "../types.js";
import { readSpectrumFile } from "./data.js";
import type { EisFitParams } from "./schema.js";

const FIT_CURVE_POINTS_PER_DECADE = 20;

/** A circuit parameter given as a number (SI) or a quantity string, in SI. */
function siValue(value: number | string, path: string): number {
  if (typeof value === "number") return value;
  if (Number.isFinite(Number(value))) return Number(value);
  try {
    return unitsLibrary()
      .unit(value.replace(/\bOhm\b/g, "ohm"))
      .toSI()
      .toNumber();
  } catch {
    throw inputError(path, `expected a number or a quantity such as "2 uF", got ${JSON.stringify(value)}`);
  }
}

function siRecord(record: Record<string, number | string>, path: string): Record<string, number> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, siValue(v, `${path}.${k}`)]));
}

function synthesize(
  circuit: Circuit,
  s: Extract<EisFitParams["data"], { synthetic: unknown }>["synthetic"],
): ImpedanceSpectrum {
  const values = siRecord(s.parameters, "params.data.synthetic.parameters");
  const missing = circuit.parameters.filter((p) => values[p.name] === undefined).map((p) => p.name);
  if (missing.length)
    throw inputError("params.data.synthetic.parameters", `missing ${missing.join(", ")} for ${circuit.text}`);
  const spectrum = circuitSpectrum(
    circuit,
    circuit.parameters.map((p) => values[p.name]),
    logFrequencies(s.from, s.to, s.pointsPerDecade),
  );
  const { frequency_Hz: frequency, real_ohm: real } = spectrum;
  addProportionalNoise(spectrum, s.noise, s.seed);
  // A sweep from high to low frequency spends ~one period per point: elapsed time ~ sum of 1/f.
  let elapsed = 0;
  const total = frequency.reduce((sum, f) => sum + 1 / f, 0);
  for (let i = 0; i < frequency.length; i++) {
    elapsed += 1 / frequency[i];
    real[i] += (s.resistanceDrift * elapsed) / total;
  }
  return spectrum;
}

export function runEisFit(params: EisFitParams, context: RunContext): StudyOutput {
  const circuit = new Circuit(params.circuit);
  const data = params.data;
  const read =
    "synthetic" in data ? { spectrum: synthesize(circuit, data.synthetic) } : readSpectrumFile(data, context);
  const spectrum = read.spectrum;
  const bounds = Object.fromEntries(
    Object.entries(params.bounds).map(([k, [lo, hi]]) => [
      k,
      [siValue(lo, `params.bounds.${k}`), siValue(hi, `params.bounds.${k}`)] as [number, number],
    ]),
  );
  const fit = fitCircuit(circuit, spectrum, {
    initial: siRecord(params.initial, "params.initial"),
    bounds,
    weighting: params.weighting,
    seed: params.seed,
    confidenceLevel: params.confidenceLevel,
    bootstrapSamples: params.bootstrapSamples,
  });
  const kk = linKK(spectrum, {
    threshold: params.kkThreshold,
    fit: params.kkFit,
    muCutoff: params.kkMuCutoff,
    maxElements: params.kkMaxElements,
  });
  const drt =
    params.drt &&
    distributionOfRelaxationTimes(spectrum, {
      lambda: params.drt.lambda,
      tauPoints: params.drt.tauPoints,
      shortestTau_s: params.drt.shortestTau,
      longestTau_s: params.drt.longestTau,
      inductance: params.drt.inductance,
      derivative: params.drt.derivative,
    });
  const measured = spectrum.frequency_Hz;
  // The fitted circuit on its own grid, so its curve is smooth and independent of the data's noise.
  const curve = circuitSpectrum(
    circuit,
    fit.parameters.map((p) => p.value),
    logFrequencies(Math.max(...measured), Math.min(...measured), FIT_CURVE_POINTS_PER_DECADE),
  );
  context.onProgress?.(1);
  return {
    metrics: {
      parameters: Object.fromEntries(
        fit.parameters.map((p) => [
          p.name,
          {
            value: p.value,
            standardError: p.standardError,
            relativeStandardError: p.relativeStandardError,
            identified: p.identified,
            unit: p.unit,
            linearisedInterval: p.linearisedInterval,
            ...(p.bootstrapInterval ? { bootstrapInterval: p.bootstrapInterval } : {}),
          },
        ]),
      ),
      confidenceIntervals: {
        level: fit.confidence.level,
        linearised: "value ± t(2N − p) × standard error",
        ...(fit.confidence.bootstrapSamples > 0
          ? {
              bootstrap: `wild bootstrap (Rademacher signs on leverage-corrected residuals), ${fit.confidence.bootstrapSamples} refits, percentile interval, seed ${fit.global.seed}`,
              bootstrapUnconvergedRefits: fit.confidence.bootstrapUnconverged,
            }
          : {}),
      },
      ...("layout" in read ? { dataLayout: read.layout } : {}),
      reducedChiSquare: fit.reducedChiSquare,
      // Against the noise Lin-KK sees: ~1 when the circuit misses the data by no more than the noise.
      chiSquarePerPoint: chiSquarePerPoint(spectrum, fit.model, kk.noiseLevel),
      converged: fit.converged,
      trustworthy: fit.trustworthy,
      unidentified: fit.unidentified,
      ...(fit.localDiffers
        ? { localMinimum: { parameters: fit.local.values, reducedChiSquare: fit.local.reducedChiSquare } }
        : {}),
      globalStage: { seed: fit.global.seed, starts: fit.global.starts, reachedBest: fit.global.hits },
      kramersKronig: {
        valid: kk.valid,
        maxResidual: kk.maxResidual,
        noiseLevel: kk.noiseLevel,
        elements: kk.elements,
        mu: kk.mu,
        fit: params.kkFit,
      },
      ...(drt
        ? {
            drt: {
              lambda: drt.lambda,
              lambdaChosenBy: drt.lambdaChosenBy,
              resistanceInfinity_ohm: drt.resistanceInfinity_ohm,
              polarisation_ohm: drt.polarisation_ohm,
              inductance_H: drt.inductance_H,
              residualRms_ohm: drt.residualRms_ohm,
              converged: drt.converged,
            },
          }
        : {}),
    },
    series: {
      spectrum: {
        frequency_Hz: [...spectrum.frequency_Hz],
        real_ohm: [...spectrum.real_ohm],
        imaginary_ohm: [...spectrum.imaginary_ohm],
        modelReal_ohm: [...fit.model.real_ohm],
        modelImaginary_ohm: [...fit.model.imaginary_ohm],
        kkResidualReal: [...kk.residualReal],
        kkResidualImaginary: [...kk.residualImaginary],
      },
      fit: {
        frequency_Hz: [...curve.frequency_Hz],
        real_ohm: [...curve.real_ohm],
        imaginary_ohm: [...curve.imaginary_ohm],
      },
      ...(drt ? { drt: { tau_s: [...drt.tau_s], gamma_ohm: [...drt.gamma_ohm] } } : {}),
    },
    // What the reader had to assume: a guessed unit or Im(Z) sign, several sweeps in one file.
    warnings: "warnings" in read ? read.warnings : [],
    diagnostics: {
      iterations: fit.iterations,
      residual: fit.reducedChiSquare,
      globalStageEvaluations: fit.global.evaluations,
    },
  };
}
