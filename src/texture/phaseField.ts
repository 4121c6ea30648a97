import { inputError } from "../errors.js";

/**
 * Multi-order-parameter Allen-Cahn grain growth (Zhang2025 eqs 14-17; Fan & Chen, Acta Mater. 45
 * (1997) 611 for the Landau form):
 *   d phi_q / dt = -L_q [ w (-phi_q + phi_q^3 + 2 gamma phi_q sum_{p != q} phi_p^2)
 *                         + m_q 6 phi_q (1 - phi_q) - kappa_q lap(phi_q) ]
 * i.e. f0 = sum_q (-phi_q^2/2 + phi_q^4/4) + gamma sum_q sum_{p != q} phi_q^2 phi_p^2 / 2 with
 * gamma = 1.5 (symmetric grain boundaries, Moelans et al., PRB 78 (2008) 024113), explicit Euler,
 * 5-point Laplacian, zero-flux walls.
 *
 * Sparse storage ("reduced order parameters"): each cell keeps at most MAX_ACTIVE (grain, phi)
 * pairs, the grains present there; a cell updates only the grains present in it or its four
 * neighbours, so the cost is O(cells x active grains) instead of O(cells x grains).
 */
export const MAX_ACTIVE = 16;
/**
 * A grain is present in a cell while its phi there exceeds this value. Tails below it carry
 * phi^2 < 1e-8 of energy, but the widest (101) tails reach ~10 cells per decade, so the threshold
 * sets the work per step. See `keeps` for the one-cell band around that region.
 */
export const PRESENT = 1e-4;

/**
 * Whether a grain stays in (or enters) a cell after a step: its new phi is above PRESENT, or it is
 * positive and the cell's four neighbours held more than PRESENT of it before the step. The rule
 * depends on the field only, never on the size of one step's increment. Admitting a newcomer only
 * once one step has lifted it above PRESENT would make the tails depend on dt: a newcomer gains
 * dt L kappa / dx^2 x its neighbours' phi per step, so at small dt slow grains (Li (001):
 * L kappa / dx^2 = 1.05) could not enter cells next to them until those reached ~0.1, and the
 * texture history of the explicit scheme moved by 14 points between dt and dt / 2 (100 x 35 cells,
 * 37 grains, t = 40; docs/texture.md). With the band every dt follows the same truncated field.
 */
export function keeps(updated: number, neighbourSum: number): boolean {
  return updated > PRESENT || (updated > 0 && neighbourSum > PRESENT);
}
export const GAMMA = 1.5;

export interface PhaseFieldGrid {
  nx: number;
  ny: number;
  /** Grid spacing in the units of kappa (Zhang2025: 0.5). */
  dx: number;
}

export interface GrainKinetics {
  /** Allen-Cahn mobility L_q per grain. */
  mobility: Float64Array;
  /** Gradient-energy coefficient kappa_q per grain. */
  gradient: Float64Array;
  /** Weight w of the Landau term. */
  w: number;
  /**
   * Bulk energy m_q of each grain (model units), entering f0 as sum_q m_q h(phi_q) with
   * h = phi^2 (3 - 2 phi): a grain of lower m grows at the expense of its neighbours. Omitted: 0.
   */
  drive?: Float64Array;
}

/**
 * Largest stable explicit step: forward Euler needs dt * lambda_max <= 2, with lambda_max bounded by
 * L_max (8 kappa_max / dx^2 + w (2 + 4 gamma)) (5-point Laplacian eigenvalue 8/dx^2 plus the largest
 * curvature of f0 for phi in [0, 1]).
 */
export function stableTimeStep(grid: PhaseFieldGrid, kinetics: GrainKinetics): number {
  let worst = 0;
  for (let q = 0; q < kinetics.mobility.length; q++) {
    // |d/dphi (6 phi (1 - phi))| <= 6 for the bulk drive.
    const drive = 6 * Math.abs(kinetics.drive?.[q] ?? 0);
    worst = Math.max(
      worst,
      kinetics.mobility[q] *
        ((8 * kinetics.gradient[q]) / (grid.dx * grid.dx) + kinetics.w * (2 + 4 * GAMMA) + drive),
    );
  }
  return 2 / worst;
}

