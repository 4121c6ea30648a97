import { type ButlerVolmer, lawOf } from "../../kinetics/index.js";

/**
 * A simple Li|SE|collector half-cell, for tests and examples with known answers. Plating voltage
 * -(i ASR + eta_BV) with symmetric Butler-Volmer eta_BV = (2RT/F) asinh(i / (2 i0)); stripping
 * +(i ASR + eta_BV) until the recoverable Li runs out, when a depletion term k ln(1 + e Q/(Q - q))
 * drives the voltage to the cut-off; a nucleation dip -eta_n exp(-t/tau_n) when plating starts on a
 * Li-free collector; each plated coulomb leaves (1 - CE) behind as dead Li/SEI; optionally a short
 * circuit that collapses the voltage to a small fraction from a given time on.
 */
export interface HalfCellModel {
  area_m2: number;
  resistance_ohm_m2: number;
  exchangeCurrentDensity_A_m2: number;
  temperature_K: number;
  nucleationOverpotential_V: number;
  nucleationTime_s: number;
  coulombicEfficiency: number;
  shortAt_s: number | null;
  /** Voltage fraction left after a short. */
  shortFactor: number;
  /** Li on the working electrode at the start (C/m^2): 0 for a bare collector, Infinity for Li|SE|Li. */
  initialLithium_C_m2: number;
  /** Plating-current density at and above which a dendrite shorts the cell mid-step (CCD ramps). */
  failureCurrent_A_m2: number | null;
  sampleInterval_s: number;
}

/** One galvanostatic step: plate or strip at a current density, up to a capacity and/or a cut-off. */
export interface ProtocolStep {
  kind: "plate" | "strip";
  currentDensity_A_m2: number;
  /** Areal capacity limit (C/m^2); Infinity means "until the cut-off voltage". */
  capacity_C_m2: number;
  cutoff_V: number;
}

export interface Row {
  time_s: number;
  current_A: number;
  voltage_V: number;
}

// Depletion k ln(1 + e Q/(Q - q)): negligible on the plateau, divergent as the Li runs out.
// (k, e) keep the end of a strip resolvable in double precision: Q - q = e Q exp(-(V_c - V_p)/k) ~ 1e-12 Q.
const DEPLETION_SLOPE_V = 0.01;
const DEPLETION_ONSET = 1e-4;

export function* synthesizeHalfCell(model: HalfCellModel, protocol: ProtocolStep[]): Generator<Row> {
  let time = 0;
  let recoverable_C_m2 = model.initialLithium_C_m2;
  for (const step of protocol) {
    const i = step.currentDensity_A_m2;
    const kinetic = symmetricButlerVolmerOverpotential(model, i);
    const plateau = i * model.resistance_ohm_m2 + kinetic;
    const current = (step.kind === "plate" ? -1 : 1) * i * model.area_m2;
    const nucleating = step.kind === "plate" && recoverable_C_m2 <= 1e-9 * step.capacity_C_m2;
    const available = recoverable_C_m2;
    // Stripping ends where the depletion term reaches the cut-off: Q - q = e Q / (exp((V_c - V_p)/k) - 1).
    let duration = step.capacity_C_m2 / i;
    if (step.kind === "strip" && Number.isFinite(available)) {
      const toCutoff =
        available - (DEPLETION_ONSET * available) / Math.expm1((step.cutoff_V - plateau) / DEPLETION_SLOPE_V);
      duration = Math.min(duration, toCutoff / i);
    }
    const shortsMidStep =
      step.kind === "plate" &&
      model.failureCurrent_A_m2 !== null &&
      i >= model.failureCurrent_A_m2 * (1 - 1e-12);
    const samples = Math.max(1, Math.ceil(duration / model.sampleInterval_s));
    for (let k = 0; k <= samples; k++) {
      const t = k === samples ? duration : k * model.sampleInterval_s;
      const q = i * t;
      let magnitude = plateau;
      if (step.kind === "strip" && available > 0 && Number.isFinite(available))
        magnitude +=
          DEPLETION_SLOPE_V * Math.log1p((DEPLETION_ONSET * available) / Math.max(available - q, 1e-300));
      if (nucleating) magnitude += model.nucleationOverpotential_V * Math.exp(-t / model.nucleationTime_s);
      const shorted =
        (model.shortAt_s !== null && time + t >= model.shortAt_s) || (shortsMidStep && t >= 0.5 * duration);
      if (shorted) magnitude *= model.shortFactor;
      if (step.kind === "strip") magnitude = Math.min(magnitude, step.cutoff_V); // the cycler stops there
      const voltage = (step.kind === "plate" ? -1 : 1) * magnitude;
      yield { time_s: time + t, current_A: current, voltage_V: voltage };
    }
    const passed = i * duration;
    recoverable_C_m2 =
      step.kind === "plate"
        ? recoverable_C_m2 + passed * model.coulombicEfficiency
        : Math.max(0, recoverable_C_m2 - passed);
    time += duration;
  }
}

