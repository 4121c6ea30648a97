import {
  commitCell as commitCell_,
  commitSingle as commitSingle_,
  GAMMA as GAMMA_,
  type GrainKinetics,
  gatherCandidates,
  keeps as keeps_,
  MAX_ACTIVE as MAX_ACTIVE_,
  neighbourhoodChanged as neighbourhoodChanged_,
  type PhaseFieldGrid,
  rowsAtRest as rowsAtRest_,
  type SparseField,
  type StepScratch,
  stepKey,
  storeCell as storeCell_,
} from "./phaseField.js";

// Module-local copies: an imported binding can be a getter call in a hot loop once transpiled.
const GAMMA = GAMMA_;
const MAX_ACTIVE = MAX_ACTIVE_;
const commitCell = commitCell_;
const commitSingle = commitSingle_;
const keeps = keeps_;
const neighbourhoodChanged = neighbourhoodChanged_;
const rowsAtRest = rowsAtRest_;
const storeCell = storeCell_;

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
  /**
   * Second order (stepSemiImplicit's `order` 2): per cell, the history term of the next step,
   * H_q = (phi_q^{n+1} - phi_q^n) / 3 - 2 E_q^n / 3 (E: the explicitly treated part of dt R), for
   * the grains listed in historyIds, historyCounts per cell. Local to its cell, so it is updated in
   * place; where a cell rests its history is unchanged (see historyChanged).
   */
  readonly history: Float64Array;
  readonly historyIds: Int32Array;
  readonly historyCounts: Uint8Array;
  /** Per cell / per row: 1 where the last computation of the cell (a cell of the row) changed H. */
  readonly historyChanged: Uint8Array;
  readonly historyRowChanged: Uint8Array;
  /** E_q^n of the cells with implicit slots, kept from the first pass for addIncrement. */
  readonly explicitPart: Float64Array;
  /** prepareStep's version when the history was written; -1: no history (the next step is Euler). */
  historyVersion = -1;

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
    this.history = new Float64Array(slots);
    this.historyIds = new Int32Array(slots);
    this.historyCounts = new Uint8Array(grid.nx * grid.ny);
    this.historyChanged = new Uint8Array(grid.nx * grid.ny).fill(1);
    this.historyRowChanged = new Uint8Array(grid.ny).fill(1);
    this.explicitPart = new Float64Array(slots);
  }

  /** A deposited row starts as a copy of the row below (grainSelection.ts): so does its history. */
  copyHistory(from: number, to: number, nx: number): void {
    const n = this.historyCounts[from];
    this.historyCounts[to] = n;
    for (let s = 0; s < n; s++) {
      this.historyIds[to * DELTA_SLOTS + s] = this.historyIds[from * DELTA_SLOTS + s];
      this.history[to * DELTA_SLOTS + s] = this.history[from * DELTA_SLOTS + s];
    }
    this.historyChanged[to] = 1;
    this.historyRowChanged[Math.floor(to / nx)] = 1;
  }
}

/**
 * Largest stable semi-implicit step: forward Euler on the explicit part, dt L_q (w (2 + 4 gamma) +
 * 6 |m_q|) <= 2 (the curvature bounds of stableTimeStep without the gradient term); SBDF2's
 * extrapolated explicit part (order 2) is stable on [-4/3, 0] of the real axis, so <= 4/3.
 */
export function semiImplicitTimeStep(kinetics: GrainKinetics, order: 1 | 2 = 1): number {
  let worst = 0;
  for (let q = 0; q < kinetics.mobility.length; q++) {
    const drive = 6 * Math.abs(kinetics.drive?.[q] ?? 0);
    worst = Math.max(worst, kinetics.mobility[q] * (kinetics.w * (2 + 4 * GAMMA) + drive));
  }
  return (order === 2 ? 4 / 3 : 2) / worst;
}