/**
 * Sparse order-parameter field: per cell, `count` grains in slots [0, count).
 *
 * Steps skip cells at rest: a step is a fixed map of each cell's neighbourhood (explicit scheme: the
 * cell and its four neighbours), so where none of these changed in the previous step under the same
 * map, the cell's new state equals its current one bit for bit. A field produced by a step records
 * the map (`producedBy`), the buffer it was computed from (`source`) and per cell whether it differs
 * from that buffer (`changed`); the next step may skip a cell only if it writes into that same source
 * buffer, which then already holds the cell's state. Late in a Zhang2025 run the columnar (001)
 * grains stop moving, and most cells are skipped.
 */
export class SparseField {
  readonly grid: PhaseFieldGrid;
  ids: Int32Array;
  values: Float64Array;
  counts: Uint8Array;
  /** Per cell: 1 where this buffer may differ from `source`. */
  changed: Uint8Array;
  /**
   * Per row: 1 where any cell of the row may differ from `source`. A row whose neighbourhood (itself
   * and the rows above and below) is at rest is skipped whole, without visiting its cells: late in a
   * Zhang2025 run every cell is at rest, and visiting 14 000 cells per step to find that out cost
   * ~1.8 s of a paper-size run.
   */
  rowChanged: Uint8Array;
  /** The map (stepKey) that computed this buffer from `source`; -1: written from outside. */
  producedBy = -1;
  source: SparseField | undefined;

  constructor(grid: PhaseFieldGrid) {
    const cells = grid.nx * grid.ny;
    this.grid = grid;
    this.ids = new Int32Array(cells * MAX_ACTIVE);
    this.values = new Float64Array(cells * MAX_ACTIVE);
    this.counts = new Uint8Array(cells);
    this.changed = new Uint8Array(cells).fill(1);
    this.rowChanged = new Uint8Array(grid.ny).fill(1);
  }

  /** Makes the next step recompute every cell (after values were written directly). */
  forgetHistory(): void {
    this.producedBy = -1;
  }

  /** Whether a step with map `key` writing into `next` may skip the cells at rest. */
  canSkip(key: number, next: SparseField): boolean {
    return this.producedBy === key && this.source === next;
  }

  get(cell: number, grain: number): number {
    const base = cell * MAX_ACTIVE;
    for (let s = 0; s < this.counts[cell]; s++)
      if (this.ids[base + s] === grain) return this.values[base + s];
    return 0;
  }

  set(cell: number, grain: number, value: number): void {
    const base = cell * MAX_ACTIVE;
    this.changed[cell] = 1;
    this.rowChanged[Math.floor(cell / this.grid.nx)] = 1;
    for (let s = 0; s < this.counts[cell]; s++) {
      if (this.ids[base + s] === grain) {
        this.values[base + s] = value;
        return;
      }
    }
    if (this.counts[cell] === MAX_ACTIVE) throw new Error("SparseField: too many grains in one cell");
    const s = this.counts[cell]++;
    this.ids[base + s] = grain;
    this.values[base + s] = value;
  }

  /** The grain with the largest phi in a cell, or -1 where none exceeds `threshold`. */
  dominant(cell: number, threshold = 0.5): number {
    const base = cell * MAX_ACTIVE;
    let best = -1;
    let value = threshold;
    for (let s = 0; s < this.counts[cell]; s++) {
      if (this.values[base + s] > value) {
        value = this.values[base + s];
        best = this.ids[base + s];
      }
    }
    return best;
  }

  copyCell(from: number, to: number): void {
    this.changed[to] = 1;
    this.rowChanged[Math.floor(to / this.grid.nx)] = 1;
    this.counts[to] = this.counts[from];
    for (let s = 0; s < this.counts[from]; s++) {
      this.ids[to * MAX_ACTIVE + s] = this.ids[from * MAX_ACTIVE + s];
      this.values[to * MAX_ACTIVE + s] = this.values[from * MAX_ACTIVE + s];
    }
  }
}