/** Areal capacity in C/m^2 from mAh/cm^2 (1 mAh/cm^2 = 3.6 C per 1e-4 m^2 = 36 000 C/m^2). */
export function mAhPerCm2(value: number): number {
  return value * 36_000;
}

/** Fixed-capacity plating/stripping with an anodic cut-off (Wang2024 Fig. 2: 1 mA/cm^2, 1 mAh/cm^2, 0.2 V). */
export function fixedCapacityProtocol(
  currentDensity_A_m2: number,
  capacity_C_m2: number,
  cycles: number,
  cutoff_V: number,
): ProtocolStep[] {
  return Array.from({ length: cycles }, () => [
    { kind: "plate", currentDensity_A_m2, capacity_C_m2, cutoff_V },
    { kind: "strip", currentDensity_A_m2, capacity_C_m2, cutoff_V },
  ]).flat() as ProtocolStep[];
}

/**
 * Reservoir CE protocol (Wang2024 section 2): formation plate + strip to the cut-off, plate a
 * reservoir, `cycles` x (strip, plate) of the cycling capacity, final strip to the cut-off.
 */
export function reservoirProtocol(
  currentDensity_A_m2: number,
  formation_C_m2: number,
  reservoir_C_m2: number,
  cycling_C_m2: number,
  cycles: number,
  cutoff_V: number,
): ProtocolStep[] {
  const step = (kind: "plate" | "strip", capacity_C_m2: number): ProtocolStep => ({
    kind,
    currentDensity_A_m2,
    capacity_C_m2,
    cutoff_V,
  });
  return [
    step("plate", formation_C_m2),
    step("strip", Number.POSITIVE_INFINITY),
    step("plate", reservoir_C_m2),
    ...Array.from({ length: cycles }, () => [
      step("strip", cycling_C_m2),
      step("plate", cycling_C_m2),
    ]).flat(),
    step("strip", Number.POSITIVE_INFINITY),
  ];
}

/**
 * Critical-current ramp (Zhang2024 Methods): plate at 0.5, 1.0, 1.5 ... mA/cm^2 and strip at
 * 0.2 mA/cm^2, 0.2 mAh/cm^2 per half cycle.
 */
export function ccdRampProtocol(
  startCurrent_A_m2: number,
  currentStep_A_m2: number,
  stripCurrent_A_m2: number,
  capacity_C_m2: number,
  cycles: number,
): ProtocolStep[] {
  return Array.from({ length: cycles }, (_, k) => [
    {
      kind: "plate",
      currentDensity_A_m2: startCurrent_A_m2 + k * currentStep_A_m2,
      capacity_C_m2,
      cutoff_V: Number.POSITIVE_INFINITY,
    },
    {
      kind: "strip",
      currentDensity_A_m2: stripCurrent_A_m2,
      capacity_C_m2,
      cutoff_V: Number.POSITIVE_INFINITY,
    },
  ]).flat() as ProtocolStep[];
}

/** eta_BV = (2RT/F) asinh(i / (2 i0)): the kinetics layer's symmetric Butler-Volmer, inverted. */
function symmetricButlerVolmerOverpotential(model: HalfCellModel, current_A_m2: number): number {
  const law: ButlerVolmer = {
    type: "butler-volmer",
    exchangeCurrentDensity: model.exchangeCurrentDensity_A_m2,
    alphaAnodic: 0.5,
    alphaCathodic: 0.5,
    temperature: model.temperature_K,
    pressure: 0,
    molarVolume: 13e-6,
  };
  return lawOf(law).overpotential(current_A_m2, law);
}
