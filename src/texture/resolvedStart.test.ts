import { describe, expect, it } from "vitest";
import { liSolidGrainSelection } from "../testing/liSolidGrainSelection.js";
import {
  type GrainSelectionResult,
  SparseField,
  simulateGrainSelection,
  stableTimeStepFor,
} from "./index.js";
import { maxDifference, RESOLVED_FRACTION } from "./resolvedStart.js";

/** Li in solid electrolyte (Zhang2025 Table S2), 40 x 2 cells (one active row: the paper's runs are 1D). */
const setup = liSolidGrainSelection({ nx: 40, ny: 2 }, 12);
const endTime = 4;
// Each run takes ~0.2 s of processor time here, far less than starting a worker thread to hold it
// (~1-2 s to load the modules): runs are made in this thread, once each, shared by the tests.
const made = new Map<string, GrainSelectionResult>();
const semi = (tolerance: number, seed = 1): GrainSelectionResult => {
  const key = `${tolerance} ${seed}`;
  let run = made.get(key);
  if (!run) {
    run = simulateGrainSelection({
      ...setup,
      seed,
      scheme: "semi-implicit",
      dt: 0.01,
      steps: endTime / 0.01,
      startTolerance: tolerance,
    });
    made.set(key, run);
  }
  return run;
};

describe("resolved start of the semi-implicit grain-selection run", () => {
  it("measures the largest phi difference over the grains of either field", () => {
    const grid = { nx: 2, ny: 1, dx: 1 };
    const a = new SparseField(grid);
    const b = new SparseField(grid);
    a.set(0, 3, 0.7);
    b.set(0, 3, 0.65);
    b.set(1, 5, 0.2); // absent from a: phi = 0 there
    a.set(1, 4, 0.1);
    expect(maxDifference(a, b, 2)).toBeCloseTo(0.2, 15);
    expect(maxDifference(b, a, 2)).toBeCloseTo(0.2, 15);
    expect(maxDifference(a, b, 1)).toBeCloseTo(0.05, 15);
  });

  it("ends at a time set by the field: another seed, another time; a smaller tolerance, later", () => {
    const [loose, medium, otherSeed] = [semi(1e-2), semi(1e-4), semi(1e-4, 2)];
    for (const run of [loose, medium, otherSeed]) {
      expect(run.resolvedUntil).toBeGreaterThan(0.1);
      expect(run.resolvedUntil).toBeLessThan(endTime);
    }
    // The resolved path is the same until the switch, so the first step whose local error falls
    // below a smaller tolerance cannot come earlier.
    expect(medium.resolvedUntil).toBeGreaterThan(loose.resolvedUntil);
    expect(Math.abs(otherSeed.resolvedUntil - medium.resolvedUntil)).toBeGreaterThan(0.1);
    // Sub-steps: ceil(dt / (RESOLVED_FRACTION x explicit limit)) for every step of the start.
    const perStep = Math.ceil(0.01 / (RESOLVED_FRACTION * stableTimeStepFor(setup)));
    expect(medium.resolvedSubsteps).toBe(Math.round(medium.resolvedUntil / 0.01) * perStep);
  });

  it("converges to the explicit history at the sub-step as the tolerance shrinks (equal at 0)", () => {
    const perStep = Math.ceil(0.01 / (RESOLVED_FRACTION * stableTimeStepFor(setup)));
    const explicit = simulateGrainSelection({
      ...setup,
      dt: 0.01 / perStep,
      steps: (endTime / 0.01) * perStep,
    });
    const runs = [semi(1e-2), semi(1e-4), semi(0)];
    const meanGap = (run: GrainSelectionResult) => {
      expect(run.history.time).toHaveLength(explicit.history.time.length);
      let sum = 0;
      run.history.time.forEach((t, k) => {
        expect(t).toBeCloseTo(explicit.history.time[k], 9);
        sum += Math.abs(run.history.fraction001[k] - explicit.history.fraction001[k]);
      });
      return sum / run.history.time.length;
    };
    const [loose, medium, exact] = runs.map(meanGap);
    expect(loose).toBeGreaterThan(0);
    expect(medium).toBeLessThan(loose);
    expect(exact).toBe(0);
    expect(runs[2].resolvedUntil).toBe(endTime);
    for (const key of ["fraction001", "fraction101", "fraction111"] as const)
      expect(runs[2].history[key]).toEqual(explicit.history[key]);
  });
});
