import { DenseCholesky } from "./denseCholesky.js";

/**
 * The multigrid V-cycle shared by the 2D and 3D structured solvers: symmetric Gauss-Seidel
 * smoothing, residual restriction, recursion, prolongation, and an exact (or many-sweep) solve on
 * the coarsest level. Started from zero with as many pre- as post-sweeps in reverse order, one
 * cycle is a symmetric operator, hence a valid preconditioner for conjugate gradients (Trottenberg,
 * Oosterlee & Schueller, Multigrid, 2001, ch. 2, 7). The dimension-specific parts — operators,
 * transfers and coarse solve — come in as a GridHierarchy.
 */
export interface SmoothableOperator {
  readonly size: number;
  multiply(x: Float64Array, y: Float64Array): void;
  /** One Gauss-Seidel sweep, forward or backward. */
  gaussSeidel(x: Float64Array, b: Float64Array, backward: boolean): void;
  /**
   * `count` backward sweeps in a row, equal to `count` calls of gaussSeidel(x, b, true) to
   * round-off, for an operator that does them faster together (3D: one sweep leaves the next its
   * lower sums).
   */
  backwardSweeps?(x: Float64Array, b: Float64Array, count: number): void;
}

export interface GridHierarchy {
  /** Operators from the finest (0) to the coarsest level. */
  readonly operators: readonly SmoothableOperator[];
  /** coarse = P^T fine between levels depth and depth + 1. */
  restrict(depth: number, fine: Float64Array, coarse: Float64Array): void;
  /** fine += P coarse between levels depth and depth + 1. */
  prolongAdd(depth: number, coarse: Float64Array, fine: Float64Array): void;
  /** Solution on the coarsest level, or null to approximate it by many symmetric sweeps. */
  solveCoarsest: ((rhs: Float64Array, solution: Float64Array) => void) | null;
  /** Makes the level vectors (e.g. on shared memory for threaded kernels); default a plain array. */
  allocate?: (length: number) => Float64Array;
  /**
   * coarse = P^T (b - A x) between levels depth and depth + 1 without storing the fine residual,
   * if the hierarchy has it (else a product, a subtraction and restrict).
   */
  restrictResidual?(depth: number, x: Float64Array, b: Float64Array, coarse: Float64Array): void;
}

/**
 * The coarsest-level solve: dense Cholesky when the operator has at most `maxUnknowns` unknowns,
 * otherwise null (the V-cycle then approximates it by many symmetric sweeps).
 */
export function denseCoarseSolve(
  operator: SmoothableOperator,
  densify: () => Float64Array,
  maxUnknowns: number,
): GridHierarchy["solveCoarsest"] {
  if (operator.size > maxUnknowns) return null;
  const cholesky = new DenseCholesky(densify(), operator.size);
  return (rhs, solution) => cholesky.solve(rhs, solution);
}

const SMOOTHING_SWEEPS = 2;
const COARSE_SWEEPS = 50;

export class VCycle {
  private readonly hierarchy: GridHierarchy;
  private readonly solutions: Float64Array[];
  private readonly rhs: Float64Array[];
  private readonly residuals: Float64Array[];

  constructor(hierarchy: GridHierarchy) {
    this.hierarchy = hierarchy;
    const sizes = hierarchy.operators.map((operator) => operator.size);
    // Level 0 works in the caller's vectors (see apply); only the residual needs its own there.
    const allocate = hierarchy.allocate ?? ((length: number) => new Float64Array(length));
    this.solutions = sizes.map((n, depth) => allocate(depth === 0 ? 0 : n));
    this.rhs = sizes.map((n, depth) => allocate(depth === 0 ? 0 : n));
    this.residuals = sizes.map((n) => allocate(hierarchy.restrictResidual ? 0 : n));
  }

  get levelCount(): number {
    return this.hierarchy.operators.length;
  }

  /**
   * z = M^-1 r: one V-cycle from a zero initial guess. The finest level smooths in z against r
   * directly: copies of two fine-grid vectors per cycle (and their memory) saved.
   */
  apply(r: Float64Array, z: Float64Array): void {
    if (r === z) throw new Error("VCycle.apply: r and z must be different arrays");
    this.rhs[0] = r;
    this.solutions[0] = z;
    this.cycle(0);
  }

  private cycle(depth: number): void {
    const operator = this.hierarchy.operators[depth];
    const solution = this.solutions[depth];
    const rhs = this.rhs[depth];
    if (depth === this.levelCount - 1) {
      if (this.hierarchy.solveCoarsest) this.hierarchy.solveCoarsest(rhs, solution);
      else {
        solution.fill(0);
        for (let k = 0; k < COARSE_SWEEPS; k++) {
          operator.gaussSeidel(solution, rhs, false);
          operator.gaussSeidel(solution, rhs, true);
        }
      }
      return;
    }
    solution.fill(0);
    for (let k = 0; k < SMOOTHING_SWEEPS; k++) operator.gaussSeidel(solution, rhs, false);
    if (this.hierarchy.restrictResidual) {
      this.hierarchy.restrictResidual(depth, solution, rhs, this.rhs[depth + 1]);
    } else {
      const residual = this.residuals[depth];
      operator.multiply(solution, residual);
      for (let n = 0; n < residual.length; n++) residual[n] = rhs[n] - residual[n];
      this.hierarchy.restrict(depth, residual, this.rhs[depth + 1]);
    }
    this.cycle(depth + 1);
    this.hierarchy.prolongAdd(depth, this.solutions[depth + 1], solution);
    if (operator.backwardSweeps) operator.backwardSweeps(solution, rhs, SMOOTHING_SWEEPS);
    else for (let k = 0; k < SMOOTHING_SWEEPS; k++) operator.gaussSeidel(solution, rhs, true);
  }
}
