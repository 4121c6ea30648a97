import { inputError } from "../../errors.js";
import {
  type BufferLayerOutcome,
  type BufferLayerProblem,
  checkBufferLayerProblem,
  simulateBufferLayer,
  vegardAlloyVolume,
} from "../../interlayer/index.js";
import { ALLOYING_METALS, MAGNESIUM } from "../../materials/index.js";
import { PiecewiseLinear } from "../../numerics/index.js";
import { builtInEquilibriumPotential, regularSolutionLithiationPotential } from "../../thermo/index.js";
import type { RunContext, Series, StudyOutput } from "../types.js";
import type { BufferLayerParams } from "./schema.js";

/** The lithiation potential U(y) a metal gets, and how much Li it can take. */
interface PotentialModel {
  potential: (y: number) => number;
  maxY: number;
  description: string;
}

/** Below this y the Li-rich models are evaluated at y = Y_FLOOR (the first seconds of lithiation only). */
const Y_FLOOR = 1e-3;

function tableTwoMaxY(symbol: string): number {
  const entry = ALLOYING_METALS.find((m) => m.symbol === symbol);
  if (!entry) throw inputError("params.metal", `no Table 2 capacity for ${symbol}`);
  return entry.maxLiFraction / (1 - entry.maxLiFraction);
}

function potentialModel(params: BufferLayerParams): PotentialModel {
  const t = params.temperature;
  const choice =
    params.lithiationPotential ??
    (params.metal === "Ag"
      ? { model: "regular-solution" as const, gammaInfinity: 0.00143 }
      : params.metal === "Mg"
        ? { model: "thermo" as const, system: "Li-Mg" }
        : { model: "plateau" as const, potential: 0.1 });
  switch (choice.model) {
    case "regular-solution":
      return {
        potential: (y) => regularSolutionLithiationPotential(Math.max(y, Y_FLOOR), choice.gammaInfinity, t),
        maxY: Number.POSITIVE_INFINITY,
        description: `regular solution, gamma_inf = ${choice.gammaInfinity}`,
      };
    case "plateau": {
      const maxY = tableTwoMaxY(params.metal);
      return {
        potential: () => choice.potential,
        maxY,
        description: `${choice.potential * 1e3} mV up to y = ${Number(maxY.toPrecision(4))} (Table 2)`,
      };
    }
    case "thermo": {
      // Tabulated once on a log grid in y: the CALPHAD path is too slow to evaluate every step.
      const atX = builtInEquilibriumPotential(choice.system, t);
      const logY: number[] = [];
      const values: number[] = [];
      for (let k = 0; k <= 600; k++) {
        const y = Y_FLOOR * 10 ** (k / 100);
        logY.push(Math.log(y));
        values.push(atX(y / (1 + y)));
      }
      const table = new PiecewiseLinear(logY, values);
      return {
        potential: (y) => table.value(Math.log(Math.max(y, Y_FLOOR))),
        maxY: Number.POSITIVE_INFINITY,
        description: `${choice.system} CALPHAD equilibrium path`,
      };
    }
    case "table": {
      const points = [...choice.points].sort((a, b) => a.y - b.y);
      for (let k = 1; k < points.length; k++) {
        if (!(points[k].y > points[k - 1].y)) {
          throw inputError(
            "params.lithiationPotential.points",
            `expected distinct y values, got ${points[k].y} twice`,
          );
        }
      }
      const table = new PiecewiseLinear(
        points.map((p) => p.y),
        points.map((p) => p.potential),
      );
      return {
        potential: (y) => table.value(y),
        maxY: points[points.length - 1].y,
        description: `table of ${points.length} points up to y = ${points[points.length - 1].y}`,
      };
    }
  }
}

export function bufferLayerProblemOf(params: BufferLayerParams): {
  problem: BufferLayerProblem;
  model: PotentialModel;
} {
  const model = potentialModel(params);
  const table = ALLOYING_METALS.find((m) => m.symbol === params.metal);
  const vLi = params.lithiumMolarVolume;
  const alloyVolume = table
    ? vegardAlloyVolume(
        table.molarVolume_m3_mol,
        table.volumeRatio,
        table.maxLiFraction / (1 - table.maxLiFraction),
        vLi,
      )
    : vegardAlloyVolume(MAGNESIUM.molarVolume_m3_mol, 1, 0, vLi);
  const problem: BufferLayerProblem = {
    layer: {
      thickness_m: params.layer.thickness,
      porosity: params.layer.porosity,
      ionicConductivity_S_m: params.layer.ionicConductivity,
    },
    metal: {
      volumeFraction: params.particles.volumeFraction,
      particleDiameter_m: params.particles.diameter,
      depthFraction: params.particles.depth,
      surfaceAsr_ohm_m2: params.particles.surfaceAsr,
      alloyVolume,
      lithiationPotential_V: model.potential,
      maxY: model.maxY,
    },
    interfaces: {
      se: { asr_ohm_m2: params.interfaces.se.asr, adhesion_Pa: params.interfaces.se.adhesion },
      cc: { asr_ohm_m2: params.interfaces.cc.asr, adhesion_Pa: params.interfaces.cc.adhesion },
    },
    kinetics:
      params.kinetics.type === "linear"
        ? { type: "linear" }
        : { type: "butler-volmer", alpha: params.kinetics.alpha, temperature_K: params.temperature },
    mechanics: {
      bulkModulus_Pa: params.bulkModulus,
      lithiumMolarVolume_m3_mol: vLi,
      stackPressure_Pa: params.stackPressure,
    },
    steps: [
      { current_A_m2: params.current, duration_s: params.duration },
      ...(params.delithiation
        ? [{ current_A_m2: -params.delithiation.current, duration_s: params.delithiation.duration }]
        : []),
    ],
    timeStep_s: params.timeStep,
  };
  checkBufferLayerProblem(problem);
  checkEquipotentialElectrons(params);
  return { problem, model };
}