/**
 * One semi-implicit step over rows [0, activeRows) with the rates of `prepareStep` (its
 * gradientRate is a_q); `next` receives the new field, rows above stay untouched. `work` belongs to
 * this pair of field buffers (it remembers which cells hold implicit grains).
 *
 * `order` 2 is SBDF2 (IMEX BDF2: Ascher, Ruuth & Wetton, SIAM J. Numer. Anal. 32 (1995) 797) in
 * the same delta form and factorisation, with E^n the explicitly treated part of dt R(phi^n):
 *   (1 - 2/3 a_q D_xx)(1 - 2/3 a_q D_yy) delta_q = 2/3 (dt R_q^n + E_q^n - E_q^{n-1})
 *                                                 + (phi_q^n - phi_q^{n-1}) / 3,
 * i.e. (3 phi^{n+1} - 4 phi^n + phi^{n-1}) / 2 = a D phi^{n+1} + 2 E^n - E^{n-1} up to the
 * factorisation's a^2 D_xx D_yy delta = O(dt^3). Its first step (or the first after the rates
 * changed, or after an order-1 step with the same workspace) is IMEX Euler. A steady state stays a
 * fixed point (E^n = E^{n-1}, delta = 0). The extrapolated explicit part is stable for
 * dt |lambda| <= 4/3 (forward Euler: 2), so grains are solved implicitly from a bound of 2/3.
 */
export function stepSemiImplicit(
  field: SparseField,
  next: SparseField,
  activeRows: number,
  scratch: StepScratch,
  work: SemiImplicitWorkspace,
  /** "front": phi = 0 above the last active row (a free surface); "wall": zero flux there. */
  top: "front" | "wall" = "front",
  order: 1 | 2 = 1,
): void {
  const { landauRate, driveRate, gradientRate } = scratch;
  const alpha = work.implicitRate;
  const bdf2 = order === 2 && work.historyVersion === scratch.version[0];
  const weight = bdf2 ? 2 / 3 : 1;
  // A grain whose explicit step is well inside its own stability bound (forward-Euler amplification
  // bound below 1 of 2: Zhang2025's (001) and (111) Li grains at dt = 0.01) skips the solves.
  const threshold = order === 2 ? 2 / 3 : 1;
  for (let q = 0; q < alpha.length; q++) {
    const bound = 8 * gradientRate[q] + (2 + 4 * GAMMA) * landauRate[q] + Math.abs(driveRate[q]);
    alpha[q] = bound > threshold ? weight * gradientRate[q] : 0;
  }
  const key = stepKey(scratch, order === 1 ? 1 : bdf2 ? 3 : 2, top, activeRows);
  firstPass(field, next, activeRows, scratch, work, top, field.canSkip(key, next), order, bdf2);
  const { nx } = field.grid;
  solveLines(work, nx, activeRows, alpha, 1, top === "front");
  solveLines(work, nx, activeRows, alpha, nx, top === "front");
  addIncrement(field, next, work, scratch, order);
  work.historyVersion = order === 2 ? scratch.version[0] : -1;
  next.producedBy = key;
  next.source = field;
}

/** Per candidate of one cell (second order): E^n, beside StepScratch's arrays. */
const cellExplicit = new Float64Array(5 * MAX_ACTIVE);

/** H of grain q in a cell (0 where it was no candidate: then phi^n = phi^{n-1} = E^{n-1} = 0). */
function historyOf(work: SemiImplicitWorkspace, cell: number, k: number, q: number): number {
  const base = cell * DELTA_SLOTS;
  const ids = work.historyIds;
  // A cell mostly lists its candidates in the same order as in the previous step.
  if (k < work.historyCounts[cell] && ids[base + k] === q) return work.history[base + k];
  for (let s = 0; s < work.historyCounts[cell]; s++) if (ids[base + s] === q) return work.history[base + s];
  return 0;
}

