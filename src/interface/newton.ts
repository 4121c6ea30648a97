import { NumericalError } from "../errors.js";
import { chordConductance, describeDrive, type Kinetics, lawOf } from "../kinetics/index.js";
import {
  conjugateGradients,
  type GridExecutor,
  type LinearOperator,
  type Preconditioner,
} from "../numerics/index.js";
import { overpotential } from "./kinetics.js";

/** What Newton needs of a (2D or 3D) stencil matrix. */
export interface RobinMatrix extends LinearOperator {
  clone(): RobinMatrix;
  addToDiagonal(node: number, value: number): void;
  /**
   * Where its kernels run: Newton's and CG's vectors come from its memory, so that split kernels and
   * CG's split vector updates can use them.
   */
  readonly executor?: GridExecutor | null;
}

/** The electrode nodes with a nonlinear law, and what the weak form needs of them. */
export interface KineticNodes {
  /** Indices of the nonlinear nodes in the unknown vector. */
  nodes: number[];
  /** Kinetics, equilibrium shift phi_0 (V) and boundary weight (m or m^2), indexed by node index. */
  kinetics: Kinetics[];
  shift: Float64Array;
  weights: Float64Array;
  /**
   * The plating current density (A/m^2) the solve is expected to carry: the applied one
   * (galvanostatic) or an estimate (potentiostatic). Sets the starting chord and the messages' i/i_ex.
   */
  expectedCurrent_A_m2: number;
}

const MAX_NEWTON_ITERATIONS = 100;
// The nonlinear residual cannot fall much below round-off of the stiffness terms.
const NEWTON_TOLERANCE_FLOOR = 1e-10;
/**
 * Largest overpotential change of one Newton step (V): about 8 R T / F, so an exponential law's
 * current changes by at most e^4 per step and an overshoot cannot overflow it.
 */
const MAX_OVERPOTENTIAL_STEP_V = 0.2;
/**
 * The tangent d i_n / d phi of each node is kept in [FLOOR, CEILING] x its starting chord: a
 * saturated law (MHC beyond lambda, a Tafel branch driven backwards) has slope -> 0, which would
 * leave a galvanostatic (all-Neumann) system singular, and an overflowing exponential has slope
 * Infinity. Either would make the multigrid's coarse Cholesky fail; a bounded positive diagonal
 * keeps every linear system symmetric positive definite. The line search absorbs the inexact slope.
 */
const TANGENT_FLOOR = 1e-6;
/** Overpotentials are wanted to this accuracy, far below kT/e; smaller steps are round-off. */
const OVERPOTENTIAL_RESOLUTION_V = 1e-9;
/** A Newton step this small relative to the potentials is at their round-off. */
const STEP_ROUNDOFF = 1e-12;
const TANGENT_CEILING = 1e8;

/**
 * Newton's method for A phi + w i_n(phi) = b on the nonlinear electrode nodes (Kelley, Solving
 * Nonlinear Equations with Newton's Method, SIAM 2003, ch. 1.6-1.7): started from the chord
 * linearisation through the expected current (kinetics/linearisation.ts), every step capped to
 * MAX_OVERPOTENTIAL_STEP_V, Armijo backtracking on the residual, the tangent bounded so the linear
 * systems stay positive definite; inner CG solves inexact (the line search checks the step).
 */
