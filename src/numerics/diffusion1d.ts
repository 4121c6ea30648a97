import { NumericalError } from "../errors.js";
import type { Grid1D } from "./grid1d.js";
import { solveTridiagonal } from "./tridiagonal.js";

/** A diffusivity as a function of the diffused concentration, with its derivative. */
export interface ConcentrationFunction {
  value(concentration: number): number;
  derivative(concentration: number): number;
}

export function constantFunction(value: number): ConcentrationFunction {
  return { value: () => value, derivative: () => 0 };
}

export interface DiffusionProblem {
  grid: Grid1D;
  diffusivity: ConcentrationFunction;
  /** Flux entering the domain through x = 0, in +x direction (mol m^-2 s^-1). */
  inflowAtStart: number;
  /** Flux leaving the domain through x = length, in +x direction (mol m^-2 s^-1). */
  outflowAtEnd: number;
}

export interface StepReport {
  newtonIterations: number;
  /** Largest cell residual relative to the scale of the fluxes and storage terms. */
  residual: number;
}

const NEWTON_TOLERANCE = 1e-13;
const MAX_NEWTON_ITERATIONS = 30;

/**
 * Conservative cell-centred finite volumes for dc/dt = d/dx (D(c) dc/dx) with prescribed boundary
 * fluxes, integrated by variable-step BDF2 (implicit Euler for the first step) with Newton's method.
 * Each step conserves the content sum(c w) exactly up to the Newton tolerance: the change equals
 * the boundary fluxes times the step, because BDF2 is exact for content growing linearly in time.
 */
export class DiffusionStepper {
  readonly problem: DiffusionProblem;
  time = 0;
  /** Concentration at `time`, per cell. */
  state: Float64Array;
  private previous: Float64Array;
  private previousStep = 0;
  private readonly lower: Float64Array;
  private readonly diagonal: Float64Array;
  private readonly upper: Float64Array;
  private readonly residualVector: Float64Array;
  private readonly correction: Float64Array;
  private readonly scratch: Float64Array;
  private readonly centreSpacing: Float64Array;

  constructor(problem: DiffusionProblem, initial: Float64Array) {
    const n = problem.grid.widths.length;
    if (initial.length !== n) throw new Error("DiffusionStepper: initial state does not match the grid");
    this.problem = problem;
    this.state = Float64Array.from(initial);
    this.previous = Float64Array.from(initial);
    this.lower = new Float64Array(n);
    this.diagonal = new Float64Array(n);
    this.upper = new Float64Array(n);
    this.residualVector = new Float64Array(n);
    this.correction = new Float64Array(n);
    this.scratch = new Float64Array(n);
    this.centreSpacing = new Float64Array(Math.max(n - 1, 0));
    const centers = problem.grid.centers;
    for (let i = 0; i < n - 1; i++) this.centreSpacing[i] = centers[i + 1] - centers[i];
  }

  /**
   * Solves one step of length dt from the current state into `out` without committing it, so
   * that callers can retry with another dt (e.g. to land on an event).
   */
  trial(dt: number, out: Float64Array): StepReport {
    const { grid, diffusivity, inflowAtStart, outflowAtEnd } = this.problem;
    const { lower, diagonal, upper, residualVector: residual, correction, centreSpacing } = this;
    const widths = grid.widths;
    const current = this.state;
    const older = this.previous;
    const n = widths.length;
    // Variable-step BDF2 weights (Hairer, Norsett & Wanner, Solving ODEs I, eq. III.5.8).
    let a0 = 1;
    let a1 = -1;
    let a2 = 0;
    if (this.previousStep > 0) {
      const omega = dt / this.previousStep;
      a0 = (1 + 2 * omega) / (1 + omega);
      a1 = -(1 + omega);
      a2 = (omega * omega) / (1 + omega);
    }
    out.set(current);
    let relativeResidual = Number.POSITIVE_INFINITY;
    for (let iteration = 1; iteration <= MAX_NEWTON_ITERATIONS; iteration++) {
      let scale = Math.abs(inflowAtStart) + Math.abs(outflowAtEnd);
      for (let i = 0; i < n; i++) {
        const storage = (widths[i] / dt) * (a0 * out[i] + a1 * current[i] + a2 * older[i]);
        residual[i] = storage;
        scale = Math.max(scale, (widths[i] / dt) * a0 * Math.abs(out[i]));
        diagonal[i] = (widths[i] / dt) * a0;
        lower[i] = 0;
        upper[i] = 0;
      }
      residual[0] -= inflowAtStart;
      residual[n - 1] += outflowAtEnd;
      for (let i = 0; i < n - 1; i++) {
        const left = out[i];
        const right = out[i + 1];
        const mid = 0.5 * (left + right);
        const d = diffusivity.value(mid);
        const halfSlope = 0.5 * diffusivity.derivative(mid);
        const h = centreSpacing[i];
        const flux = (-d * (right - left)) / h;
        const dFluxLeft = (-halfSlope * (right - left) + d) / h;
        const dFluxRight = (-halfSlope * (right - left) - d) / h;
        residual[i] += flux;
        residual[i + 1] -= flux;
        diagonal[i] += dFluxLeft;
        upper[i] += dFluxRight;
        diagonal[i + 1] -= dFluxRight;
        lower[i + 1] -= dFluxLeft;
      }
      let worstResidual = 0;
      for (let i = 0; i < n; i++) {
        worstResidual = Math.max(worstResidual, Math.abs(residual[i]));
        residual[i] = -residual[i];
      }
      relativeResidual = scale > 0 ? worstResidual / scale : worstResidual;
      solveTridiagonal(lower, diagonal, upper, residual, correction, this.scratch);
      let worstCorrection = 0;
      let size = 0;
      for (let i = 0; i < n; i++) {
        out[i] += correction[i];
        worstCorrection = Math.max(worstCorrection, Math.abs(correction[i]));
        size = Math.max(size, Math.abs(out[i]));
      }
      if (!Number.isFinite(worstCorrection)) break;
      if (worstCorrection <= NEWTON_TOLERANCE * size || worstCorrection === 0) {
        return { newtonIterations: iteration, residual: relativeResidual };
      }
    }
    throw new NumericalError(
      `diffusion step at t = ${this.time.toExponential(3)} s, dt = ${dt.toExponential(3)} s: Newton did not converge`,
      relativeResidual,
    );
  }

  /** Commits a state computed by `trial` with the same dt. */
  accept(next: Float64Array, dt: number): void {
    const recycled = this.previous;
    this.previous = this.state;
    this.state = recycled;
    this.state.set(next);
    this.previousStep = dt;
    this.time += dt;
  }

  /**
   * Concentration extrapolated to x = 0 from the first cell and the boundary flux,
   * c(0) = c_0 + J x_0 / D(c_0), second-order accurate.
   */
  valueAtStart(concentration: Float64Array = this.state): number {
    const c0 = concentration[0];
    const x0 = this.problem.grid.centers[0];
    return c0 + (this.problem.inflowAtStart * x0) / this.problem.diffusivity.value(c0);
  }

  /** Content per unit area, sum(c w). */
  content(concentration: Float64Array = this.state): number {
    const widths = this.problem.grid.widths;
    let total = 0;
    for (let i = 0; i < widths.length; i++) total += concentration[i] * widths[i];
    return total;
  }
}