/**
 * Commits a cell's n candidates to `next` (commitCell) and writes its history H = (phi^{n+1} -
 * phi^n) / 3 - 2 E^n / 3 (phi^{n+1} as `keeps` leaves it) in the same loop; flags whether the
 * history changed and returns that flag. Candidate k is `ids`, `increment` (phi^{n+1} - phi^n),
 * `neighbourSum` and `explicit` (E^n) at `from` + k; its phi^n is the cell's slot k of `field`
 * (a cell's own grains come first, in slot order), 0 beyond them. The kept grains and their
 * values go to `keptIds` / `keptValues` (may be `ids` with `from` 0: slots are read before written).
 */
function commitWithHistory(
  field: SparseField,
  next: SparseField,
  work: SemiImplicitWorkspace,
  cell: number,
  ids: Int32Array,
  increment: Float64Array,
  neighbourSum: Float64Array,
  explicit: Float64Array,
  from: number,
  n: number,
  keptIds: Int32Array,
  keptValues: Float64Array,
): number {
  const base = cell * DELTA_SLOTS;
  const { history, historyIds } = work;
  const own = field.counts[cell];
  const fieldValues = field.values;
  const fieldBase = cell * MAX_ACTIVE;
  let differs = n !== work.historyCounts[cell];
  let kept = 0;
  for (let k = 0; k < n; k++) {
    const id = ids[from + k];
    const phi = k < own ? fieldValues[fieldBase + k] : 0;
    const value = phi + increment[from + k];
    const keep = keeps(value, neighbourSum[from + k]);
    const h = ((keep ? value : 0) - phi) / 3 - (2 * explicit[from + k]) / 3;
    if (historyIds[base + k] !== id || history[base + k] !== h) differs = true;
    historyIds[base + k] = id;
    history[base + k] = h;
    if (keep) {
      keptIds[kept] = id;
      keptValues[kept] = value;
      kept++;
    }
  }
  work.historyCounts[cell] = n;
  const flag = differs ? 1 : 0;
  work.historyChanged[cell] = flag;
  storeCell(field, next, cell, keptIds, keptValues, kept);
  return flag;
}

/**
 * dt R_q(phi^n) for every candidate of every active cell (the explicit step before thresholding;
 * second order: the right-hand side above). Cells without implicit grains are finished here
 * (phi^n + that into `next`); the others keep their increments, candidates and implicit slots in
 * `work` for the solves.
 */