/** Per-grain rate constants of one explicit step, precomputed so the cell loop only multiplies. */
export interface StepScratch {
  /** Candidate grains of the current cell, their phi here and the sum over the four neighbours. */
  ids: Int32Array;
  phi: Float64Array;
  neighbourSum: Float64Array;
  values: Float64Array;
  neighbours: Int32Array;
  sumSquares: Float64Array;
  /** Per grain: its candidate slot in the current cell, valid where that slot lists the grain. */
  slotOf: Int32Array;
  /** dt L_q w, dt L_q 6 m_q and dt L_q kappa_q / dx^2 per grain. */
  landauRate: Float64Array;
  driveRate: Float64Array;
  gradientRate: Float64Array;
  /** Incremented by prepareStep: part of the step map's identity (stepKey). */
  version: Int32Array;
}

/** Scratch buffers for stepSparse (no allocation inside the time loop). */
export function stepScratch(grains: number): StepScratch {
  return {
    ids: new Int32Array(5 * MAX_ACTIVE),
    phi: new Float64Array(5 * MAX_ACTIVE),
    neighbourSum: new Float64Array(5 * MAX_ACTIVE),
    values: new Float64Array(5 * MAX_ACTIVE),
    neighbours: new Int32Array(4),
    sumSquares: new Float64Array(1),
    slotOf: new Int32Array(grains),
    landauRate: new Float64Array(grains),
    driveRate: new Float64Array(grains),
    gradientRate: new Float64Array(grains),
    version: new Int32Array(1),
  };
}

/** Fills the per-grain rates of `scratch` for a time step dt (call again when dt changes). */
export function prepareStep(
  scratch: StepScratch,
  kinetics: GrainKinetics,
  grid: PhaseFieldGrid,
  dt: number,
): void {
  scratch.version[0]++;
  for (let q = 0; q < kinetics.mobility.length; q++) {
    const rate = dt * kinetics.mobility[q];
    scratch.landauRate[q] = rate * kinetics.w;
    scratch.driveRate[q] = rate * 6 * (kinetics.drive?.[q] ?? 0);
    scratch.gradientRate[q] = (rate * kinetics.gradient[q]) / (grid.dx * grid.dx);
  }
}

/**
 * Candidates of one cell for a step: its own grains first, in slot order (distinct by
 * construction), then those only in the neighbours `scratch.neighbours` (-1: none there, phi = 0).
 * Fills scratch.ids / phi / neighbourSum (sum of the grain's phi over the four neighbours) and
 * scratch.sumSquares[0] = sum of phi^2 here; returns the number of candidates.
 */
export function gatherCandidates(field: SparseField, cell: number, scratch: StepScratch): number {
  const { ids, values, counts } = field;
  const candidates = scratch.ids;
  const here = scratch.phi;
  const neighbourSum = scratch.neighbourSum;
  // slotOf[id] names the grain's slot if that slot lists it (a stale entry points elsewhere): no
  // search through the list and nothing to reset per cell.
  const { slotOf } = scratch;
  const base = cell * MAX_ACTIVE;
  let n = counts[cell];
  let sumSquares = 0;
  for (let s = 0; s < n; s++) {
    const v = values[base + s];
    const id = ids[base + s];
    candidates[s] = id;
    slotOf[id] = s;
    here[s] = v;
    neighbourSum[s] = 0;
    sumSquares += v * v;
  }
  const own = n;
  for (let a = 0; a < 4; a++) {
    const c = scratch.neighbours[a];
    if (c < 0) continue;
    // A wall mirrors the cell onto itself: its own grains, in its own slot order (no look-up). The
    // sums gain the same terms in the same order as through the look-up, so the same bits.
    if (c === cell) {
      for (let s = 0; s < own; s++) neighbourSum[s] += values[base + s];
      continue;
    }
    const b = c * MAX_ACTIVE;
    const count = counts[c];
    for (let s = 0; s < count; s++) {
      const id = ids[b + s];
      // Neighbours mostly list their grains in the same order as this cell (75-90% of look-ups in
      // the --fast reproduction's runs): try the same slot before slotOf.
      let k = s;
      if (k >= n || candidates[k] !== id) {
        k = slotOf[id];
        if (k >= n || candidates[k] !== id) {
          k = n++;
          candidates[k] = id;
          slotOf[id] = k;
          here[k] = 0;
          neighbourSum[k] = 0;
        }
      }
      neighbourSum[k] += values[b + s];
    }
  }
  scratch.sumSquares[0] = sumSquares;
  return n;
}

