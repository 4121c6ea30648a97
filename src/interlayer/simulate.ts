import { inputError } from "../errors.js";
import { FARADAY } from "../units/index.js";
import { COLLECTOR, CurrentPartition, ELECTROLYTE, PARTICLE } from "./partition.js";
import type { BufferLayerProblem, InterfaceName } from "./problem.js";

/** Time histories, one row per recorded step (SI units in the column names). */
export interface BufferLayerHistory {
  time_s: number[];
  appliedCurrent_A_m2: number[];
  particleCurrent_A_m2: number[];
  collectorCurrent_A_m2: number[];
  electrolyteCurrent_A_m2: number[];
  particlePotential_V: number[];
  particleEquilibriumPotential_V: number[];
  bulkEquilibriumPotential_V: number[];
  lithiumPerMetal: number[];
  alloyVolumeFraction: number[];
  pressure_Pa: number[];
  lithiumThicknessCC_m: number[];
  lithiumThicknessSE_m: number[];
  extrudedAlloyThickness_m: number[];
}

export interface BufferLayerOutcome {
  history: BufferLayerHistory;
  /** First time the particle (electron) potential reaches 0 V vs Li, and y then. */
  particlePotentialZeroTime_s: number | null;
  lithiumPerMetalAtZeroPotential: number | null;
  poreFillTime_s: number | null;
  maxPressure_Pa: number;
  separatedInterface: InterfaceName | null;
  separationTime_s: number | null;
  /** Pressure at which the weaker interface opens: its adhesion plus the stack pressure. */
  separationPressure_Pa: number;
  lithiumThicknessCC_m: number;
  lithiumThicknessSE_m: number;
  /** Share of the metal that sits in alloy pushed out of the pores (where it re-precipitates, Fig 11). */
  extrudedMetalFraction: number;
  finalLithiumPerMetal: number;
  /** Largest |sum of sink currents - applied| / |applied| over all steps. */
  chargeBalanceError: number;
  /** Charge put in minus Li found in alloy and plated layers, relative to the charge put in. */
  lithiumBalanceError: number;
  /** Set when a stripping step ran out of Li before its end. */
  exhaustedAt_s: number | null;
  newtonIterations: number;
  steps: number;
}

const MAX_ROWS = 2000;

/**
 * Integrates the buffer layer through its galvanostatic steps with backward Euler (Xie2024 section
 * 2.2.2, eqs 8–13). The state is the Li content y of the metal, the Li thickness on each interface
 * and whether an interface has opened. Pressure is a function of the alloy volume: zero until the
 * alloy fills the pores, then dP = K dV / V (eq 12 integrated: P = K ln(V / V_fill)); once the weaker
 * interface opens the alloy extrudes towards it against the stack pressure alone.
 */