function firstPass(
  field: SparseField,
  next: SparseField,
  activeRows: number,
  scratch: StepScratch,
  work: SemiImplicitWorkspace,
  top: "front" | "wall",
  skip: boolean,
  order: 1 | 2,
  bdf2: boolean,
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
  const { implicitRows, historyChanged, historyRowChanged, explicitPart } = work;
  const second = order === 2;
  let implicitCellCount = 0;
  for (let j = 0; j < activeRows; j++) {
    if (
      skip &&
      implicitRows[j] === 0 &&
      (!second || historyRowChanged[j] === 0) &&
      rowsAtRest(field.rowChanged, j, activeRows)
    ) {
      nextChanged.fill(0, j * nx, (j + 1) * nx);
      next.rowChanged[j] = 0;
      continue;
    }
    const implicitBefore = implicitCellCount;
    // Cells with implicit slots add their flags in addIncrement.
    let anyChanged = 0;
    let historyRow = 0;
    for (let i = 0; i < nx; i++) {
      const cell = j * nx + i;
      const base = cell * DELTA_SLOTS;
      const left = i > 0 ? cell - 1 : cell;
      const right = i < nx - 1 ? cell + 1 : cell;
      const down = j > 0 ? cell - nx : cell;
      const up = j < activeRows - 1 ? cell + nx : top === "wall" ? cell : -1;
      if (
        skip &&
        implicitCounts[cell] === 0 &&
        (!second || historyChanged[cell] === 0) &&
        !neighbourhoodChanged(changed, cell, left, right, down, up)
      ) {
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
          const local = -landauRate[q] * (phi * phi * phi - phi) - driveRate[q] * phi * (1 - phi);
          let increment = local + gradientRate[q] * laplacian;
          let explicit = 0;
          if (second) {
            explicit = alpha[q] === 0 ? increment : local;
            if (bdf2) increment = (2 / 3) * (increment + explicit) + historyOf(work, cell, 0, q);
          }
          if (alpha[q] === 0) {
            implicitCounts[cell] = 0;
            if (second) {
              candidates[0] = q;
              here[0] = increment;
              neighbourSum[0] = laplacian + 4 * phi;
              cellExplicit[0] = explicit;
              historyRow |= commitWithHistory(
                field,
                next,
                work,
                cell,
                candidates,
                here,
                neighbourSum,
                cellExplicit,
                0,
                1,
                candidates,
                updated,
              );
            } else commitSingle(field, next, cell, q, phi + increment, laplacian + 4 * phi);
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
          explicitPart[base] = explicit;
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
        const local = -landauRate[q] * bulk - driveRate[q] * phi * (1 - phi);
        let increment = local + gradientRate[q] * (neighbourSum[k] - 4 * phi);
        if (second) {
          const explicit = alpha[q] === 0 ? increment : local;
          if (bdf2) increment = (2 / 3) * (increment + explicit) + historyOf(work, cell, k, q);
          cellExplicit[k] = explicit;
        } else updated[k] = phi + increment;
        here[k] = increment;
        if (alpha[q] !== 0) implicit++;
      }
      if (implicit === 0 && n <= DELTA_SLOTS) {
        implicitCounts[cell] = 0;
        if (second)
          historyRow |= commitWithHistory(
            field,
            next,
            work,
            cell,
            candidates,
            here,
            neighbourSum,
            cellExplicit,
            0,
            n,
            candidates,
            updated,
          );
        else commitCell(field, next, cell, candidates, updated, neighbourSum, n);
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
        cellExplicit[smallest] = cellExplicit[n];
      }
      counts[cell] = n;
      implicit = 0;
      for (let k = 0; k < n; k++) {
        const q = candidates[k];
        ids[base + k] = q;
        delta[base + k] = here[k];
        work.neighbourSum[base + k] = neighbourSum[k];
        explicitPart[base + k] = cellExplicit[k];
        if (alpha[q] !== 0) implicitSlots[base + implicit++] = k;
      }
      implicitCounts[cell] = implicit;
      implicitCells[implicitCellCount++] = cell;
    }
    implicitRows[j] = implicitCellCount - implicitBefore;
    next.rowChanged[j] = anyChanged;
    historyRowChanged[j] = historyRow;
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
  // Row j of the current cell, followed along the ascending cell list (no division per cell).
  let j = 0;
  let rowStart = 0;
  for (let c = 0; c < cellCount; c++) {
    const cell = implicitCells[c];
    const m = implicitCounts[cell];
    while (cell >= rowStart + nx) {
      rowStart += nx;
      j++;
    }
    const i = cell - rowStart;
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
  order: 1 | 2,
): void {
  const { ids, delta, counts, neighbourSum, implicitCells, explicitPart } = work;
  const candidates = scratch.ids;
  const updated = scratch.values;
  const sums = scratch.neighbourSum;
  const { nx } = field.grid;
  for (let c = 0; c < work.implicitCellCount; c++) {
    const cell = implicitCells[c];
    const row = Math.floor(cell / nx);
    const base = cell * DELTA_SLOTS;
    const n = counts[cell];
    if (order === 2) {
      work.historyRowChanged[row] |= commitWithHistory(
        field,
        next,
        work,
        cell,
        ids,
        delta,
        neighbourSum,
        explicitPart,
        base,
        n,
        candidates,
        updated,
      );
    } else {
      const fieldBase = cell * MAX_ACTIVE;
      const own = field.counts[cell];
      for (let k = 0; k < n; k++) {
        candidates[k] = ids[base + k];
        updated[k] = (k < own ? field.values[fieldBase + k] : 0) + delta[base + k];
        sums[k] = neighbourSum[base + k];
      }
      commitCell(field, next, cell, candidates, updated, sums, n);
    }
    next.rowChanged[row] |= next.changed[cell];
  }
}
