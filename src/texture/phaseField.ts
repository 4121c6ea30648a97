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
export const MAX_ACTIVE = 8;
const PRESENT = 1e-5;
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

/** Sparse order-parameter field: per cell, `count` grains in slots [0, count). */
export class SparseField {
  readonly grid: PhaseFieldGrid;
  ids: Int32Array;
  values: Float64Array;
  counts: Uint8Array;

  constructor(grid: PhaseFieldGrid) {
    const cells = grid.nx * grid.ny;
    this.grid = grid;
    this.ids = new Int32Array(cells * MAX_ACTIVE);
    this.values = new Float64Array(cells * MAX_ACTIVE);
    this.counts = new Uint8Array(cells);
  }

  get(cell: number, grain: number): number {
    const base = cell * MAX_ACTIVE;
    for (let s = 0; s < this.counts[cell]; s++)
      if (this.ids[base + s] === grain) return this.values[base + s];
    return 0;
  }

  set(cell: number, grain: number, value: number): void {
    const base = cell * MAX_ACTIVE;
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
    this.counts[to] = this.counts[from];
    for (let s = 0; s < this.counts[from]; s++) {
      this.ids[to * MAX_ACTIVE + s] = this.ids[from * MAX_ACTIVE + s];
      this.values[to * MAX_ACTIVE + s] = this.values[from * MAX_ACTIVE + s];
    }
  }
}

/**
 * Advances the field by one explicit step over rows [0, activeRows); rows above are inactive (not
 * yet deposited) and act as a zero-flux wall. `next` receives the new field (buffers swap by caller).
 */
export function stepSparse(
  field: SparseField,
  next: SparseField,
  kinetics: GrainKinetics,
  dt: number,
  activeRows: number,
  scratch: { ids: Int32Array; values: Float64Array; neighbours: Int32Array },
  /** "front": phi = 0 above the last active row (a free surface); "wall": zero flux there. */
  top: "front" | "wall" = "front",
): void {
  const { nx, dx } = field.grid;
  const inverseDx2 = 1 / (dx * dx);
  const { ids, values, counts } = field;
  const candidates = scratch.ids;
  const drive = kinetics.drive;
  const newValues = scratch.values;
  for (let j = 0; j < activeRows; j++) {
    for (let i = 0; i < nx; i++) {
      const cell = j * nx + i;
      // Neighbours, mirrored at walls and at the deposition front (zero flux).
      const left = i > 0 ? cell - 1 : cell;
      const right = i < nx - 1 ? cell + 1 : cell;
      const down = j > 0 ? cell - nx : cell;
      // Above the deposition front lies the electrolyte: phi = 0 there, so each grain pays its own
      // gradient (surface) energy kappa_q at the free surface (Zhang2025: surface energy enters via kappa).
      const up = j < activeRows - 1 ? cell + nx : top === "wall" ? cell : -1;
      // Candidate grains: present here or in a neighbour.
      const around = scratch.neighbours;
      around[0] = cell;
      around[1] = left;
      around[2] = right;
      around[3] = down;
      around[4] = up;
      let n = 0;
      for (let a = 0; a < 5; a++) {
        const c = around[a];
        if (c < 0) continue;
        const base = c * MAX_ACTIVE;
        for (let s = 0; s < counts[c]; s++) {
          const id = ids[base + s];
          let seen = false;
          for (let k = 0; k < n; k++) {
            if (candidates[k] === id) {
              seen = true;
              break;
            }
          }
          if (!seen) candidates[n++] = id;
        }
      }
      let sumSquares = 0;
      const base = cell * MAX_ACTIVE;
      for (let s = 0; s < counts[cell]; s++) sumSquares += values[base + s] * values[base + s];
      let kept = 0;
      for (let k = 0; k < n; k++) {
        const q = candidates[k];
        // phi_q here and in the four neighbours (0 where absent, 0 above a free front).
        let phi = 0;
        let neighbours = 0;
        for (let a = 0; a < 5; a++) {
          const c = around[a];
          if (c < 0) continue;
          const b = c * MAX_ACTIVE;
          let v = 0;
          for (let s = 0; s < counts[c]; s++) {
            if (ids[b + s] === q) {
              v = values[b + s];
              break;
            }
          }
          if (a === 0) phi = v;
          else neighbours += v;
        }
        const laplacian = (neighbours - 4 * phi) * inverseDx2;
        const bulk = -phi + phi * phi * phi + 2 * GAMMA * phi * (sumSquares - phi * phi);
        const driving = drive ? drive[q] * 6 * phi * (1 - phi) : 0;
        const updated =
          phi - dt * kinetics.mobility[q] * (kinetics.w * bulk + driving - kinetics.gradient[q] * laplacian);
        if (updated > PRESENT) {
          candidates[kept] = q;
          newValues[kept] = updated;
          kept++;
        }
      }
      // Keep the MAX_ACTIVE largest if more grains meet in one cell (rare, at triple junctions).
      while (kept > MAX_ACTIVE) {
        let smallest = 0;
        for (let k = 1; k < kept; k++) if (newValues[k] < newValues[smallest]) smallest = k;
        kept--;
        candidates[smallest] = candidates[kept];
        newValues[smallest] = newValues[kept];
      }
      next.counts[cell] = kept;
      for (let k = 0; k < kept; k++) {
        next.ids[base + k] = candidates[k];
        next.values[base + k] = newValues[k];
      }
    }
  }
}

export function checkGrid(grid: PhaseFieldGrid, nuclei: number): void {
  if (nuclei > grid.nx) {
    throw inputError(
      "params.nuclei",
      `${nuclei} nuclei do not fit on a bottom row of ${grid.nx} cells; expected at most ${grid.nx}`,
    );
  }
}

/** Scratch buffers for stepSparse (no allocation inside the time loop). */
export function stepScratch(): { ids: Int32Array; values: Float64Array; neighbours: Int32Array } {
  return {
    ids: new Int32Array(5 * MAX_ACTIVE),
    values: new Float64Array(5 * MAX_ACTIVE),
    neighbours: new Int32Array(5),
  };
}
