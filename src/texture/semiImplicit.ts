import {
  commitCell as commitCell_,
  commitSingle as commitSingle_,
  GAMMA as GAMMA_,
  type GrainKinetics,
  gatherCandidates,
  MAX_ACTIVE as MAX_ACTIVE_,
  neighbourhoodChanged as neighbourhoodChanged_,
  type PhaseFieldGrid,
  rowsAtRest as rowsAtRest_,
  type SparseField,
  type StepScratch,
  stepKey,
} from "./phaseField.js";

// Module-local copies: an imported binding can be a getter call in a hot loop once transpiled.
const GAMMA = GAMMA_;
const MAX_ACTIVE = MAX_ACTIVE_;
const commitCell = commitCell_;
const commitSingle = commitSingle_;
const neighbourhoodChanged = neighbourhoodChanged_;
const rowsAtRest = rowsAtRest_;

/**
 * Semi-implicit step of the multi-grain Allen-Cahn equation (phaseField.ts), stable at Zhang2025's
 * dt = 0.01 where the explicit step needs dt < 1.3e-3 (Li (101): L kappa / dx^2 = 190):
 *   (1 - a_q D_xx)(1 - a_q D_yy) delta_q = dt R_q(phi^n),   phi^{n+1} = phi^n + delta_q,
 * with R_q the explicit right-hand side and a_q = dt L_q kappa_q / dx^2 (1D second differences in
 * grid units). This is IMEX Euler (gradient term implicit, Landau and bulk terms explicit) in
 * "delta form" with the Beam-Warming approximate factorisation: the amplification of a Fourier mode
 * of pure diffusion is 1 - a (lx + ly) / ((1 + a lx)(1 + a ly)), within [0, 1] for every dt, and a
 * steady state (R = 0) is a fixed point exactly, so flat boundaries and equilibrium profiles do not
 * depend on dt. What is left explicit is bounded by dt L_q (w (2 + 4 gamma) + 6 |m_q|) <= 2
 * (semiImplicitTimeStep), 0.04 at the paper's parameters and dt = 0.01.
 *
 * Each factor is a tridiagonal solve (Thomas) along every row, then every column, over the run of
 * cells where the grain is a candidate (present there or in a neighbour, as in the explicit step);
 * beyond the run its increment is zero. So the work stays O(cells x grains present), and the
 * slots of the sparse storage never change during the two solves. A cell without an implicitly
 * solved grain among its candidates takes the explicit increment alone, so it is finished in the
 * first pass (and skipped while at rest, see SparseField); only cells with implicit grains go
 * through the solves.
 */

/** Slots per cell of the increment: a cell's own grains plus those only in its neighbours. */
export const DELTA_SLOTS = 2 * MAX_ACTIVE;

/** Buffers of the semi-implicit step (allocated once per run). */
export class SemiImplicitWorkspace {
  /** Candidate grains per cell, the cell's own grains first in the same slot order. */
  readonly ids: Int32Array;
  /** dt R on entry of the solves, the increment delta after them. */
  readonly delta: Float64Array;
  readonly counts: Uint8Array;
  /** Thomas multipliers c' = -a / m of the forward elimination. */
  readonly pivot: Float64Array;
  /** Slot of the same grain in the previous cell of the line, or -1 where its run starts. */
  readonly link: Int32Array;
  /** Sum of the grain's phi^n over the cell's four neighbours (the band rule of `keeps`). */
  readonly neighbourSum: Float64Array;
  /**
   * Per cell, the slots of the grains solved implicitly (implicitRate > 0), in slot order: the line
   * solves visit only these (about one slot in ten at Zhang2025's parameters, where the (111) and
   * (001) tails fill most slots).
   */
  readonly implicitSlots: Uint8Array;
  /**
   * Per cell, the number of implicit slots when it was last computed: a cell with any is recomputed
   * every step (its increment depends on whole runs of cells); without, it may rest.
   */
  readonly implicitCounts: Uint8Array;
  /** The cells with implicit slots of the current step, in row-major order, and their number. */
  readonly implicitCells: Int32Array;
  implicitCellCount = 0;
  /** Per row, the number of its cells with implicit slots when it was last computed. */
  readonly implicitRows: Int32Array;
  /** Per grain: a_q where its gradient term is treated implicitly, 0 where explicitly. */
  readonly implicitRate: Float64Array;

