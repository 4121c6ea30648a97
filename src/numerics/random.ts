/**
 * Seeded pseudo-random numbers (same seed, same sequence, on every platform): mulberry32, a small
 * 32-bit generator adequate for synthetic noise and Monte Carlo test data, and Box-Muller normals.
 */
export class SeededRandom {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * The generator's 32-bit state, so that a kernel elsewhere (the Monte Carlo WebAssembly kernel)
   * can continue the same stream and hand it back.
   */
  get streamState(): number {
    return this.state;
  }

  set streamState(value: number) {
    this.state = value >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal deviate. */
  normal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }
}
