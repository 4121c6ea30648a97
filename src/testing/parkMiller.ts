/**
 * Park and Miller's minimal standard generator (Communications of the ACM 31, 1192, 1988) as uniform
 * numbers in [-0.5, 0.5): reproducible random test matrices and vectors from a seed.
 */
export function parkMillerUniform(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647 - 0.5;
  };
}
