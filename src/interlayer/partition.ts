import { NumericalError } from "../errors.js";
import { inverseThermalVoltage, type Kinetics, lawOf } from "../kinetics/index.js";
import { solveDenseInPlace } from "../numerics/index.js";
import { FARADAY } from "../units/index.js";

/** The three sinks of Li in the layer, in the order of the unknowns. */
export const PARTICLE = 0;
export const COLLECTOR = 1;
export const ELECTROLYTE = 2;
const POTENTIAL = 3;
const UNKNOWNS = 4;

/**
 * One implicit time step of the lumped circuit of Xie2024 section 2.2.2. Li+ enters the layer from
 * the SE; electrons fill the whole MIEC at one potential E (sigma_e >> sigma_Li, the paper's
 * equipotential argument). E is measured against Li/Li+ at the BL/SE plane, so it is also the
 * potential of the particle that Fig 6b plots. Li+ reaches the particle plane through
 * r1 = depth / sigma and the collector through a further r2; all Li+ bound for the collector passes
 * the particle plane. Cathodic overpotentials of the three sinks (Xie2024 eq 9):
 *   particle  eta_P = U(y) - V_Li P / F + phi_P - E,   phi_P = -r1 (i_P + i_C)
 *   BL/CC     eta_C = phi_C - E,                       phi_C = phi_P - r2 i_C
 *   BL/SE     eta_S = -E
 * each converted to a current by linear (i = eta / ASR) or symmetric Butler–Volmer kinetics with the
 * exchange current density that has the same ASR at equilibrium (Xie2024 eq 8, including its stress
 * prefactor on the particle). The pressure P depends on the particle current through the alloy
 * volume at the end of the step (implicit, so the stiff eq 12 is stable at any step). With the
 * applied current as fourth equation this is solved by Newton; each sink's current is kept inside
 * bounds (no stripping of Li that is not there, no lithiation beyond the metal's capacity) by an
 * active set.
 */
export interface StepInputs {
  appliedCurrent_A_m2: number;
  /** Equilibrium potential of the particle at the start of the step. */
  equilibriumPotential_V: number;
  /** Charge-transfer resistances per projected area of particle, collector and electrolyte sinks. */
  resistances_ohm_m2: readonly [number, number, number];
  /** Ionic resistances SE -> particle plane and particle plane -> collector. */
  ionicToParticle_ohm_m2: number;
  ionicToCollector_ohm_m2: number;
  /** Pressure at the end of the step and its derivative, given the particle current. */
  pressure: (particleCurrent_A_m2: number) => { pressure_Pa: number; derivative: number };
  /** Pressure at the start of the step, for the stress prefactor of eq 8. */
  previousPressure_Pa: number;
  lowerBounds: readonly [number, number, number];
  upperBounds: readonly [number, number, number];
}

export interface StepKinetics {
  type: "linear" | "butler-volmer";
  alpha: number;
  temperature_K: number;
  lithiumMolarVolume_m3_mol: number;
}

export interface StepSolution {
  currents: Float64Array;
  potential_V: number;
  pressure_Pa: number;
  newtonIterations: number;
}

const MAX_NEWTON = 60;
const MAX_ACTIVE_SET_PASSES = 12;

export class CurrentPartition {
  private readonly unknowns = new Float64Array(UNKNOWNS);
  private readonly jacobian = new Float64Array(UNKNOWNS * UNKNOWNS);
  private readonly residual = new Float64Array(UNKNOWNS);
  private readonly sinks: Kinetics[] = [
    { type: "linear", asr: 0 },
    { type: "linear", asr: 0 },
    { type: "linear", asr: 0 },
  ];
  /** -1 at the lower bound, +1 at the upper bound, 0 free; kept from step to step as a warm start. */
  private readonly active = new Int8Array(3);

  constructor(private readonly kinetics: StepKinetics) {}

  solve(inputs: StepInputs): StepSolution {
    const x = this.unknowns;
    let iterations = 0;
    let pressure = 0;
    this.setSinks(inputs);
    for (let pass = 0; pass < MAX_ACTIVE_SET_PASSES; pass++) {
      this.keepOneSinkFree(inputs);
      const result = this.newton(inputs);
      iterations += result.iterations;
      pressure = result.pressure;
      if (!this.updateActiveSet(inputs)) {
        return {
          currents: x.slice(0, 3),
          potential_V: x[POTENTIAL],
          pressure_Pa: pressure,
          newtonIterations: iterations,
        };
      }
    }
    throw new NumericalError(
      "buffer layer: current partition did not settle on a set of active sinks",
      Number.NaN,
    );
  }

  /**
   * With every sink on a bound the balance has no potential left to adjust: release the sinks that
   * the balance pushes away from their bounds (those at their lower bound if more current must go
   * somewhere, at their upper bound if less).
   */
  private keepOneSinkFree(inputs: StepInputs): void {
    if (this.active[0] === 0 || this.active[1] === 0 || this.active[2] === 0) return;
    let fixed = 0;
    for (let k = 0; k < 3; k++) fixed += this.active[k] < 0 ? inputs.lowerBounds[k] : inputs.upperBounds[k];
    const side = fixed < inputs.appliedCurrent_A_m2 ? -1 : 1;
    for (let k = 0; k < 3; k++) if (this.active[k] === side) this.active[k] = 0;
  }

  /**
   * Overpotential that drives a current i through a sink, and d eta / d i, by the kinetics layer
   * (the sink's law is anodic-positive and odd, so plating current and cathodic overpotential map
   * onto it unchanged).
   */
  private overpotential(current: number, sink: Kinetics): { eta: number; slope: number } {
    const law = lawOf(sink);
    const eta = law.overpotential(current, sink);
    return { eta, slope: 1 / law.slope(eta, sink) };
  }

