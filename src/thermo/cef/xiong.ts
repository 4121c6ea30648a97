/**
 * Magnetic function of the Xiong model (W. Xiong, Q. Chen, P.A. Korzhavyi, M. Selleby, Calphad 39
 * (2012) 11, eqs 5-7), used when the magnetic TYPE_DEFINITION gives antiferromagnetic factor 0:
 *   tau <= 1:  f = 1 - [0.38438376 tau^-1 / p + 0.63570895 (1/p - 1)
 *                        (tau^3/6 + tau^9/135 + tau^15/600 + tau^21/1617)] / D
 *   tau > 1:   f = -(tau^-7/21 + tau^-21/630 + tau^-35/2975 + tau^-49/8232) / D
 *   D = 0.33471979 + 0.49649686 (1/p - 1),
 * p = 0.37 (BCC) or 0.25 (others), as given in the TYPE_DEFINITION. With tau^21/1617 inside the
 * (1/p - 1) bracket the branches meet at tau = 1 (D is exactly that matching condition); pycalphad's
 * Model.xiong_magnetic_energy writes it outside the bracket, which changes f below T_C (or T_N) by
 * (1 - 0.63570895 (1/p - 1)) tau^21 / (1617 D).
 * Returns f and its first and second derivatives in tau.
 */
export function xiongFunction(tau: number, p: number): { g: number; dg: number; d2g: number } {
  const d = 0.33471979 + 0.49649686 * (1 / p - 1);
  if (tau <= 1) {
    const k = 0.38438376 / p;
    const c = 0.63570895 * (1 / p - 1);
    return {
      g: 1 - (k / tau + c * (tau ** 3 / 6 + tau ** 9 / 135 + tau ** 15 / 600 + tau ** 21 / 1617)) / d,
      dg: -(-k / tau ** 2 + c * (tau ** 2 / 2 + tau ** 8 / 15 + tau ** 14 / 40 + tau ** 20 / 77)) / d,
      d2g:
        -(
          (2 * k) / tau ** 3 +
          c * (tau + (8 * tau ** 7) / 15 + (14 * tau ** 13) / 40 + (20 * tau ** 19) / 77)
        ) / d,
    };
  }
  return {
    g: -(tau ** -7 / 21 + tau ** -21 / 630 + tau ** -35 / 2975 + tau ** -49 / 8232) / d,
    dg: -(-(tau ** -8) / 3 - tau ** -22 / 30 - tau ** -36 / 85 - tau ** -50 / 168) / d,
    d2g:
      -((8 / 3) * tau ** -9 + (22 / 30) * tau ** -23 + (36 / 85) * tau ** -37 + (50 / 168) * tau ** -51) / d,
  };
}
