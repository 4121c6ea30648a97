/**
 * Inden–Hillert–Jarl magnetic contribution (M. Hillert, M. Jarl, CALPHAD 2 (1978) 227; as written in
 * A.T. Dinsdale, CALPHAD 15 (1991) 317, eqs 9-11):
 *   G_mag = R T ln(beta + 1) g(tau),  tau = T / T_C,
 *   tau < 1:  g = 1 - [79 tau^-1 / (140 p) + (474/497)(1/p - 1)(tau^3/6 + tau^9/135 + tau^15/600)] / A
 *   tau >= 1: g = -(tau^-5/10 + tau^-15/315 + tau^-25/1500) / A
 *   A = 518/1125 + (11692/15975)(1/p - 1),
 * with p = 0.4 (BCC) or 0.28 (others), and negative T_C and beta divided by the antiferromagnetic
 * factor (-1 BCC, -3 FCC/HCP) as in Thermo-Calc and pycalphad.
 */
export function ihjFunction(tau: number, p: number): { g: number; dg: number; d2g: number } {
  const a = 518 / 1125 + (11692 / 15975) * (1 / p - 1);
  if (tau < 1) {
    const c = (474 / 497) * (1 / p - 1);
    const k = 79 / (140 * p);
    return {
      g: 1 - (k / tau + c * (tau ** 3 / 6 + tau ** 9 / 135 + tau ** 15 / 600)) / a,
      dg: -(-k / tau ** 2 + c * (tau ** 2 / 2 + tau ** 8 / 15 + tau ** 14 / 40)) / a,
      d2g: -((2 * k) / tau ** 3 + c * (tau + (8 * tau ** 7) / 15 + (14 * tau ** 13) / 40)) / a,
    };
  }
  return {
    g: -(tau ** -5 / 10 + tau ** -15 / 315 + tau ** -25 / 1500) / a,
    dg: -(-(tau ** -6) / 2 - tau ** -16 / 21 - tau ** -26 / 60) / a,
    d2g: -(3 * tau ** -7 + (16 / 21) * tau ** -17 + (26 / 60) * tau ** -27) / a,
  };
}