  constructor(grid: PhaseFieldGrid, grains: number) {
    this.implicitRate = new Float64Array(grains);
    const slots = grid.nx * grid.ny * DELTA_SLOTS;
    this.ids = new Int32Array(slots);
    this.delta = new Float64Array(slots);
    this.counts = new Uint8Array(grid.nx * grid.ny);
    this.pivot = new Float64Array(slots);
    this.link = new Int32Array(slots);
    this.neighbourSum = new Float64Array(slots);
    this.implicitSlots = new Uint8Array(slots);
    this.implicitCounts = new Uint8Array(grid.nx * grid.ny);
    this.implicitCells = new Int32Array(grid.nx * grid.ny);
    this.implicitRows = new Int32Array(grid.ny);
  }
}

/**
 * Largest stable semi-implicit step: forward Euler on the explicit part, dt L_q (w (2 + 4 gamma) +
 * 6 |m_q|) <= 2 (the curvature bounds of stableTimeStep without the gradient term).
 */
export function semiImplicitTimeStep(kinetics: GrainKinetics): number {
  let worst = 0;
  for (let q = 0; q < kinetics.mobility.length; q++) {
    const drive = 6 * Math.abs(kinetics.drive?.[q] ?? 0);
    worst = Math.max(worst, kinetics.mobility[q] * (kinetics.w * (2 + 4 * GAMMA) + drive));
  }
  return 2 / worst;
}

/**
 * One semi-implicit step over rows [0, activeRows) with the rates of `prepareStep` (its
 * gradientRate is a_q); `next` receives the new field, rows above stay untouched. `work` belongs to
 * this pair of field buffers (it remembers which cells hold implicit grains).
 */
export function stepSemiImplicit(
  field: SparseField,
  next: SparseField,
  activeRows: number,
  scratch: StepScratch,
  work: SemiImplicitWorkspace,
  /** "front": phi = 0 above the last active row (a free surface); "wall": zero flux there. */
  top: "front" | "wall" = "front",
): void {
  const { landauRate, driveRate, gradientRate } = scratch;
  const alpha = work.implicitRate;
  // A grain whose explicit step is well inside its own stability bound (forward-Euler amplification
  // bound below 1 of 2: Zhang2025's (001) and (111) Li grains at dt = 0.01) skips the solves.
  for (let q = 0; q < alpha.length; q++) {
    const bound = 8 * gradientRate[q] + (2 + 4 * GAMMA) * landauRate[q] + Math.abs(driveRate[q]);
    alpha[q] = bound > 1 ? gradientRate[q] : 0;
  }
  const key = stepKey(scratch, 1, top, activeRows);
  firstPass(field, next, activeRows, scratch, work, top, field.canSkip(key, next));
  const { nx } = field.grid;
  solveLines(work, nx, activeRows, alpha, 1, top === "front");
  solveLines(work, nx, activeRows, alpha, nx, top === "front");
  addIncrement(field, next, work, scratch);
  next.producedBy = key;
  next.source = field;
}

/**
 * dt R_q(phi^n) for every candidate of every active cell (the explicit step before thresholding).
 * Cells without implicit grains are finished here (phi^n + dt R into `next`); the others keep their
 * increments, candidates and implicit slots in `work` for the solves.
 */