/**
 * Identity of a step's map of the field: the rates (prepareStep's version), the scheme, the top
 * boundary and the active rows. A cell is at rest only under an unchanged map.
 */
export function stepKey(
  scratch: StepScratch,
  /** 0 explicit, 1 semi-implicit, 2 its second-order scheme's Euler start, 3 its SBDF2 step. */
  scheme: 0 | 1 | 2 | 3,
  top: "front" | "wall",
  activeRows: number,
): number {
  return ((scratch.version[0] * 4 + scheme) * 2 + (top === "wall" ? 1 : 0)) * 65536 + activeRows;
}

/**
 * Whether row j and the rows next to it among [0, activeRows) are at rest in the step that produced
 * a field (`rowChanged` of that field): then every cell of row j is.
 */
export function rowsAtRest(rowChanged: Uint8Array, j: number, activeRows: number): boolean {
  return (
    (rowChanged[j] | (j > 0 ? rowChanged[j - 1] : 0) | (j + 1 < activeRows ? rowChanged[j + 1] : 0)) === 0
  );
}

/** Whether a cell or one of its neighbours (-1: none) changed in the step that produced `field`. */
export function neighbourhoodChanged(
  changed: Uint8Array,
  cell: number,
  left: number,
  right: number,
  down: number,
  up: number,
): boolean {
  return (changed[cell] | changed[left] | changed[right] | changed[down] | (up >= 0 ? changed[up] : 0)) !== 0;
}

/**
 * Writes one cell's new state into `next`: the n candidates `ids` with new values `updated` that
 * `keeps` keeps (given `neighbourSum`), at most MAX_ACTIVE (the largest, if more grains meet in one
 * cell: rare, at junctions), and flags whether the cell differs from `field`. Reorders the inputs.
 */
export function commitCell(
  field: SparseField,
  next: SparseField,
  cell: number,
  ids: Int32Array,
  updated: Float64Array,
  neighbourSum: Float64Array,
  n: number,
): void {
  let kept = 0;
  for (let k = 0; k < n; k++) {
    if (keeps(updated[k], neighbourSum[k])) {
      ids[kept] = ids[k];
      updated[kept] = updated[k];
      kept++;
    }
  }
  storeCell(field, next, cell, ids, updated, kept);
}

/**
 * Writes the `kept` grains `ids` with values `updated` (those `keeps` kept) into `next`, at most
 * MAX_ACTIVE of them (the largest), and flags whether the cell differs from `field`. Reorders the
 * inputs.
 */
export function storeCell(
  field: SparseField,
  next: SparseField,
  cell: number,
  ids: Int32Array,
  updated: Float64Array,
  kept: number,
): void {
  while (kept > MAX_ACTIVE) {
    let smallest = 0;
    for (let k = 1; k < kept; k++) if (updated[k] < updated[smallest]) smallest = k;
    kept--;
    ids[smallest] = ids[kept];
    updated[smallest] = updated[kept];
  }
  const base = cell * MAX_ACTIVE;
  const oldIds = field.ids;
  const oldValues = field.values;
  let differs = kept !== field.counts[cell];
  for (let k = 0; k < kept; k++) {
    const id = ids[k];
    const value = updated[k];
    if (oldIds[base + k] !== id || oldValues[base + k] !== value) differs = true;
    next.ids[base + k] = id;
    next.values[base + k] = value;
  }
  next.counts[cell] = kept;
  next.changed[cell] = differs ? 1 : 0;
}

/** Writes a cell holding one grain into `next` (kept or dropped by `keeps`), flagging a change. */
export function commitSingle(
  field: SparseField,
  next: SparseField,
  cell: number,
  q: number,
  updated: number,
  neighbourSum: number,
): void {
  const base = cell * MAX_ACTIVE;
  if (keeps(updated, neighbourSum)) {
    next.counts[cell] = 1;
    next.ids[base] = q;
    next.values[base] = updated;
    next.changed[cell] =
      field.counts[cell] !== 1 || field.ids[base] !== q || field.values[base] !== updated ? 1 : 0;
  } else {
    next.counts[cell] = 0;
    next.changed[cell] = field.counts[cell] !== 0 ? 1 : 0;
  }
}