export function newtonRobin<M extends RobinMatrix>(
  matrix: M,
  preconditioner: (m: M) => Preconditioner,
  rhs: Float64Array,
  phi: Float64Array,
  electrode: KineticNodes,
  tolerance: number,
): { linearIterations: number; newtonIterations: number; residual: number } {
  const { nodes, kinetics, shift, weights } = electrode;
  assertCarriable(kinetics, electrode.expectedCurrent_A_m2);
  const n = phi.length;
  let linearIterations = 0;
  // One working copy A + diag(robin) serves the start and every Jacobian: only the kinetic nodes'
  // diagonal changes, so it is updated in place instead of copying the (large, in 3D) matrix.
  const working = matrix.clone() as M;
  const robin = new Float64Array(nodes.length);
  const setRobin = (index: number, value: number) => {
    working.addToDiagonal(nodes[index], value - robin[index]);
    robin[index] = value;
  };
  // Start: i_n ~ G (phi + phi_0 + V dP/F) = -G eta with G the chord through the expected current.
  const chord = nodes.map((i) => chordConductance(kinetics[i], -electrode.expectedCurrent_A_m2));
  const allocate = matrix.executor?.allocate ?? ((length: number) => new Float64Array(length));
  const startRhs = allocate(n);
  startRhs.set(rhs);
  nodes.forEach((i, index) => {
    setRobin(index, weights[i] * chord[index]);
    startRhs[i] -= weights[i] * chord[index] * -overpotential(kinetics[i], 0, shift[i]);
  });
  const solver = new ReusedPreconditioner(working, preconditioner, n);
  linearIterations += solver.solve(startRhs, phi, tolerance);

  const residual = allocate(n);
  const trial = allocate(n);
  const step = allocate(n);
  let scale = 0;
  for (let k = 0; k < n; k++) scale = Math.max(scale, Math.abs(rhs[k]));
  const evaluate = (state: Float64Array, out: Float64Array): number => {
    matrix.multiply(state, out);
    for (let k = 0; k < n; k++) out[k] -= rhs[k];
    for (const i of nodes) {
      const k = kinetics[i];
      out[i] -= weights[i] * lawOf(k).current(overpotential(k, state[i], shift[i]), k);
    }
    let norm = 0;
    for (let k = 0; k < n; k++) norm = Math.max(norm, Math.abs(out[k]));
    // NaN or Infinity (an overflowing exponential) is no improvement.
    return Number.isFinite(norm) ? norm / (scale || 1) : Number.POSITIVE_INFINITY;
  };
  const target = Math.max(tolerance, NEWTON_TOLERANCE_FLOOR);
  let norm = evaluate(phi, residual);
  let stalled = false;
  for (let iteration = 1; iteration <= MAX_NEWTON_ITERATIONS; iteration++) {
    if (norm <= target) return { linearIterations, newtonIterations: iteration - 1, residual: norm };
    nodes.forEach((i, index) => {
      const k = kinetics[i];
      const slope = lawOf(k).slope(overpotential(k, phi[i], shift[i]), k);
      const bounded = Math.min(Math.max(slope, TANGENT_FLOOR * chord[index]), TANGENT_CEILING * chord[index]);
      setRobin(index, weights[i] * (Number.isNaN(slope) ? chord[index] : bounded));
    });
    for (let k = 0; k < n; k++) residual[k] = -residual[k];
    step.fill(0);
    linearIterations += solver.solve(residual, step, Math.min(1e-3, tolerance * 10));
    let largest = 0;
    for (const i of nodes) largest = Math.max(largest, Math.abs(step[i]));
    let potentialScale = 0;
    let stepScale = 0;
    for (let k = 0; k < n; k++) {
      potentialScale = Math.max(potentialScale, Math.abs(phi[k]));
      stepScale = Math.max(stepScale, Math.abs(step[k]));
    }
    // On fine meshes the residual's round-off floor (cancellation in A phi, relative to a right-hand
    // side that shrinks with the boundary weights) can exceed the target: a step below round-off of
    // the potentials cannot improve the solution, so it ends the iteration.
    if (stepScale <= STEP_ROUNDOFF * potentialScale)
      return { linearIterations, newtonIterations: iteration - 1, residual: norm };
    let lambda = largest > MAX_OVERPOTENTIAL_STEP_V ? MAX_OVERPOTENTIAL_STEP_V / largest : 1;
    let trialNorm = Number.POSITIVE_INFINITY;
    for (let halving = 0; halving < 40; halving++) {
      for (let k = 0; k < n; k++) trial[k] = phi[k] + lambda * step[k];
      trialNorm = evaluate(trial, residual);
      if (trialNorm < (1 - 1e-4 * lambda) * norm) break;
      lambda /= 2;
    }
    if (!(trialNorm < norm)) {
      // No decrease along a step that would move no overpotential by more than a nanovolt: the
      // residual is at its round-off floor, not stuck.
      if (largest <= OVERPOTENTIAL_RESOLUTION_V)
        return { linearIterations, newtonIterations: iteration - 1, residual: norm };
      stalled = true;
      break;
    }
    phi.set(trial);
    norm = trialNorm;
  }
  if (norm <= target) return { linearIterations, newtonIterations: MAX_NEWTON_ITERATIONS, residual: norm };
  const first = kinetics[nodes[0]];
  throw new NumericalError(
    `${describeDrive(first, electrode.expectedCurrent_A_m2)}: Newton iteration did not converge ` +
      (stalled ? "(the line search found no decrease)" : `in ${MAX_NEWTON_ITERATIONS} iterations`),
    norm,
  );
}

