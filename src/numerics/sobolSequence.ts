import { SeededRandom } from "./random.js";

/**
 * The Sobol' low-discrepancy sequence (Sobol' 1967) in base 2, unscrambled, generated in Gray-code
 * order (Antonov & Saleev 1979) so each point costs one XOR per dimension. Point 0 is the origin, as
 * in Joe & Kuo's reference generator and scipy.stats.qmc.Sobol(scramble=False).
 *
 * Direction numbers: Joe & Kuo, "Constructing Sobol sequences with better two-dimensional
 * projections", SIAM J. Sci. Comput. 30 (2008) 2635-2654, file new-joe-kuo-6.21201 (the table
 * scipy ships), dimensions 2 to 32. Each row is [s, a, m_1..m_s]: the degree s of the primitive
 * polynomial, its inner coefficients a as bits, and the initial direction integers m_k.
 */
const JOE_KUO: readonly (readonly [number, number, readonly number[]])[] = [
  [1, 0, [1]],
  [2, 1, [1, 3]],
  [3, 1, [1, 3, 1]],
  [3, 2, [1, 1, 1]],
  [4, 1, [1, 1, 3, 3]],
  [4, 4, [1, 3, 5, 13]],
  [5, 2, [1, 1, 5, 5, 17]],
  [5, 4, [1, 1, 5, 5, 5]],
  [5, 7, [1, 1, 7, 11, 19]],
  [5, 11, [1, 1, 5, 1, 1]],
  [5, 13, [1, 1, 1, 3, 11]],
  [5, 14, [1, 3, 5, 5, 31]],
  [6, 1, [1, 3, 3, 9, 7, 49]],
  [6, 13, [1, 1, 1, 15, 21, 21]],
  [6, 16, [1, 3, 1, 13, 27, 49]],
  [6, 19, [1, 1, 1, 15, 7, 5]],
  [6, 22, [1, 3, 1, 15, 13, 25]],
  [6, 25, [1, 1, 5, 5, 19, 61]],
  [7, 1, [1, 3, 7, 11, 23, 15, 103]],
  [7, 4, [1, 3, 7, 13, 13, 15, 69]],
  [7, 7, [1, 1, 3, 13, 7, 35, 63]],
  [7, 8, [1, 3, 5, 9, 1, 25, 53]],
  [7, 14, [1, 3, 1, 13, 9, 35, 107]],
  [7, 19, [1, 3, 1, 5, 27, 61, 31]],
  [7, 21, [1, 1, 5, 11, 19, 41, 61]],
  [7, 28, [1, 3, 5, 3, 3, 13, 69]],
  [7, 31, [1, 1, 7, 13, 1, 19, 1]],
  [7, 32, [1, 3, 7, 5, 13, 19, 59]],
  [7, 37, [1, 1, 3, 9, 25, 29, 41]],
  [7, 41, [1, 3, 5, 13, 23, 1, 55]],
  [7, 42, [1, 3, 7, 3, 13, 59, 17]],
];

const BITS = 32;

/** The most dimensions the built-in direction numbers support. */
export const SOBOL_MAX_DIMENSIONS = JOE_KUO.length + 1;

/** The 32 direction integers V_1..V_32 of one dimension (Joe & Kuo 2008, eq. 3 recurrence). */
function directionIntegers(dimension: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dimension === 0) {
    // The first coordinate is the van der Corput sequence: every m_k = 1.
    for (let k = 0; k < BITS; k++) v[k] = (1 << (BITS - 1 - k)) >>> 0;
    return v;
  }
  const [s, a, m] = JOE_KUO[dimension - 1];
  for (let k = 0; k < Math.min(s, BITS); k++) v[k] = (m[k] << (BITS - 1 - k)) >>> 0;
  for (let k = s; k < BITS; k++) {
    let value = (v[k - s] ^ (v[k - s] >>> s)) >>> 0;
    for (let j = 1; j < s; j++) if ((a >>> (s - 1 - j)) & 1) value = (value ^ v[k - j]) >>> 0;
    v[k] = value;
  }
  return v;
}

/** Position (0-based) of the lowest zero bit of n: the direction integer Gray-code order flips next. */
function lowestZeroBit(n: number): number {
  let bit = 0;
  while ((n >>> bit) & 1) bit++;
  return bit;
}

/**
 * Points `skip` to `skip + count - 1` of the `dimensions`-dimensional Sobol' sequence, each in
 * [0, 1)^dimensions. Balance properties (every dyadic interval of length 2^-m holding exactly one
 * of 2^m consecutive points from 0) hold for counts that are powers of two taken from point 0.
 * With `shiftSeed`, each coordinate is XORed with a seeded random 32-bit word (a random digital
 * shift, Owen 2003 / Dick & Pillichshammer 2010 sec. 4.4): the point set keeps those balance
 * properties, and different seeds give independent randomisations for replicate estimates.
 */
export function sobolSequence(dimensions: number, count: number, skip = 0, shiftSeed?: number): number[][] {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > SOBOL_MAX_DIMENSIONS)
    throw new RangeError(`Sobol' sequence: 1 to ${SOBOL_MAX_DIMENSIONS} dimensions, got ${dimensions}`);
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(skip) || skip < 0)
    throw new RangeError(`Sobol' sequence: whole count and skip >= 0, got ${count} and ${skip}`);
  if (skip + count > 2 ** BITS) throw new RangeError(`Sobol' sequence: at most 2^${BITS} points`);
  const directions = Array.from({ length: dimensions }, (_, d) => directionIntegers(d));
  const random = shiftSeed === undefined ? undefined : new SeededRandom(shiftSeed);
  const shift = Array.from({ length: dimensions }, () =>
    random ? Math.floor(random.uniform() * 2 ** BITS) : 0,
  );
  const state = new Uint32Array(dimensions);
  const points: number[][] = [];
  for (let n = 0; n < skip + count; n++) {
    if (n >= skip) points.push(Array.from(state, (x, d) => ((x ^ shift[d]) >>> 0) / 2 ** BITS));
    const bit = lowestZeroBit(n);
    for (let d = 0; d < dimensions; d++) state[d] ^= directions[d][bit];
  }
  return points;
}
