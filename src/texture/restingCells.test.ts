import { describe, expect, it } from "vitest";
import {
  type GrainKinetics,
  MAX_ACTIVE,
  prepareStep,
  SemiImplicitWorkspace,
  SparseField,
  stableTimeStep,
  stepScratch,
  stepSemiImplicit,
  stepSparse,
} from "./index.js";

// Two slow (001)-like grains meeting at a flat boundary (at rest once its profile has formed) and a
// fast round grain (Li (101)'s mobility, a smaller kappa so that its tails stay in the left half) in
// the left one, which shrinks and is solved implicitly at dt = 0.01.
const kinetics: GrainKinetics = {
  mobility: Float64Array.from([1.72, 1.72, 6.08]),
  gradient: Float64Array.from([0.153, 0.153, 1]),
  w: 1,
  drive: Float64Array.from([-0.047, -0.047, 0.0036]),
};

/**
 * "vertical": the boundary at i = 40 crosses every row, so no row rests whole. "horizontal": the
 * boundary lies along row 20 and the round grain sits below it; the round grain's tails (about 18
 * cells from 1 down to 1e-4 at kappa = 1) end below the top rows, which rest whole.
 */
type Layout = "vertical" | "horizontal";
const grids = { vertical: { nx: 64, ny: 16, dx: 0.5 }, horizontal: { nx: 24, ny: 40, dx: 0.5 } };
const grid = grids.vertical;

function start(layout: Layout): SparseField {
  const grid = grids[layout];
  const field = new SparseField(grid);
  for (let j = 0; j < grid.ny; j++) {
    for (let i = 0; i < grid.nx; i++) {
      const round = layout === "vertical" ? Math.hypot(i - 10, j - 8) < 4 : Math.hypot(i - 10, j - 5) < 4;
      const grain = round ? 2 : (layout === "vertical" ? i < 40 : j < 20) ? 0 : 1;
      field.set(j * grid.nx + i, grain, 1);
    }
  }
  return field;
}

/** Runs a scheme; `recomputeAll` makes every step visit every cell (no resting cells). */
function run(
  scheme: "explicit" | "semi-implicit" | "sbdf2",
  steps: number,
  dt: number,
  recomputeAll: boolean,
  layout: Layout = "vertical",
) {
  const grid = grids[layout];
  let field = start(layout);
  let next = new SparseField(grid);
  const scratch = stepScratch(3);
  const work = new SemiImplicitWorkspace(grid, 3);
  prepareStep(scratch, kinetics, grid, dt);
  for (let step = 0; step < steps; step++) {
    if (recomputeAll) field.forgetHistory();
    if (scheme === "explicit") stepSparse(field, next, grid.ny, scratch, "wall");
    else stepSemiImplicit(field, next, grid.ny, scratch, work, "wall", scheme === "sbdf2" ? 2 : 1);
    [field, next] = [next, field];
  }
  return field;
}

function differences(a: SparseField, b: SparseField): number {
  let differing = 0;
  for (let cell = 0; cell < a.counts.length; cell++) {
    let same = a.counts[cell] === b.counts[cell];
    for (let s = 0; same && s < a.counts[cell]; s++) {
      const k = cell * MAX_ACTIVE + s;
      same = a.ids[k] === b.ids[k] && Object.is(a.values[k], b.values[k]);
    }
    if (!same) differing++;
  }
  return differing;
}

const resting = (f: SparseField) => f.changed.reduce((n, c) => n + (c === 0 ? 1 : 0), 0);
const restingRows = (f: SparseField) => f.rowChanged.reduce((n, c) => n + (c === 0 ? 1 : 0), 0);

describe("cells at rest are skipped exactly", () => {
  it.each([
    ["explicit", 1500, 0.9 * stableTimeStep(grid, kinetics), "vertical"],
    ["semi-implicit", 1500, 0.01, "vertical"],
    ["explicit", 1500, 0.9 * stableTimeStep(grid, kinetics), "horizontal"],
    ["semi-implicit", 1500, 0.01, "horizontal"],
    // Second order: a cell rests only where its history term (local to it) is also unchanged.
    ["sbdf2", 1500, 0.01, "vertical"],
    ["sbdf2", 1500, 0.01, "horizontal"],
  ] as const)(
    "%s: the same field bit for bit as recomputing every cell (%i steps of %f, %s boundary)",
    (scheme, steps, dt, layout) => {
      const skipping = run(scheme, steps, dt, false, layout);
      const full = run(scheme, steps, dt, true, layout);
      expect(differences(skipping, full)).toBe(0);
      // The case has cells at rest to skip (the interiors and the formed flat boundary) ...
      expect(resting(skipping)).toBeGreaterThan(0.25 * skipping.counts.length);
      // ... and, with the boundary along a row, whole rows (skipped without visiting their cells).
      if (layout === "horizontal") expect(restingRows(skipping)).toBeGreaterThan(5);
    },
  );
});

describe("cells holding implicitly solved grains", () => {
  it("feel a change anywhere along their runs within one step (never skipped)", () => {
    // One fast grain at rest (phi = 1 everywhere), then one cell is disturbed: the line solves carry
    // the change along its row and column at once, beyond the cells next to it.
    const strip = { nx: 24, ny: 6, dx: 0.5 };
    const fast: GrainKinetics = { mobility: Float64Array.of(6.08), gradient: Float64Array.of(7.87), w: 1 };
    const scratch = stepScratch(1);
    prepareStep(scratch, fast, strip, 0.01);
    const step = (field: SparseField, next: SparseField, work: SemiImplicitWorkspace) => {
      stepSemiImplicit(field, next, strip.ny, scratch, work, "wall");
      return next;
    };
    const results = [false, true].map((recomputeAll) => {
      let field = new SparseField(strip);
      let next = new SparseField(strip);
      const work = new SemiImplicitWorkspace(strip, 1);
      for (let cell = 0; cell < strip.nx * strip.ny; cell++) field.set(cell, 0, 1);
      for (let k = 0; k < 3; k++) [field, next] = [step(field, next, work), field];
      field.set(2 * strip.nx + 5, 0, 0.9);
      if (recomputeAll) field.forgetHistory();
      return step(field, next, work);
    });
    const far = 2 * strip.nx + 20;
    expect(results[1].get(far, 0)).not.toBe(1);
    for (let cell = 0; cell < strip.nx * strip.ny; cell++)
      expect(results[0].get(cell, 0)).toBe(results[1].get(cell, 0));
  });
});
