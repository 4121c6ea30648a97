import {
  type GrainKinetics,
  type PhaseFieldGrid,
  prepareStep,
  SparseField,
  stableTimeStep,
  stepScratch,
  stepSparse,
} from "./phaseField.js";
import { SemiImplicitWorkspace, stepSemiImplicit } from "./semiImplicit.js";

/**
 * Motion by curvature of one round grain inside another, the check of both phase-field schemes
 * against the sharp-interface law dR^2/dt = -2 L kappa (Allen & Cahn 1979) and against each other.
 */
export type PhaseFieldScheme = "explicit" | "semi-implicit" | "sbdf2";

/** Zhang2025's Li (101) grains in solid electrolyte (L = 6.08, kappa = 7.87), two of them. */
export const LI_101_PAIR: GrainKinetics = {
  mobility: Float64Array.from([6.08, 6.08]),
  gradient: Float64Array.from([7.87, 7.87]),
  w: 1,
};

/** Advances a field `steps` times with zero-flux walls on every side. */
export function advance(
  field: SparseField,
  kinetics: GrainKinetics,
  scheme: PhaseFieldScheme,
  steps: number,
  dt: number,
  observe?: (f: SparseField, step: number) => void,
): SparseField {
  let current = field;
  let next = new SparseField(field.grid);
  const scratch = stepScratch(kinetics.mobility.length);
  const work = new SemiImplicitWorkspace(field.grid, kinetics.mobility.length);
  prepareStep(scratch, kinetics, field.grid, dt);
  for (let step = 0; step < steps; step++) {
    if (scheme === "explicit") stepSparse(current, next, field.grid.ny, scratch, "wall");
    else stepSemiImplicit(current, next, field.grid.ny, scratch, work, "wall", scheme === "sbdf2" ? 2 : 1);
    [current, next] = [next, current];
    observe?.(current, step + 1);
  }
  return current;
}

/**
 * Grain 0 inside `radius` (model length units) of the domain centre, grain 1 outside. `quarter`:
 * centred on the corner face (i, j) = (-1/2, -1/2) instead, one quarter of the grain on a grid of
 * half the width and height. The zero-flux walls mirror a cell onto itself, i.e. they are mirrors
 * at the cell faces, and a grain centred between the middle cells of the whole grid has the same
 * mirror symmetry, so the quarter evolves as one quarter of the whole, for a quarter of the work.
 */
export function roundGrain(grid: PhaseFieldGrid, radius: number, quarter = false): SparseField {
  const field = new SparseField(grid);
  const cx = quarter ? -0.5 : (grid.nx - 1) / 2;
  const cy = quarter ? -0.5 : (grid.ny - 1) / 2;
  for (let j = 0; j < grid.ny; j++) {
    for (let i = 0; i < grid.nx; i++) {
      const inside = Math.hypot(i - cx, j - cy) * grid.dx < radius;
      field.set(j * grid.nx + i, inside ? 0 : 1, 1);
    }
  }
  return field;
}

/** Area of grain 0: int phi_0, the sharp-interface area for gamma = 1.5 (antisymmetric profile). */
export function grainArea(field: SparseField): number {
  let sum = 0;
  for (let cell = 0; cell < field.counts.length; cell++) sum += field.get(cell, 0);
  return sum * field.grid.dx * field.grid.dx;
}

export interface ShrinkCase {
  /** The grid simulated: with `quarter`, half the width and height of the whole. */
  grid: PhaseFieldGrid;
  radius: number;
  /** Simulate one quarter of the grain (see roundGrain); areas are of the whole grain. */
  quarter?: boolean;
  /** Fit window (model time): after the sharp initial step has relaxed, before the grain is small. */
  from: number;
  to: number;
}

/** The whole grain's area from the field simulated (four times the quarter's with `quarter`). */
function wholeGrainArea(shrink: ShrinkCase, field: SparseField): number {
  return (shrink.quarter ? 4 : 1) * grainArea(field);
}

/**
 * dR^2/dt of the round grain, least squares over samples every 0.1 time units in [from, to];
 * dt omitted: 0.9 x the explicit limit.
 */
export function shrinkRate(shrink: ShrinkCase, scheme: PhaseFieldScheme, dt?: number): number {
  const step = dt ?? 0.9 * stableTimeStep(shrink.grid, LI_101_PAIR);
  const every = Math.max(1, Math.round(0.1 / step));
  const samples: { t: number; r2: number }[] = [];
  const steps = every * Math.round(shrink.to / (every * step));
  advance(
    roundGrain(shrink.grid, shrink.radius, shrink.quarter),
    LI_101_PAIR,
    scheme,
    steps,
    step,
    (f, n) => {
      const t = n * step;
      if (n % every === 0 && t >= shrink.from) samples.push({ t, r2: wholeGrainArea(shrink, f) / Math.PI });
    },
  );
  const mt = samples.reduce((s, p) => s + p.t, 0) / samples.length;
  const mr = samples.reduce((s, p) => s + p.r2, 0) / samples.length;
  return (
    samples.reduce((s, p) => s + (p.t - mt) * (p.r2 - mr), 0) /
    samples.reduce((s, p) => s + (p.t - mt) ** 2, 0)
  );
}

/** Area of the round grain after `endTime` with a semi-implicit scheme at each dt (convergence). */
export function semiImplicitAreas(
  shrink: ShrinkCase,
  endTime: number,
  steps: number[],
  scheme: "semi-implicit" | "sbdf2" = "semi-implicit",
): number[] {
  return steps.map((dt) =>
    wholeGrainArea(
      shrink,
      advance(
        roundGrain(shrink.grid, shrink.radius, shrink.quarter),
        LI_101_PAIR,
        scheme,
        Math.round(endTime / dt),
        dt,
      ),
    ),
  );
}
