import { inputError, NumericalError } from "../errors.js";
import type { Orientation } from "../materials/index.js";
import { SeededRandom } from "../numerics/index.js";
import type { GrainEnergyParameters } from "./grainEnergy.js";
import {
  checkGrid,
  type GrainKinetics,
  MAX_ACTIVE,
  type PhaseFieldGrid,
  prepareStep,
  SparseField,
  stableTimeStep,
  stepScratch,
  stepSparse,
} from "./phaseField.js";
import { hasEmptyCell, maxDifference, RESOLVED_FRACTION, START_TOLERANCE } from "./resolvedStart.js";
import { SemiImplicitWorkspace, semiImplicitTimeStep, stepSemiImplicit } from "./semiImplicit.js";

const BOLTZMANN_EV = 8.617333262e-5;
export type GrainScheme = "explicit" | "semi-implicit";
export const ORIENTATIONS: Orientation[] = ["001", "101", "111"];

/**
 * Zhang2025 "Phase-field simulation setup": nuclei on the bottom row with random positions and
 * orientations; the film is deposited layer by layer (row r becomes active at r / (ny - 1) of the
 * fill time and starts as a copy of the row below, i.e. grains continue upward), and grains compete
 * through Allen-Cahn dynamics with orientation-dependent mobility and gradient energy:
 *   L_q = L1 exp(-L2 E_a / (kB T))          (Zhang2025 eq 16)
 *   kappa_q = k1 exp(k2 E_s / E_0)          (Zhang2025 eq 17), E_0 = mean E_s of the orientations.
 * Eqs 14-17 alone give grains no bulk driving force (mobilities only set rates), so which texture
 * wins would be decided by numerical details. We add the energy density of the paper's own
 * thermodynamic theory (eqs 5 and 12) as each grain's bulk energy, U_q = E_s,q / h + A exp(-beta
 * D_q / (L R)), measured from the mean over orientations in units of A = sigma_y (eps_T - eps_c):
 * the "thermodynamic theory-based phase-field model" of Zhang2025 Fig. S5 as we read it.
 */
export interface GrainSelectionInput {
  grid: PhaseFieldGrid;
  nuclei: number;
  surfaceEnergy_J_m2: Record<Orientation, number>;
  barrier_eV: Record<Orientation, number>;
  temperature_K: number;
  /** Parameters of the grain energy U_q (grain-energy study). */
  energy: GrainEnergyParameters;
  mobilityPrefactor: number;
  mobilityExponent: number;
  gradientPrefactor: number;
  gradientExponent: number;
  w: number;
  /**
   * "semi-implicit" (gradient term implicit, semiImplicit.ts; stable at Zhang2025's dt = 0.01) or
   * "explicit" (forward Euler, dt below ~1.3e-3 for Li). Omitted: "explicit".
   */
  scheme?: GrainScheme;
  /**
   * Semi-implicit: the start is taken in explicit sub-steps until one semi-implicit step differs
   * from them by less than this in every phi (resolvedStart.ts). Omitted: START_TOLERANCE (1e-4).
   */
  startTolerance?: number;
  /**
   * Semi-implicit: 2 for SBDF2 (semiImplicit.ts; its first step after the start is IMEX Euler), 1
   * for IMEX Euler. Omitted: 2 (against the explicit scheme at dt / 16 at the paper size, with the
   * start of resolvedStart.ts, no record of 3981 more than 1 point off on seeds 1-6; IMEX Euler:
   * 8-17 on seeds 1-3 with the earlier start; docs/texture.md).
   */
  order?: 1 | 2;
  /** Time step; must not exceed the scheme's stability limit (stableTimeStepFor). */
  dt: number;
  steps: number;
  /** Fraction of the run after which the last row is active (layer-by-layer deposition). */
  fillFraction: number;
  seed: number;
  /** Record texture fractions this many times over the run. */
  records: number;
  /** Fractions of endTime at which to keep orientation maps. */
  snapshotFractions: number[];
  /**
   * Solve every deposited row (the 2D computation) instead of the one row that stands for all of
   * them (simulateGrainSelection): for checks and benchmarks of the 2D step. The same result up to
   * round-off. Omitted: false.
   */
  solveEveryRow?: boolean;
}

/**
 * The film at one instant, per cell (row after row, nx per row). A cell where no grain has phi above
 * 0.5 (inside a wide boundary, or a row not yet deposited) has grain -1 and orientation -1.
 */