export function simulateBufferLayer(problem: BufferLayerProblem): BufferLayerOutcome {
  const { layer, metal, mechanics } = problem;
  const dt = problem.timeStep_s;
  const vLi = mechanics.lithiumMolarVolume_m3_mol;
  const metalMolarVolume = metal.alloyVolume.molarVolume_m3_mol(0);
  const metalMoles = (metal.volumeFraction * layer.thickness_m) / metalMolarVolume;
  const particleVolume = (Math.PI * metal.particleDiameter_m ** 3) / 6;
  const particlesPerArea = (metal.volumeFraction * layer.thickness_m) / particleVolume;
  const fillVolume = (layer.porosity + metal.volumeFraction) * layer.thickness_m;
  const ionicToParticle = (metal.depthFraction * layer.thickness_m) / layer.ionicConductivity_S_m;
  const ionicToCollector = ((1 - metal.depthFraction) * layer.thickness_m) / layer.ionicConductivity_S_m;
  const weaker: InterfaceName =
    problem.interfaces.cc.adhesion_Pa <= problem.interfaces.se.adhesion_Pa ? "BL/CC" : "BL/SE";
  const separationPressure =
    Math.min(problem.interfaces.cc.adhesion_Pa, problem.interfaces.se.adhesion_Pa) +
    mechanics.stackPressure_Pa;

  const partition = new CurrentPartition({
    type: problem.kinetics.type,
    alpha: problem.kinetics.type === "butler-volmer" ? problem.kinetics.alpha : 0.5,
    temperature_K: problem.kinetics.type === "butler-volmer" ? problem.kinetics.temperature_K : 298.15,
    lithiumMolarVolume_m3_mol: vLi,
  });

  const alloyVolumeAt = (y: number) => metalMoles * metal.alloyVolume.molarVolume_m3_mol(y);
  let y = 0;
  let lithiumCC = 0;
  let lithiumSE = 0;
  let separated = false;
  let pressure = 0;
  let chargeIn = 0;
  let time = 0;

  let zeroTime: number | null = null;
  let yAtZero: number | null = null;
  let fillTime: number | null = null;
  let separationTime: number | null = null;
  let maxPressure = 0;
  let extrudedFraction = 0;
  let chargeBalanceError = 0;
  let exhaustedAt: number | null = null;
  let newtonIterations = 0;
  let previousPotential = Number.NaN;

  const totalSteps = problem.steps.reduce((n, s) => n + Math.ceil(s.duration_s / dt - 1e-9), 0);
  const every = Math.max(1, Math.ceil(totalSteps / MAX_ROWS));
  const history = emptyHistory();
  let stepIndex = 0;

  // The pressure law seen by the Newton iteration, for the step that starts at stepStartY.
  let stepStartY = 0;
  let dtStep = dt;
  const pressureOf = (particleCurrent: number) => {
    if (separated) return { pressure_Pa: mechanics.stackPressure_Pa, derivative: 0 };
    const yEnd = stepStartY + (dtStep * particleCurrent) / (FARADAY * metalMoles || 1);
    const volume = alloyVolumeAt(yEnd);
    if (metalMoles === 0 || volume <= fillVolume) return { pressure_Pa: 0, derivative: 0 };
    const dVolume = (metal.alloyVolume.partialMolarVolume_m3_mol(yEnd) * dtStep) / FARADAY;
    return {
      pressure_Pa: mechanics.bulkModulus_Pa * Math.log(volume / fillVolume),
      derivative: (mechanics.bulkModulus_Pa * dVolume) / volume,
    };
  };

  for (const step of problem.steps) {
    const stepEnd = time + step.duration_s;
    while (time < stepEnd - 1e-9 * dt && exhaustedAt === null) {
      dtStep = Math.min(dt, stepEnd - time);
      stepStartY = y;
      const diameter =
        metal.particleDiameter_m * (metal.alloyVolume.molarVolume_m3_mol(y) / metalMolarVolume) ** (1 / 3);
      const particleArea = particlesPerArea * Math.PI * diameter * diameter;
      const lithiumCapacity = (metalMoles * FARADAY) / dtStep;
      const lower: [number, number, number] = [
        -y * lithiumCapacity,
        (-lithiumCC * FARADAY) / (vLi * dtStep),
        (-lithiumSE * FARADAY) / (vLi * dtStep),
      ];
      const upper: [number, number, number] = [
        metalMoles === 0 ? 0 : (metal.maxY - y) * lithiumCapacity,
        Number.POSITIVE_INFINITY,
        Number.POSITIVE_INFINITY,
      ];
      if (step.current_A_m2 < lower[0] + lower[1] + lower[2]) {
        exhaustedAt = time;
        break;
      }
      const solution = partition.solve({
        appliedCurrent_A_m2: step.current_A_m2,
        equilibriumPotential_V: metalMoles === 0 ? 0 : metal.lithiationPotential_V(y),
        resistances_ohm_m2: [
          particleArea > 0 ? metal.surfaceAsr_ohm_m2 / particleArea : 1,
          problem.interfaces.cc.asr_ohm_m2,
          problem.interfaces.se.asr_ohm_m2,
        ],
        ionicToParticle_ohm_m2: ionicToParticle,
        ionicToCollector_ohm_m2: ionicToCollector,
        pressure: pressureOf,
        previousPressure_Pa: pressure,
        lowerBounds: lower,
        upperBounds: upper,
      });
      newtonIterations += solution.newtonIterations;
      const currents = solution.currents;
      const sum = currents[PARTICLE] + currents[COLLECTOR] + currents[ELECTROLYTE];
      chargeBalanceError = Math.max(
        chargeBalanceError,
        Math.abs(sum - step.current_A_m2) / Math.abs(step.current_A_m2 || 1),
      );

      const previousVolume = alloyVolumeAt(y);
      const previousPressure = pressure;
      y = metalMoles === 0 ? 0 : Math.max(0, y + (dtStep * currents[PARTICLE]) / (FARADAY * metalMoles));
      lithiumCC = Math.max(0, lithiumCC + (dtStep * currents[COLLECTOR] * vLi) / FARADAY);
      lithiumSE = Math.max(0, lithiumSE + (dtStep * currents[ELECTROLYTE] * vLi) / FARADAY);
      chargeIn += dtStep * step.current_A_m2;
      pressure = solution.pressure_Pa;
      const volume = alloyVolumeAt(y);
      const timeBefore = time;
      time += dtStep;
      const within = (before: number, after: number, level: number) =>
        timeBefore + (dtStep * (level - before)) / (after - before || 1);

      // Steps with an event are always recorded, so that decimated histories keep the peaks.
      let event = false;
      if (zeroTime === null && solution.potential_V <= 0) {
        event = true;
        const before = Number.isNaN(previousPotential) ? solution.potential_V : previousPotential;
        zeroTime = before > 0 ? within(before, solution.potential_V, 0) : time;
        yAtZero = y;
      }
      previousPotential = solution.potential_V;
      if (fillTime === null && metalMoles > 0 && volume >= fillVolume) {
        event = true;
        fillTime = within(previousVolume, volume, fillVolume);
      }
      if (!separated && pressure >= separationPressure) {
        event = true;
        separated = true;
        separationTime = within(previousPressure, pressure, separationPressure);
        // The interface opens at the separation pressure; what the step overshot is never reached.
        pressure = separationPressure;
      }
      maxPressure = Math.max(maxPressure, pressure);
      const extruded = separated ? Math.max(0, volume - fillVolume) : 0;
      if (step.current_A_m2 > 0 && volume > 0)
        extrudedFraction = Math.max(extrudedFraction, extruded / volume);

      if (event || stepIndex % every === 0 || time >= stepEnd - 1e-9 * dt) {
        history.time_s.push(time);
        history.appliedCurrent_A_m2.push(step.current_A_m2);
        history.particleCurrent_A_m2.push(currents[PARTICLE]);
        history.collectorCurrent_A_m2.push(currents[COLLECTOR]);
        history.electrolyteCurrent_A_m2.push(currents[ELECTROLYTE]);
        history.particlePotential_V.push(solution.potential_V);
        history.particleEquilibriumPotential_V.push(
          metalMoles === 0 ? Number.NaN : metal.lithiationPotential_V(y),
        );
        history.bulkEquilibriumPotential_V.push(
          metalMoles === 0
            ? Number.NaN
            : metal.lithiationPotential_V(Math.max(0, chargeIn) / (FARADAY * metalMoles)),
        );
        history.lithiumPerMetal.push(y);
        history.alloyVolumeFraction.push(volume / layer.thickness_m);
        history.pressure_Pa.push(pressure);
        history.lithiumThicknessCC_m.push(lithiumCC);
        history.lithiumThicknessSE_m.push(lithiumSE);
        history.extrudedAlloyThickness_m.push(extruded);
      }
      stepIndex++;
    }
  }

  const lithiumFound = y * metalMoles * FARADAY + ((lithiumCC + lithiumSE) * FARADAY) / vLi;
  return {
    history,
    particlePotentialZeroTime_s: zeroTime,
    lithiumPerMetalAtZeroPotential: yAtZero,
    poreFillTime_s: fillTime,
    maxPressure_Pa: maxPressure,
    separatedInterface: separated ? weaker : null,
    separationTime_s: separationTime,
    separationPressure_Pa: separationPressure,
    lithiumThicknessCC_m: lithiumCC,
    lithiumThicknessSE_m: lithiumSE,
    extrudedMetalFraction: extrudedFraction,
    finalLithiumPerMetal: y,
    chargeBalanceError,
    lithiumBalanceError: Math.abs(lithiumFound - chargeIn) / Math.max(Math.abs(chargeIn), 1e-30),
    exhaustedAt_s: exhaustedAt,
    newtonIterations,
    steps: stepIndex,
  };
}

