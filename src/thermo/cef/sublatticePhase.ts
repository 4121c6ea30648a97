import type { BinaryPhase } from "../binary.js";
import {
  distinctMinima,
  fractionOf,
  type InternalState,
  interiorVertices,
  minimiseAt,
  pointAtFraction,
  startingPoints,
} from "./internalEquilibrium.js";
import { derivatives } from "./model.js";
import type { EnergySurface } from "./surface.js";

/** Nodes of the branch table along x; every SEED_EVERY-th node is searched from all end-member pairs. */
const NODES = 200;
const SEED_EVERY = 20;
const BRANCHES = 4;

export interface SublatticeBinaryPhase extends BinaryPhase {
  /** The internal-equilibrium state (lowest of the minima found) at x. */
  state(x: number): InternalState;
  /** All distinct local minima found at x (e.g. ordered and disordered), lowest first. */
  minima(x: number): InternalState[];
  /** Species of each sublattice, in the order of the site fractions. */
  species: string[][];
}

/**
 * A phase with any number of sublattices as a function of the overall R fraction x: at each x the
 * site fractions minimise G per mole of atoms (several starting points, so that ordered and
 * disordered minima are both found). A table of local minima on NODES compositions, followed by
 * continuation, gives every evaluation a start next to each branch.
 */
export function sublatticePhase(surface: EnergySurface): SublatticeBinaryPhase {
  const layout = surface.layout;
  const exact = interiorVertices(layout, 0);
  const xs = exact.map((v) => v.x);
  const xRange: [number, number] = [Math.min(...xs), Math.max(...xs)];
  const span = xRange[1] - xRange[0];
  if (span < 1e-12) {
    const d = derivatives(layout.size);
    const energies = exact.map((v) => {
      surface.evaluate(v.y, d);
      return { ...v, energy: d.value };
    });
    const best = energies.reduce((a, b) => (b.energy < a.energy ? b : a));
    const state: InternalState = {
      x: best.x,
      y: best.y,
      energy: best.energy,
      slope: Number.NaN,
      ordered: false,
      converged: true,
    };
    return {
      name: surface.name,
      kind: "compound",
      xRange: [best.x, best.x],
      energy: () => best.energy,
      slope: () => Number.NaN,
      state: () => state,
      minima: () => [state],
      species: layout.species,
    };
  }
  const lo = xRange[0] + 1e-10 * span;
  const hi = xRange[1] - 1e-10 * span;
  const clamp = (x: number) => Math.min(Math.max(x, lo), hi);
  const nudged = interiorVertices(layout, 1e-3);
  const lowest = nudged.reduce((a, b) => (b.x < a.x ? b : a));
  const highest = nudged.reduce((a, b) => (b.x > a.x ? b : a));
  const moveTo = (y: Float64Array, x: number): Float64Array | undefined =>
    pointAtFraction(layout, y, x > fractionOf(layout, y) ? highest.y : lowest.y, x) ??
    pointAtFraction(layout, x > fractionOf(layout, y) ? highest.y : lowest.y, y, x);

  const solveFrom = (x: number, starts: Float64Array[]) =>
    distinctMinima(starts.map((s) => minimiseAt(surface, x, s))).slice(0, BRANCHES);

  let table: InternalState[][] | undefined;
  const nodeX = (k: number) => lo + ((hi - lo) * k) / NODES;
  const buildTable = () => {
    const rows: InternalState[][] = [];
    for (let k = 0; k <= NODES; k++) {
      const x = nodeX(k);
      const starts: Float64Array[] = [];
      for (const previous of rows[k - 1] ?? []) {
        const moved = moveTo(previous.y, x);
        if (moved) starts.push(moved);
      }
      if (k % SEED_EVERY === 0 || k === NODES || starts.length === 0)
        starts.push(...startingPoints(layout, x));
      rows.push(solveFrom(x, starts));
    }
    return rows;
  };

  const cache = new Map<number, InternalState[]>();
  const minima = (xIn: number): InternalState[] => {
    const x = clamp(xIn);
    const hit = cache.get(x);
    if (hit) return hit;
    table ??= buildTable();
    const k = Math.round(((x - lo) / (hi - lo)) * NODES);
    const starts: Float64Array[] = [];
    const node = table[k];
    for (const s of node) {
      // A branch well above the lowest at the node cannot cross it before x.
      const gap = s.energy - node[0].energy;
      const reach =
        Math.abs(x - s.x) * (Math.abs(s.slope) + Math.abs(node[0].slope)) + 1e-9 * (1 + Math.abs(s.energy));
      if (gap > reach) continue;
      const moved = s.x === x ? s.y : moveTo(s.y, x);
      if (moved) starts.push(moved);
    }
    if (starts.length === 0) starts.push(...startingPoints(layout, x));
    const found = solveFrom(x, starts);
    if (cache.size > 8) cache.clear();
    cache.set(x, found);
    return found;
  };
  const state = (x: number) => minima(x)[0];
  return {
    name: surface.name,
    kind: "solution",
    xRange,
    energy: (x) => state(x).energy,
    slope: (x) => state(x).slope,
    state,
    minima,
    species: layout.species,
  };
}