/**
 * Advances the field by one explicit step over rows [0, activeRows) with the rates of
 * `prepareStep`; rows above are inactive (not yet deposited). `next` receives the new field (buffers
 * swap by caller). Cells at rest are skipped (see SparseField).
 */
export function stepSparse(
  field: SparseField,
  next: SparseField,
  activeRows: number,
  scratch: StepScratch,
  /** "front": phi = 0 above the last active row (a free surface); "wall": zero flux there. */
  top: "front" | "wall" = "front",
): void {
  const { nx } = field.grid;
  const { ids, values, counts, changed } = field;
  const { landauRate, driveRate, gradientRate } = scratch;
  const candidates = scratch.ids;
  const here = scratch.phi;
  const neighbourSum = scratch.neighbourSum;
  const newValues = scratch.values;
  const around = scratch.neighbours;
  const key = stepKey(scratch, 0, top, activeRows);
  const skip = field.canSkip(key, next);
  const nextChanged = next.changed;
  for (let j = 0; j < activeRows; j++) {
    if (skip && rowsAtRest(field.rowChanged, j, activeRows)) {
      nextChanged.fill(0, j * nx, (j + 1) * nx);
      next.rowChanged[j] = 0;
      continue;
    }
    let anyChanged = 0;
    for (let i = 0; i < nx; i++) {
      const cell = j * nx + i;
      const base = cell * MAX_ACTIVE;
      // Neighbours, mirrored at walls (zero flux).
      const left = i > 0 ? cell - 1 : cell;
      const right = i < nx - 1 ? cell + 1 : cell;
      const down = j > 0 ? cell - nx : cell;
      // Above the deposition front lies the electrolyte: with "front", phi = 0 there, so each grain
      // pays its own gradient (surface) energy kappa_q at the free surface.
      const up = j < activeRows - 1 ? cell + nx : top === "wall" ? cell : -1;
      if (skip && !neighbourhoodChanged(changed, cell, left, right, down, up)) {
        nextChanged[cell] = 0;
        continue;
      }
      // Grain interior: one grain here and in all four neighbours; no other grain can appear.
      if (counts[cell] === 1) {
        const q = ids[base];
        if (
          up >= 0 &&
          counts[left] === 1 &&
          counts[right] === 1 &&
          counts[down] === 1 &&
          counts[up] === 1 &&
          ids[left * MAX_ACTIVE] === q &&
          ids[right * MAX_ACTIVE] === q &&
          ids[down * MAX_ACTIVE] === q &&
          ids[up * MAX_ACTIVE] === q
        ) {
          const phi = values[base];
          const laplacian =
            values[left * MAX_ACTIVE] +
            values[right * MAX_ACTIVE] +
            values[down * MAX_ACTIVE] +
            values[up * MAX_ACTIVE] -
            4 * phi;
          const updated =
            phi -
            landauRate[q] * (phi * phi * phi - phi) -
            driveRate[q] * phi * (1 - phi) +
            gradientRate[q] * laplacian;
          commitSingle(field, next, cell, q, updated, laplacian + 4 * phi);
          anyChanged |= nextChanged[cell];
          continue;
        }
      }
      around[0] = left;
      around[1] = right;
      around[2] = down;
      around[3] = up;
      const n = gatherCandidates(field, cell, scratch);
      const sumSquares = scratch.sumSquares[0];
      for (let k = 0; k < n; k++) {
        const q = candidates[k];
        const phi = here[k];
        const bulk = -phi + phi * phi * phi + 2 * GAMMA * phi * (sumSquares - phi * phi);
        newValues[k] =
          phi -
          landauRate[q] * bulk -
          driveRate[q] * phi * (1 - phi) +
          gradientRate[q] * (neighbourSum[k] - 4 * phi);
      }
      commitCell(field, next, cell, candidates, newValues, neighbourSum, n);
      anyChanged |= nextChanged[cell];
    }
    next.rowChanged[j] = anyChanged;
  }
  next.producedBy = key;
  next.source = field;
}

export function checkGrid(grid: PhaseFieldGrid, nuclei: number): void {
  if (nuclei > grid.nx) {
    throw inputError(
      "params.nuclei",
      `${nuclei} nuclei do not fit on a bottom row of ${grid.nx} cells; expected at most ${grid.nx}`,
    );
  }
}
