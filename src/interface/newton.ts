import { NumericalError } from "../errors.js";
import { conjugateGradients, type LinearOperator, type Preconditioner } from "../numerics/index.js";
import { linearisedAsr, overpotential, platingCurrent } from "./kinetics.js";
import type { Kinetics } from "./problem.js";

/** What Newton needs of a (2D or 3D) stencil matrix. */
export interface RobinMatrix extends LinearOperator {
  clone(): RobinMatrix;
  addToDiagonal(node: number, value: number): void;
}

const MAX_NEWTON_ITERATIONS = 50;
// The nonlinear residual cannot fall much below round-off of the stiffness terms.
const NEWTON_TOLERANCE_FLOOR = 1e-10;

/**
 * Newton's method for A phi + w i_n(phi) = b on the Butler-Volmer nodes, started from the
 * linearised-kinetics solution, with backtracking on the residual norm (Kelley, Solving Nonlinear
 * Equations with Newton's Method, SIAM 2003, ch. 1.6).
 */
export function newtonRobin<M extends RobinMatrix>(
  matrix: M,
  preconditioner: (m: M) => Preconditioner,
  rhs: Float64Array,
  phi: Float64Array,
  nodes: number[],
  kinetics: Kinetics[],
  shift: Float64Array,
  weights: Float64Array,
  tolerance: number,
): { linearIterations: number; newtonIterations: number; residual: number } {
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
  // Start: linearised kinetics i_n ~ (phi + phi_0 + V dP/F) / R_ct.
  const startRhs = Float64Array.from(rhs);
  nodes.forEach((i, index) => {
    const k = kinetics[i] as Kinetics & { kind: "butlerVolmer" };
    const rct = linearisedAsr(k);
    setRobin(index, weights[i] / rct);
    startRhs[i] -= (weights[i] * -overpotential(k, 0, shift[i])) / rct;
  });
  linearIterations += conjugateGradients(working, preconditioner(working), startRhs, phi, {
    relativeTolerance: tolerance,
  }).iterations;

  const residual = new Float64Array(n);
  const trial = new Float64Array(n);
  const step = new Float64Array(n);
  let scale = 0;
  for (let k = 0; k < n; k++) scale = Math.max(scale, Math.abs(rhs[k]));
  const evaluate = (state: Float64Array, out: Float64Array): number => {
    matrix.multiply(state, out);
    for (let k = 0; k < n; k++) out[k] -= rhs[k];
    for (const i of nodes)
      out[i] +=
        weights[i] * platingCurrent(kinetics[i], overpotential(kinetics[i], state[i], shift[i])).current;
    let norm = 0;
    for (let k = 0; k < n; k++) norm = Math.max(norm, Math.abs(out[k]));
    return norm / (scale || 1);
  };
  const target = Math.max(tolerance, NEWTON_TOLERANCE_FLOOR);
  let norm = evaluate(phi, residual);
  for (let iteration = 1; iteration <= MAX_NEWTON_ITERATIONS; iteration++) {
    if (norm <= target) return { linearIterations, newtonIterations: iteration - 1, residual: norm };
    nodes.forEach((i, index) => {
      const d = platingCurrent(kinetics[i], overpotential(kinetics[i], phi[i], shift[i])).dCurrent_dPhi;
      setRobin(index, weights[i] * d);
    });
    for (let k = 0; k < n; k++) residual[k] = -residual[k];
    step.fill(0);
    linearIterations += conjugateGradients(working, preconditioner(working), residual, step, {
      relativeTolerance: Math.min(1e-3, tolerance * 10),
    }).iterations;
    let lambda = 1;
    let trialNorm = Number.POSITIVE_INFINITY;
    for (let halving = 0; halving < 30; halving++) {
      for (let k = 0; k < n; k++) trial[k] = phi[k] + lambda * step[k];
      trialNorm = evaluate(trial, residual);
      if (trialNorm < (1 - 1e-4 * lambda) * norm) break;
      lambda /= 2;
    }
    if (!(trialNorm < norm)) break;
    phi.set(trial);
    norm = trialNorm;
  }
  if (norm <= target) return { linearIterations, newtonIterations: MAX_NEWTON_ITERATIONS, residual: norm };
  throw new NumericalError("Butler-Volmer: Newton iteration did not converge", norm);
}
