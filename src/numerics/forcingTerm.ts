/**
 * Forcing terms of an inexact Newton method, Eisenstat & Walker's choice 2 (SIAM J. Sci. Comput. 17
 * (1996) 16, eq. 2.6 with the safeguard of eq. 2.6's discussion): eta_k = gamma (|F_k| / |F_k-1|)^2,
 * raised to gamma eta_k-1^2 when that exceeds 0.1, within [floor, ceiling]. Early steps, whose
 * Newton model is poor anyway, are solved loosely; near the solution, where the residual falls
 * quadratically, eta falls with it and the iteration keeps its fast local convergence.
 */
export class EisenstatWalkerForcing {
  private lastResidual = 0;
  private lastEta: number;

  constructor(
    private readonly initial: number,
    private readonly ceiling: number,
    private readonly floor: number,
    private readonly gamma = 0.9,
  ) {
    this.lastEta = initial;
  }

  /** The forcing term for the Newton step whose nonlinear residual norm is `residual`. */
  next(residual: number): number {
    let eta = this.initial;
    if (this.lastResidual > 0) {
      eta = this.gamma * (residual / this.lastResidual) ** 2;
      const safeguard = this.gamma * this.lastEta ** 2;
      if (safeguard > 0.1) eta = Math.max(eta, safeguard);
    }
    eta = Math.min(this.ceiling, Math.max(this.floor, eta));
    this.lastResidual = residual;
    this.lastEta = eta;
    return eta;
  }
}