/**
 * The model lets electrons fill the layer at one potential (Xie2024 section 2.2.2). That holds while
 * the electronic resistance of the layer is small against every resistance Li+ meets.
 */
function checkEquipotentialElectrons(params: BufferLayerParams): void {
  const electronic = params.layer.thickness / params.layer.electronicConductivity;
  const smallest = Math.min(
    ...[
      params.layer.thickness / params.layer.ionicConductivity,
      params.interfaces.se.asr,
      params.interfaces.cc.asr,
    ].filter((r) => r > 0),
  );
  if (electronic > 0.01 * smallest) {
    throw inputError(
      "params.layer.electronicConductivity",
      `the layer's electronic resistance H/sigma_e = ${(electronic * 1e4).toPrecision(3)} ohm*cm^2 must stay below 1% of the smallest ionic or interface resistance (${(smallest * 1e4).toPrecision(3)} ohm*cm^2) for the equipotential-electron model; got sigma_e = ${params.layer.electronicConductivity} S/m`,
    );
  }
}

function finalMetalLocation(outcome: BufferLayerOutcome): string {
  if (outcome.separatedInterface && outcome.extrudedMetalFraction > 0.5) return outcome.separatedInterface;
  return "buffer layer";
}

function metricsOf(outcome: BufferLayerOutcome) {
  return {
    particlePotentialZeroTime_s: outcome.particlePotentialZeroTime_s,
    lithiumPerMetalAtZeroPotential: outcome.lithiumPerMetalAtZeroPotential,
    poreFillTime_s: outcome.poreFillTime_s,
    maxPressure_Pa: outcome.maxPressure_Pa,
    separatedInterface: outcome.separatedInterface,
    separationTime_s: outcome.separationTime_s,
    lithiumThicknessCC_m: outcome.lithiumThicknessCC_m,
    lithiumThicknessSE_m: outcome.lithiumThicknessSE_m,
    extrudedMetalFraction: outcome.extrudedMetalFraction,
    finalMetalLocation: finalMetalLocation(outcome),
    finalLithiumPerMetal: outcome.finalLithiumPerMetal,
    chargeBalanceError: outcome.chargeBalanceError,
    lithiumBalanceError: outcome.lithiumBalanceError,
    exhaustedAt_s: outcome.exhaustedAt_s,
  };
}

/** The same scenario for every metal of Table 2 and Mg, each with its default lithiation potential. */
function compareMetals(params: BufferLayerParams) {
  return [...ALLOYING_METALS.map((m) => m.symbol), "Mg"].map((metal) => {
    const { problem, model } = bufferLayerProblemOf({
      ...params,
      metal: metal as BufferLayerParams["metal"],
      lithiationPotential: undefined,
    });
    const outcome = simulateBufferLayer(problem);
    const table = ALLOYING_METALS.find((m) => m.symbol === metal);
    return {
      metal,
      volumeRatio: table?.volumeRatio ?? null,
      maxLithiumPerMetal: Number.isFinite(model.maxY) ? model.maxY : null,
      lithiationPotential: model.description,
      fillsPores: outcome.poreFillTime_s !== null,
      poreFillTime_s: outcome.poreFillTime_s,
      extrudes: outcome.separatedInterface !== null,
      extrudedMetalFraction: outcome.extrudedMetalFraction,
      particlePotentialZeroTime_s: outcome.particlePotentialZeroTime_s,
    };
  });
}

export function runBufferLayer(params: BufferLayerParams, context: RunContext): StudyOutput {
  const { problem, model } = bufferLayerProblemOf(params);
  const outcome = simulateBufferLayer(problem);
  context.onProgress?.(params.compareMetals ? 0.1 : 1);
  const h = outcome.history;
  const fraction = (column: number[]) => column.map((v, k) => v / h.appliedCurrent_A_m2[k]);
  const history: Series = {
    ...h,
    particleFraction: fraction(h.particleCurrent_A_m2),
    collectorFraction: fraction(h.collectorCurrent_A_m2),
    electrolyteFraction: fraction(h.electrolyteCurrent_A_m2),
    fillLevel: h.time_s.map(() => params.layer.porosity + params.particles.volumeFraction),
    separationPressureCC_Pa: h.time_s.map(() => params.interfaces.cc.adhesion + params.stackPressure),
    separationPressureSE_Pa: h.time_s.map(() => params.interfaces.se.adhesion + params.stackPressure),
  };
  const comparison = params.compareMetals ? compareMetals(params) : undefined;
  context.onProgress?.(1);
  return {
    metrics: {
      ...metricsOf(outcome),
      separationPressure_Pa: outcome.separationPressure_Pa,
      lithiationPotentialModel: model.description,
      ...(comparison
        ? {
            metalComparison: comparison,
            metalsThatExtrude: comparison.filter((c) => c.extrudes).map((c) => c.metal),
          }
        : {}),
    },
    series: { history },
    diagnostics: {
      iterations: outcome.newtonIterations,
      residual: outcome.chargeBalanceError,
      steps: outcome.steps,
    },
  };
}