export interface GrainSnapshot {
  time: number;
  /** Index into ORIENTATIONS of the cell's grain. */
  orientation: Int8Array;
  /** The grain with the largest phi (its nucleus index): tells touching grains of one orientation apart. */
  grain: Int32Array;
}

export interface GrainSelectionResult {
  textureFraction: Record<Orientation, number>;
  grainCount: number;
  meanGrainWidth: number;
  history: { time: number[]; fraction001: number[]; fraction101: number[]; fraction111: number[] };
  snapshots: GrainSnapshot[];
  steps: number;
  /** Semi-implicit: explicit sub-steps taken in the resolved start (instead of whole steps). */
  resolvedSubsteps: number;
  /** Semi-implicit: model time at which the resolved start ended (the run's end if it never did). */
  resolvedUntil: number;
  /** Cells solved, summed over all steps and sub-steps: the work done. */
  cellUpdates: number;
  /** Wall time inside the steps alone (no set-up, recording or snapshots), for benchmarks. */
  steppingSeconds: number;
  /** Stability limit of the scheme used. */
  stableTimeStep: number;
  maxSumSquares: number;
}

/** Energy density U_q of a grain orientation (Zhang2025 eqs 5, 12, 13), J/m^3. */
export function grainEnergyDensity(input: GrainSelectionInput, o: Orientation): number {
  const p = input.energy;
  const diffusivity =
    p.diffusionPrefactor_m2_s * Math.exp(-input.barrier_eV[o] / (BOLTZMANN_EV * input.temperature_K));
  const strain =
    p.yieldStrength_Pa *
    p.strainRange *
    Math.exp((-p.beta * diffusivity) / (p.grainSize_m * p.depositionRate_m_s));
  return input.surfaceEnergy_J_m2[o] / p.thickness_m + strain;
}

export function grainKinetics(input: GrainSelectionInput, orientationOf: Orientation[]): GrainKinetics {
  const meanSurfaceEnergy =
    ORIENTATIONS.reduce((s, o) => s + input.surfaceEnergy_J_m2[o], 0) / ORIENTATIONS.length;
  const scale = input.energy.yieldStrength_Pa * input.energy.strainRange;
  const meanEnergy = ORIENTATIONS.reduce((s, o) => s + grainEnergyDensity(input, o), 0) / ORIENTATIONS.length;
  const mobility = Float64Array.from(
    orientationOf,
    (o) =>
      input.mobilityPrefactor *
      Math.exp((-input.mobilityExponent * input.barrier_eV[o]) / (BOLTZMANN_EV * input.temperature_K)),
  );
  const gradient = Float64Array.from(
    orientationOf,
    (o) =>
      input.gradientPrefactor *
      Math.exp((input.gradientExponent * input.surfaceEnergy_J_m2[o]) / meanSurfaceEnergy),
  );
  const drive = Float64Array.from(orientationOf, (o) => (grainEnergyDensity(input, o) - meanEnergy) / scale);
  return { mobility, gradient, w: input.w, drive };
}

/** Nuclei: distinct random columns of the bottom row, random orientations (seeded). */
export function placeNuclei(input: GrainSelectionInput): { column: Int32Array; orientation: Orientation[] } {
  const random = new SeededRandom(input.seed);
  const columns = Array.from({ length: input.grid.nx }, (_, i) => i);
  for (let k = columns.length - 1; k > 0; k--) {
    const m = Math.floor(random.uniform() * (k + 1));
    [columns[k], columns[m]] = [columns[m], columns[k]];
  }
  const column = Int32Array.from(columns.slice(0, input.nuclei));
  const orientation = Array.from(
    { length: input.nuclei },
    () => ORIENTATIONS[Math.floor(random.uniform() * 3)],
  );
  return { column, orientation };
}