function firstPass(
  field: SparseField,
  next: SparseField,
  activeRows: number,
  scratch: StepScratch,
  work: SemiImplicitWorkspace,
  top: "front" | "wall",
  skip: boolean,
): void {
  const { nx } = field.grid;
  const { landauRate, driveRate, gradientRate } = scratch;
  const candidates = scratch.ids;
  const here = scratch.phi;
  const neighbourSum = scratch.neighbourSum;
  const updated = scratch.values;
  const around = scratch.neighbours;
  const { ids, delta, counts, implicitSlots, implicitCounts, implicitCells } = work;
  const alpha = work.implicitRate;
  const own = field.counts;
  const fieldIds = field.ids;
  const fieldValues = field.values;
  const changed = field.changed;
  const nextChanged = next.changed;
  const { implicitRows } = work;
  let implicitCellCount = 0;
  for (let j = 0; j < activeRows; j++) {
    if (skip && implicitRows[j] === 0 && rowsAtRest(field.rowChanged, j, activeRows)) {
      nextChanged.fill(0, j * nx, (j + 1) * nx);
      next.rowChanged[j] = 0;
      continue;
    }
    const implicitBefore = implicitCellCount;
    // Cells with implicit slots add their flags in addIncrement.
    let anyChanged = 0;
    for (let i = 0; i < nx; i++) {
      const cell = j * nx + i;
      const base = cell * DELTA_SLOTS;
      const left = i > 0 ? cell - 1 : cell;
      const right = i < nx - 1 ? cell + 1 : cell;
      const down = j > 0 ? cell - nx : cell;
      const up = j < activeRows - 1 ? cell + nx : top === "wall" ? cell : -1;
      if (skip && implicitCounts[cell] === 0 && !neighbourhoodChanged(changed, cell, left, right, down, up)) {
        nextChanged[cell] = 0;
        continue;
      }
      // Grain interior: one grain here and in all four neighbours (as in stepSparse).
      if (own[cell] === 1 && up >= 0) {
        const q = fieldIds[cell * MAX_ACTIVE];
        if (
          own[left] === 1 &&
          own[right] === 1 &&
          own[down] === 1 &&
          own[up] === 1 &&
          fieldIds[left * MAX_ACTIVE] === q &&
          fieldIds[right * MAX_ACTIVE] === q &&
          fieldIds[down * MAX_ACTIVE] === q &&
          fieldIds[up * MAX_ACTIVE] === q
        ) {
          const phi = fieldValues[cell * MAX_ACTIVE];
          const laplacian =
            fieldValues[left * MAX_ACTIVE] +
            fieldValues[right * MAX_ACTIVE] +
            fieldValues[down * MAX_ACTIVE] +
            fieldValues[up * MAX_ACTIVE] -
            4 * phi;
          const increment =
            -landauRate[q] * (phi * phi * phi - phi) -
            driveRate[q] * phi * (1 - phi) +
            gradientRate[q] * laplacian;
          if (alpha[q] === 0) {
            implicitCounts[cell] = 0;
            commitSingle(field, next, cell, q, phi + increment, laplacian + 4 * phi);
            anyChanged |= nextChanged[cell];
            continue;
          }
          counts[cell] = 1;
          ids[base] = q;
          work.neighbourSum[base] = laplacian + 4 * phi;
          implicitSlots[base] = 0;
          implicitCounts[cell] = 1;
          implicitCells[implicitCellCount++] = cell;
          delta[base] = increment;
          continue;
        }
      }
      around[0] = left;
      around[1] = right;
      around[2] = down;
      around[3] = up;
      let n = gatherCandidates(field, cell, scratch);
      const sumSquares = scratch.sumSquares[0];
      let implicit = 0;
      for (let k = 0; k < n; k++) {
        const q = candidates[k];
        const phi = here[k];
        const bulk = -phi + phi * phi * phi + 2 * GAMMA * phi * (sumSquares - phi * phi);
        const increment =
          -landauRate[q] * bulk -
          driveRate[q] * phi * (1 - phi) +
          gradientRate[q] * (neighbourSum[k] - 4 * phi);
        updated[k] = phi + increment;
        here[k] = increment;
        if (alpha[q] !== 0) implicit++;
      }
      if (implicit === 0 && n <= DELTA_SLOTS) {
        implicitCounts[cell] = 0;
        commitCell(field, next, cell, candidates, updated, neighbourSum, n);
        anyChanged |= nextChanged[cell];
        continue;
      }
      // More candidates than slots (a many-grain junction): drop the newcomers that would gain least.
      while (n > DELTA_SLOTS) {
        let smallest = own[cell];
        for (let k = smallest + 1; k < n; k++) if (here[k] < here[smallest]) smallest = k;
        n--;
        candidates[smallest] = candidates[n];
        here[smallest] = here[n];
        neighbourSum[smallest] = neighbourSum[n];
      }
      counts[cell] = n;
      implicit = 0;
      for (let k = 0; k < n; k++) {
        const q = candidates[k];
        ids[base + k] = q;
        delta[base + k] = here[k];
        work.neighbourSum[base + k] = neighbourSum[k];
        if (alpha[q] !== 0) implicitSlots[base + implicit++] = k;
      }
      implicitCounts[cell] = implicit;
      implicitCells[implicitCellCount++] = cell;
    }
    implicitRows[j] = implicitCellCount - implicitBefore;
    next.rowChanged[j] = anyChanged;
  }
  work.implicitCellCount = implicitCellCount;
}