function emptyHistory(): BufferLayerHistory {
  return {
    time_s: [],
    appliedCurrent_A_m2: [],
    particleCurrent_A_m2: [],
    collectorCurrent_A_m2: [],
    electrolyteCurrent_A_m2: [],
    particlePotential_V: [],
    particleEquilibriumPotential_V: [],
    bulkEquilibriumPotential_V: [],
    lithiumPerMetal: [],
    alloyVolumeFraction: [],
    pressure_Pa: [],
    lithiumThicknessCC_m: [],
    lithiumThicknessSE_m: [],
    extrudedAlloyThickness_m: [],
  };
}

/** Checks the problem's physical ranges (the study's schema checks units and signs first). */
export function checkBufferLayerProblem(problem: BufferLayerProblem, path = "params"): void {
  const { layer, metal } = problem;
  if (!(layer.porosity > 0 && layer.porosity < 1)) {
    throw inputError(`${path}.layer.porosity`, `expected a fraction in (0, 1), got ${layer.porosity}`);
  }
  if (metal.volumeFraction > layer.porosity) {
    throw inputError(
      `${path}.metal.volumeFraction`,
      `expected at most the porosity ${layer.porosity}, got ${metal.volumeFraction} (the metal sits in the pores)`,
    );
  }
  if (metal.particleDiameter_m > layer.thickness_m) {
    throw inputError(
      `${path}.metal.particleDiameter`,
      `expected a particle smaller than the layer thickness ${layer.thickness_m} m, got ${metal.particleDiameter_m} m`,
    );
  }
}
