import { NumericalError } from "../../errors.js";
import { BandedCholesky, conjugateGradients } from "../../numerics/index.js";
import { type EliminationTree, MultifrontalCholesky } from "../../numerics/multifrontalCholesky.js";
import type { NodeBlockMatrix } from "./nodeBlockMatrix.js";

/** Solves tangent x = rhs at one Newton step (rhs and x zero at fixed unknowns). */
export interface TangentSolver {
  /** `relativeTolerance`: for an iterative solve, the residual reduction asked for. */
  solve(tangent: NodeBlockMatrix, rhs: Float64Array, x: Float64Array, relativeTolerance: number): void;
  /** Factorisations and conjugate-gradient iterations so far. */
  readonly factorisations: number;
  readonly iterations: number;
}

/** The former direct solve: a band Cholesky of the new tangent at every Newton step. */
export class BandedTangentSolver implements TangentSolver {
  factorisations = 0;
  readonly iterations = 0;

  constructor(private readonly halfBandwidth: number) {}

  solve(tangent: NodeBlockMatrix, rhs: Float64Array, x: Float64Array): void {
    new BandedCholesky(tangent.toBanded(this.halfBandwidth)).solve(rhs, x);
    this.factorisations++;
  }
}

/**
 * Modified Newton in its Krylov form: a sparse (nested-dissection, multifrontal) Cholesky factor
 * of an earlier tangent preconditions conjugate gradients on the current one. Viscosity alone
 * changes between Newton steps, the stiff penalty term does not, so the preconditioned spectrum is
 * bounded by the change in the viscous tangent however large the penalty, and a factor serves
 * several steps. Costs are counted in floating-point operations (so the choices do not depend on
 * the machine's load): a solve may spend at most one factorisation's worth of iterations, and the
 * factor is renewed for the next step once a solve has spent half that.
 */
export class ReusedFactorSolver implements TangentSolver {
  factorisations = 0;
  iterations = 0;
  private readonly factor: MultifrontalCholesky;
  private stale = true;
  private readonly freeRhs: Float64Array;
  private readonly freeX: Float64Array;
  /** Iterations that cost as much as one factorisation. */
  private readonly iterationBudget: number;

  constructor(tree: EliminationTree, matrixNonzeros: number) {
    this.factor = new MultifrontalCholesky(tree, 81);
    this.freeRhs = new Float64Array(tree.size);
    this.freeX = new Float64Array(tree.size);
    // Per iteration: two triangular solves and a product (2 flops per entry) plus vector updates;
    // the solves stream the factor from memory and run at about 2/3 of the factorisation's flop
    // rate on this kind of machine (hence 6 rather than 4 per factor entry).
    const iterationCost = 6 * this.factor.nonzeros + 2 * matrixNonzeros + 12 * tree.size;
    this.iterationBudget = Math.max(4, Math.ceil(this.factor.flops / iterationCost));
  }

  solve(tangent: NodeBlockMatrix, rhs: Float64Array, x: Float64Array, relativeTolerance: number): void {
    if (!this.stale) {
      const preconditioner = { apply: (r: Float64Array, z: Float64Array) => this.apply(tangent, r, z) };
      x.fill(0);
      try {
        const report = conjugateGradients(tangent, preconditioner, rhs, x, {
          relativeTolerance,
          maxIterations: this.iterationBudget,
        });
        this.iterations += report.iterations;
        if (2 * report.iterations > this.iterationBudget) this.stale = true;
        return;
      } catch (error) {
        if (!(error instanceof NumericalError)) throw error;
        this.iterations += this.iterationBudget;
      }
    }
    this.factor.factor(tangent);
    this.factorisations++;
    this.stale = false;
    this.apply(tangent, rhs, x);
  }

  private apply(tangent: NodeBlockMatrix, r: Float64Array, z: Float64Array): void {
    const { freeUnknowns } = tangent;
    const { freeRhs, freeX } = this;
    for (let f = 0; f < freeUnknowns.length; f++) freeRhs[f] = r[freeUnknowns[f]];
    this.factor.solve(freeRhs, freeX);
    z.set(r);
    for (let f = 0; f < freeUnknowns.length; f++) z[freeUnknowns[f]] = freeX[f];
  }
}