/**
 * Solves (1 - a_q D) x = delta in place along lines of cells `stride` apart (1: rows, nx: columns),
 * for each implicit grain over each run of consecutive cells holding it; zero beyond a run,
 * mirrored (zero flux) at the walls, zero above the top row if `openTop`. Row-major order serves
 * both directions: the previous cell of a line is always visited first, and in reverse order the
 * next one.
 */
function solveLines(
  work: SemiImplicitWorkspace,
  nx: number,
  activeRows: number,
  alpha: Float64Array,
  stride: number,
  openTop: boolean,
): void {
  const { ids, delta, pivot, link, implicitSlots, implicitCounts, implicitCells } = work;
  const cellCount = work.implicitCellCount;
  for (let c = 0; c < cellCount; c++) {
    const cell = implicitCells[c];
    const m = implicitCounts[cell];
    const j = Math.floor(cell / nx);
    const i = cell - j * nx;
    const hasPrevious = stride === 1 ? i > 0 : j > 0;
    const hasNext = stride === 1 ? i < nx - 1 : openTop || j < activeRows - 1;
    const previous = (cell - stride) * DELTA_SLOTS;
    const count = hasPrevious ? implicitCounts[cell - stride] : 0;
    const base = cell * DELTA_SLOTS;
    for (let k = 0; k < m; k++) {
      const s = implicitSlots[base + k];
      const q = ids[base + s];
      const a = alpha[q];
      // A wall is mirrored (no coupling); a cell beyond the run or the front couples to zero.
      let diagonal = 1 + (hasPrevious ? a : 0) + (hasNext ? a : 0);
      let rhs = delta[base + s];
      let from = -1;
      // Neighbouring cells mostly list their grains in the same order: try the same place first.
      if (k < count && ids[previous + implicitSlots[previous + k]] === q) from = implicitSlots[previous + k];
      else {
        for (let t = 0; t < count; t++) {
          const slot = implicitSlots[previous + t];
          if (ids[previous + slot] === q) {
            from = slot;
            break;
          }
        }
      }
      if (from >= 0) {
        diagonal += a * pivot[previous + from];
        rhs += a * delta[previous + from];
      }
      const inverse = 1 / diagonal;
      delta[base + s] = rhs * inverse;
      pivot[base + s] = -a * inverse;
      link[base + s] = from;
    }
  }
  for (let c = cellCount - 1; c >= 0; c--) {
    const cell = implicitCells[c];
    const base = cell * DELTA_SLOTS;
    const previous = (cell - stride) * DELTA_SLOTS;
    const m = implicitCounts[cell];
    for (let k = 0; k < m; k++) {
      const s = implicitSlots[base + k];
      const from = link[base + s];
      if (from >= 0) delta[previous + from] -= pivot[previous + from] * delta[base + s];
    }
  }
}

/** phi^{n+1} = phi^n + delta in the cells with implicit grains (commitCell). */
function addIncrement(
  field: SparseField,
  next: SparseField,
  work: SemiImplicitWorkspace,
  scratch: StepScratch,
): void {
  const { ids, delta, counts, neighbourSum, implicitCells } = work;
  const candidates = scratch.ids;
  const updated = scratch.values;
  const sums = scratch.neighbourSum;
  for (let c = 0; c < work.implicitCellCount; c++) {
    const cell = implicitCells[c];
    const base = cell * DELTA_SLOTS;
    const fieldBase = cell * MAX_ACTIVE;
    const own = field.counts[cell];
    const n = counts[cell];
    for (let k = 0; k < n; k++) {
      candidates[k] = ids[base + k];
      updated[k] = (k < own ? field.values[fieldBase + k] : 0) + delta[base + k];
      sums[k] = neighbourSum[base + k];
    }
    commitCell(field, next, cell, candidates, updated, sums, n);
    next.rowChanged[Math.floor(cell / field.grid.nx)] |= next.changed[cell];
  }
}
