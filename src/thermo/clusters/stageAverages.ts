/**
 * The statistics of one Monte Carlo stage: averages over its second half of steps (Xie2024: the
 * first half equilibrates), shared by the sampler and the reference kernel.
 */
export interface SampleStatistics {
  temperature_K: number;
  steps: number;
  /** Averages over the second half of the steps. */
  meanEnergy_J: number;
  energyVariance_J2: number;
  /** Mean site function over active sites (composition in the indicator basis, magnetisation in spin). */
  meanOrder: number;
  meanOrderSquared: number;
  meanOrderFourth: number;
  /** Accepted moves per step. */
  acceptance: number;
}

export class StageAverages {
  private readonly firstSampled: number;
  // Energies are accumulated relative to the first sampled one so that the variance does not cancel.
  private reference: number;
  private sumE = 0;
  private sumE2 = 0;
  private sumM = 0;
  private sumM2 = 0;
  private sumM4 = 0;

  constructor(
    private readonly temperature_K: number,
    private readonly steps: number,
    startEnergy_J: number,
  ) {
    this.firstSampled = Math.floor(steps / 2);
    this.reference = startEnergy_J;
  }

  /** The state after step `step` (0-based): total energy and mean site function. */
  record(step: number, energy_J: number, order: number): void {
    if (step < this.firstSampled) return;
    if (step === this.firstSampled) this.reference = energy_J;
    const e = energy_J - this.reference;
    const m2 = order * order;
    this.sumE += e;
    this.sumE2 += e * e;
    this.sumM += order;
    this.sumM2 += m2;
    this.sumM4 += m2 * m2;
  }

  result(accepted: number): SampleStatistics {
    const samples = this.steps - this.firstSampled;
    const meanShift = this.sumE / samples;
    return {
      temperature_K: this.temperature_K,
      steps: this.steps,
      meanEnergy_J: this.reference + meanShift,
      energyVariance_J2: Math.max(this.sumE2 / samples - meanShift * meanShift, 0),
      meanOrder: this.sumM / samples,
      meanOrderSquared: this.sumM2 / samples,
      meanOrderFourth: this.sumM4 / samples,
      acceptance: accepted / this.steps,
    };
  }
}