  /**
   * This step's sink laws: linear with the given ASRs, or symmetric Butler-Volmer i = 2 i0 sinh(a f eta)
   * with i0 = 1 / (2 a f ASR), the same ASR at equilibrium; the particle's at the pressure at the start
   * of the step, whose stress prefactor (Xie2024 eq. 8) raises its exchange current.
   */
  private setSinks(inputs: StepInputs): void {
    for (let k = 0; k < 3; k++) {
      const asr = inputs.resistances_ohm_m2[k];
      if (this.kinetics.type === "linear" || asr === 0) {
        this.sinks[k] = { type: "linear", asr };
        continue;
      }
      const { alpha, temperature_K } = this.kinetics;
      this.sinks[k] = {
        type: "butler-volmer",
        exchangeCurrentDensity: 1 / (2 * alpha * inverseThermalVoltage(temperature_K) * asr),
        alphaAnodic: alpha,
        alphaCathodic: alpha,
        temperature: temperature_K,
        pressure: k === PARTICLE ? inputs.previousPressure_Pa : 0,
        molarVolume: this.kinetics.lithiumMolarVolume_m3_mol,
      };
    }
  }

  /**
   * Residuals of the three sink equations and the balance at the current unknowns (each sink
   * equation increases with its own current), and their Jacobian; returns the pressure.
   */
  private evaluate(inputs: StepInputs): number {
    const x = this.unknowns;
    const J = this.jacobian;
    const F = this.residual;
    const vOverF = this.kinetics.lithiumMolarVolume_m3_mol / FARADAY;
    const r1 = inputs.ionicToParticle_ohm_m2;
    const r12 = r1 + inputs.ionicToCollector_ohm_m2;
    const p = inputs.pressure(x[PARTICLE]);
    const particle = this.overpotential(x[PARTICLE], this.sinks[PARTICLE]);
    const collector = this.overpotential(x[COLLECTOR], this.sinks[COLLECTOR]);
    const electrolyte = this.overpotential(x[ELECTROLYTE], this.sinks[ELECTROLYTE]);
    J.fill(0);
    F[PARTICLE] =
      particle.eta +
      vOverF * p.pressure_Pa -
      inputs.equilibriumPotential_V +
      r1 * (x[PARTICLE] + x[COLLECTOR]) +
      x[POTENTIAL];
    J[0] = particle.slope + vOverF * p.derivative + r1;
    J[1] = r1;
    J[3] = 1;
    F[COLLECTOR] = collector.eta + r1 * x[PARTICLE] + r12 * x[COLLECTOR] + x[POTENTIAL];
    J[4] = r1;
    J[5] = collector.slope + r12;
    J[7] = 1;
    F[ELECTROLYTE] = electrolyte.eta + x[POTENTIAL];
    J[10] = electrolyte.slope;
    J[11] = 1;
    F[POTENTIAL] = x[PARTICLE] + x[COLLECTOR] + x[ELECTROLYTE] - inputs.appliedCurrent_A_m2;
    J[12] = 1;
    J[13] = 1;
    J[14] = 1;
    return p.pressure_Pa;
  }

  private newton(inputs: StepInputs): { iterations: number; pressure: number } {
    const x = this.unknowns;
    const J = this.jacobian;
    const F = this.residual;
    const scale = Math.abs(inputs.appliedCurrent_A_m2) + 1e-30;
    for (let iteration = 1; iteration <= MAX_NEWTON; iteration++) {
      const pressure = this.evaluate(inputs);
      for (let k = 0; k < 3; k++) {
        if (this.active[k] === 0) continue;
        const bound = this.active[k] < 0 ? inputs.lowerBounds[k] : inputs.upperBounds[k];
        for (let c = 0; c < UNKNOWNS; c++) J[k * UNKNOWNS + c] = c === k ? 1 : 0;
        F[k] = x[k] - bound;
      }
      // Potential rows in volts, the balance row in A/m^2 (scaled by the applied current).
      const error = Math.max(Math.abs(F[0]), Math.abs(F[1]), Math.abs(F[2]), Math.abs(F[3]) / scale);
      if (error < 1e-13 && iteration > 1) return { iterations: iteration - 1, pressure };
      for (let k = 0; k < UNKNOWNS; k++) F[k] = -F[k];
      solveDenseInPlace(J, F, UNKNOWNS);
      for (let k = 0; k < UNKNOWNS; k++) x[k] += F[k];
      if (!Number.isFinite(x[POTENTIAL])) break;
    }
    throw new NumericalError(
      "buffer layer: Newton iteration of the current partition did not converge",
      Math.abs(F[0]),
    );
  }

  /**
   * Moves sinks on or off their bounds; returns true when anything changed. A sink held at a bound
   * is released when, at the potentials just found, its own equation says it would carry a current
   * on the inside of that bound.
   */
  private updateActiveSet(inputs: StepInputs): boolean {
    const x = this.unknowns;
    const tolerance = 1e-12 * (Math.abs(inputs.appliedCurrent_A_m2) + 1e-30);
    this.evaluate(inputs);
    let changed = false;
    for (let k = 0; k < 3; k++) {
      const lower = inputs.lowerBounds[k];
      const upper = inputs.upperBounds[k];
      let next = this.active[k];
      if (this.active[k] === 0) {
        if (x[k] < lower - tolerance) next = -1;
        else if (x[k] > upper + tolerance) next = 1;
      } else if (lower < upper) {
        const equation = this.residual[k];
        if (this.active[k] < 0 ? equation < -1e-15 : equation > 1e-15) next = 0;
      }
      if (next !== this.active[k]) {
        this.active[k] = next;
        changed = true;
      }
    }
    return changed;
  }
}