export function simulateGrainSelection(
  input: GrainSelectionInput,
  onProgress?: (f: number) => void,
): GrainSelectionResult {
  const { grid } = input;
  const { column, orientation } = placeNuclei(input);
  const kinetics = grainKinetics(input, orientation);
  const scheme = input.scheme ?? "explicit";
  const limit = schemeTimeStep(grid, kinetics, scheme, input.order ?? 2);
  if (input.dt > limit) {
    throw inputError(
      "params.dt",
      `expected at most the ${scheme} stability limit ${limit.toPrecision(4)}, got ${input.dt}`,
    );
  }
  checkGrid(grid, input.nuclei);
  // Every column stays uniform: the nuclei sit on the bottom row, each deposited row starts as a
  // copy of the row below and the bottom and the deposition front are zero-flux walls, so the y
  // differences vanish and every row follows the bottom row's equations (Zhang2025 "Phase-field
  // simulation setup"). One row is solved and stands for every deposited row: the texture history,
  // snapshots and metrics equal those of the 2D computation (solveEveryRow; grainSelection.test).
  const everyRow = input.solveEveryRow ?? false;
  const solvedGrid = everyRow ? grid : { ...grid, ny: 1 };
  const solvedCells = solvedGrid.nx * solvedGrid.ny;
  let field = new SparseField(solvedGrid);
  let next = new SparseField(solvedGrid);
  column.forEach((i, q) => {
    field.set(i, q, 1);
  });
  const scratch = stepScratch(input.nuclei);
  prepareStep(scratch, kinetics, grid, input.dt);
  const work = scheme === "semi-implicit" ? new SemiImplicitWorkspace(solvedGrid, input.nuclei) : undefined;
  const substepsPerStep = Math.ceil(input.dt / (RESOLVED_FRACTION * stableTimeStep(grid, kinetics)));
  const tolerance = input.startTolerance ?? START_TOLERANCE;
  const order = input.order ?? 2;
  const trial = work ? new SparseField(solvedGrid) : undefined;
  let resolving = work !== undefined;
  let resolvedUntil = 0;
  let substeps = 0;
  let cellUpdates = 0;
  let steppingSeconds = 0;
  const steps = input.steps;
  const fillTime = input.fillFraction * steps * input.dt;
  const recordEvery = Math.max(1, Math.floor(steps / input.records));
  const snapshotSteps = input.snapshotFractions.map((f) => Math.round(f * steps));
  const history = {
    time: [] as number[],
    fraction001: [] as number[],
    fraction101: [] as number[],
    fraction111: [] as number[],
  };
  const snapshots: GrainSnapshot[] = [];
  let depositedRows = 1;
  /** Rows the steps compute: the deposited ones, or the one standing for them all. */
  let solvedRows = 1;
  let maxSumSquares = 0;
  const orientationIndex = Int8Array.from(orientation, (o) => ORIENTATIONS.indexOf(o));
  // A cell of the film is the cell of the solved grid at the same place modulo its size (cell % nx
  // where one row is solved, the cell itself where every row is).
  const grainsOf = (rows: number) => {
    const grains = new Int32Array(grid.nx * grid.ny).fill(-1);
    for (let cell = 0; cell < rows * grid.nx; cell++) grains[cell] = field.dominant(cell % solvedCells);
    return grains;
  };
  const orientationsOf = (grains: Int32Array) =>
    Int8Array.from(grains, (g) => (g >= 0 ? orientationIndex[g] : -1));
  // Over the solved rows: n equal rows scale every count by n, which leaves each fraction's value
  // (a ratio of integers, rounded once) exactly as it is.
  const fractions = () => {
    const counts = [0, 0, 0];
    for (let cell = 0; cell < solvedRows * grid.nx; cell++) {
      const g = field.dominant(cell);
      if (g >= 0) counts[orientationIndex[g]]++;
    }
    const total = counts[0] + counts[1] + counts[2] || 1;
    return counts.map((c) => c / total);
  };
  for (let step = 0; step <= steps; step++) {
    const time = step * input.dt;
    const wanted = Math.min(grid.ny, 1 + Math.floor(((grid.ny - 1) * time) / fillTime + 1e-9));
    while (depositedRows < wanted) {
      if (everyRow) {
        for (let i = 0; i < grid.nx; i++) {
          field.copyCell((depositedRows - 1) * grid.nx + i, depositedRows * grid.nx + i);
          work?.copyHistory((depositedRows - 1) * grid.nx + i, depositedRows * grid.nx + i, grid.nx);
        }
        solvedRows++;
      }
      depositedRows++;
    }
    if (step % recordEvery === 0 || step === steps) {
      const [a, b, c] = fractions();
      history.time.push(time);
      history.fraction001.push(a);
      history.fraction101.push(b);
      history.fraction111.push(c);
      onProgress?.(step / steps);
    }
    if (snapshotSteps.includes(step)) {
      const grain = grainsOf(depositedRows);
      snapshots.push({ time, orientation: orientationsOf(grain), grain });
    }
    if (step === steps) break;
    // The deposition front is a zero-flux wall: surface energy enters through U_q (eq 5), not through
    // a phi = 0 boundary whose decay rate L kappa would favour slow grains for numerical reasons.
    const started = performance.now();
    cellUpdates += solvedRows * grid.nx;
    if (!work) {
      stepSparse(field, next, solvedRows, scratch, "wall");
      [field, next] = [next, field];
    } else if (resolving && trial) {
      // Resolved start (resolvedStart.ts). While cells are still empty, grains spread into them as a
      // pulled front running tens of cells ahead, which sparse candidates follow one cell per step:
      // no trial then. Afterwards a trial semi-implicit step from the same state measures the local
      // error of the step that would replace the sub-steps.
      const cells = solvedRows * grid.nx;
      const compare = !hasEmptyCell(field, cells);
      if (compare) stepSemiImplicit(field, trial, solvedRows, scratch, work, "wall");
      prepareStep(scratch, kinetics, grid, input.dt / substepsPerStep);
      for (let k = 0; k < substepsPerStep; k++) {
        stepSparse(field, next, solvedRows, scratch, "wall");
        [field, next] = [next, field];
      }
      prepareStep(scratch, kinetics, grid, input.dt);
      substeps += substepsPerStep;
      cellUpdates += (substepsPerStep - 1) * cells;
      if (compare && maxDifference(trial, field, cells) < tolerance) {
        resolving = false;
        resolvedUntil = time + input.dt;
      }
    } else {
      stepSemiImplicit(field, next, solvedRows, scratch, work, "wall", order);
      [field, next] = [next, field];
    }
    steppingSeconds += (performance.now() - started) / 1000;
    if (step % 100 === 0) {
      for (let cell = 0; cell < solvedRows * grid.nx; cell++) {
        let sum = 0;
        for (let s = 0; s < field.counts[cell]; s++) sum += field.values[cell * MAX_ACTIVE + s] ** 2;
        maxSumSquares = Math.max(maxSumSquares, sum);
      }
      if (!Number.isFinite(maxSumSquares) || maxSumSquares > 10) {
        throw new NumericalError(
          `phase field diverged at t = ${time} (dt ${input.dt} vs stable limit ${limit})`,
          maxSumSquares,
        );
      }
    }
  }
  const [f001, f101, f111] = fractions();
  const grains = new Set<number>();
  for (let cell = 0; cell < solvedRows * grid.nx; cell++) {
    const g = field.dominant(cell);
    if (g >= 0) grains.add(g);
  }
  // Mean grain width from runs of one dominant grain along the top row (held by no grain before it
  // is deposited).
  const topRow = depositedRows === grid.ny ? solvedRows - 1 : -1;
  let runs = 0;
  let previous = -2;
  for (let i = 0; i < grid.nx; i++) {
    const g = topRow < 0 ? -1 : field.dominant(topRow * grid.nx + i);
    if (g !== previous) runs++;
    previous = g;
  }
  return {
    textureFraction: { "001": f001, "101": f101, "111": f111 },
    grainCount: grains.size,
    meanGrainWidth: (grid.nx * grid.dx) / Math.max(runs, 1),
    history,
    snapshots,
    steps,
    resolvedSubsteps: substeps,
    resolvedUntil: resolving ? steps * input.dt : resolvedUntil,
    cellUpdates,
    steppingSeconds,
    stableTimeStep: limit,
    maxSumSquares,
  };
}

function schemeTimeStep(
  grid: PhaseFieldGrid,
  kinetics: GrainKinetics,
  scheme: GrainScheme,
  order: 1 | 2,
): number {
  return scheme === "explicit" ? stableTimeStep(grid, kinetics) : semiImplicitTimeStep(kinetics, order);
}

/** The stability limit of a scheme for a setup (depends on the grains' L, kappa and bulk energies). */
export function stableTimeStepFor(input: Omit<GrainSelectionInput, "dt" | "steps">): number {
  const { orientation } = placeNuclei(input as GrainSelectionInput);
  return schemeTimeStep(
    input.grid,
    grainKinetics(input as GrainSelectionInput, orientation),
    input.scheme ?? "explicit",
    input.order ?? 2,
  );
}
