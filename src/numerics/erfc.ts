// Chebyshev coefficients of erfc(z) = t exp(-z^2 + P(4t - 2)), t = 2/(2 + z), z >= 0: Press, Teukolsky,
// Vetterling, Flannery, Numerical Recipes 3rd ed. (2007) section 6.2.2, struct Erf ("erfccheb"),
// accurate to about double precision.
const COEFFICIENTS = [
  -1.3026537197817094, 6.419697923564902e-1, 1.9476473204185836e-2, -9.561514786808631e-3,
  -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6,
  1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10,
  -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13,
  3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
];

/**
 * Complementary error function erfc(x) = (2/sqrt(pi)) int_x^inf exp(-t^2) dt, computed directly (not
 * as 1 - erf) so that its relative accuracy holds in the tail; erfc(-x) = 2 - erfc(x).
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 2 / (2 + z);
  const ty = 4 * t - 2;
  let d = 0;
  let dd = 0;
  for (let j = COEFFICIENTS.length - 1; j > 0; j--) {
    const previous = d;
    d = ty * d - dd + COEFFICIENTS[j];
    dd = previous;
  }
  const value = t * Math.exp(-z * z + 0.5 * (COEFFICIENTS[0] + ty * d) - dd);
  return x >= 0 ? value : 2 - value;
}