/**
 * A galvanostatic solve has no steady state if no electrode law can carry the applied current (MHC
 * saturates at its limiting current, a Tafel branch carries one sign only): say so instead of
 * letting Newton search for it.
 */
export function assertCarriable(kinetics: Kinetics[], platingCurrent_A_m2: number): void {
  const anodic = -platingCurrent_A_m2;
  const carriable = kinetics.some((k) => {
    const [low, high] = lawOf(k).currentRange(k);
    return anodic > low && anodic < high;
  });
  if (carriable || kinetics.length === 0) return;
  const k = kinetics[0];
  const [low, high] = lawOf(k).currentRange(k);
  // The residual: the share of the applied current the law cannot carry even at its limit.
  const limit = anodic >= high ? high : low;
  throw new NumericalError(
    `${describeDrive(k, platingCurrent_A_m2)}: no steady state, the applied plating current density ` +
      `${platingCurrent_A_m2.toPrecision(3)} A/m^2 is outside the currents the law can carry ` +
      `(plating ${(-high).toPrecision(3)} to ${(-low).toPrecision(3)} A/m^2)`,
    Math.abs(anodic - limit) / Math.abs(anodic),
  );
}

/**
 * The linear solves of one Newton iteration: CG on the working matrix, preconditioned by a
 * multigrid hierarchy built for an earlier Jacobian. Successive Jacobians differ only in the
 * kinetic nodes' diagonal, so an old hierarchy stays a good (and, being SPD, a valid) CG
 * preconditioner, and a rebuild (the Galerkin products of every level) costs more than several
 * iterations. It is rebuilt when a solve needs more than twice the iterations (plus two) of the
 * solve it was built for, and a solve that stopped short with a stale hierarchy is redone with a
 * fresh one.
 */
class ReusedPreconditioner<M extends RobinMatrix> {
  private current: Preconditioner | null = null;
  /** Iterations of the first solve with the current hierarchy. */
  private reference = 0;
  /** The starting guess, kept to redo a failed solve. */
  private readonly guess: Float64Array;
  /**
   * CG's three work vectors, shared by the solves one after another: fresh memory costs a page fault
   * per 4 KB on first touch (~0.04 s CPU per vector of 1.2 M unknowns on this machine).
   */
  private readonly work: Float64Array[];

  constructor(
    private readonly matrix: M,
    private readonly build: (m: M) => Preconditioner,
    size: number,
  ) {
    this.guess = new Float64Array(size);
    const allocate = matrix.executor?.allocate ?? ((length: number) => new Float64Array(length));
    this.work = Array.from({ length: 3 }, () => allocate(size));
  }

  /** CG to `tolerance` from the guess in x; the iterations spent, failed attempts included. */
  solve(rhs: Float64Array, x: Float64Array, tolerance: number): number {
    const fresh = this.current === null;
    if (fresh) this.current = this.build(this.matrix);
    if (!fresh) this.guess.set(x);
    let taken = 0;
    const allocate = () => this.work[taken++];
    const iterations = inexactSolve(this.matrix, this.current as Preconditioner, rhs, x, tolerance, allocate);
    if (fresh) {
      this.reference = iterations;
      return iterations;
    }
    if (iterations < MAX_LINEAR_ITERATIONS && iterations <= 2 * this.reference + 2) return iterations;
    this.current = null;
    if (iterations < MAX_LINEAR_ITERATIONS) return iterations;
    x.set(this.guess);
    return iterations + this.solve(rhs, x, tolerance);
  }
}

const MAX_LINEAR_ITERATIONS = 500;

/**
 * CG to `tolerance`, keeping what it reached if it stops short: a Newton direction need not be
 * exact, and the line search rejects a poor one.
 */
function inexactSolve(
  matrix: RobinMatrix,
  preconditioner: Preconditioner,
  rhs: Float64Array,
  x: Float64Array,
  tolerance: number,
  allocate: (length: number) => Float64Array,
): number {
  try {
    return conjugateGradients(matrix, preconditioner, rhs, x, {
      relativeTolerance: tolerance,
      maxIterations: MAX_LINEAR_ITERATIONS,
      allocate,
      executor: matrix.executor ?? undefined,
    }).iterations;
  } catch (error) {
    // CG throws only after its last iteration, leaving its last iterate in x.
    if (error instanceof NumericalError && x.every(Number.isFinite)) return MAX_LINEAR_ITERATIONS;
    throw error;
  }
}
