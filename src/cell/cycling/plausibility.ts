import type { CycleSummary } from "./analyse.js";

/** Highest Coulombic efficiency taken as plausible: above it, charge came from somewhere else. */
export const MAX_PLAUSIBLE_CE = 1.05;

/** "3, 7, 12" or "3, 7, 12 ... (40 in all)": lists stay readable for thousands of cycles. */
function listCycles(cycles: CycleSummary[]): string {
  const shown = cycles.slice(0, 5).map((c) => c.cycle);
  return cycles.length > 5 ? `${shown.join(", ")} ... (${cycles.length} in all)` : shown.join(", ");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
}

/**
 * Warnings for cycles no real cell produces: a Coulombic efficiency outside 0-105 % (unpaired
 * steps, a wrong sign convention) and cycles passing less than `noiseFraction` of the median
 * cycle's charge (pulses or probes counted as a cycle).
 */
export function cycleWarnings(cycles: CycleSummary[], noiseFraction: number): string[] {
  const warnings: string[] = [];
  const implausible = cycles.filter(
    (c) => !(c.coulombicEfficiency >= 0 && c.coulombicEfficiency <= MAX_PLAUSIBLE_CE),
  );
  if (implausible.length > 0) {
    const worst = implausible.reduce((a, b) =>
      Math.abs(Math.log(b.coulombicEfficiency)) > Math.abs(Math.log(a.coulombicEfficiency)) ? b : a,
    );
    warnings.push(
      `metrics: Coulombic efficiency outside 0-${100 * MAX_PLAUSIBLE_CE}% in cycle(s) ${listCycles(implausible)} ` +
        `(cycle ${worst.cycle}: ${(100 * worst.coulombicEfficiency).toPrecision(4)}%); check the cycle pairing and platingCurrent`,
    );
  }
  const typical = median(cycles.map((c) => Math.max(c.platedCapacity_C_m2, c.strippedCapacity_C_m2)));
  const small = cycles.filter(
    (c) => Math.min(c.platedCapacity_C_m2, c.strippedCapacity_C_m2) < noiseFraction * typical,
  );
  if (small.length > 0) {
    warnings.push(
      `metrics: cycle(s) ${listCycles(small)} plate or strip less than ${100 * noiseFraction}% of the median ` +
        `cycle's capacity: noise, pulses or an interrupted cycle rather than a cycle`,
    );
  }
  return warnings;
}
