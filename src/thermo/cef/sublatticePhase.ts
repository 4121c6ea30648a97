import { NumericalError } from "../../errors.js";
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

/**
 * Nodes of the branch table along x, which are also the phase's samples on the hull (a lookup
 * there); common tangents are refined by Newton between them. Every SEED_EVERY-th node is also
 * searched from all end-member pairs for branches continuation cannot reach (an ordered minimum
 * appearing).
 */
const NODES = 500;
const SEED_EVERY = 25;
const BRANCHES = 4;
/**
 * Minima more than this above the lowest (J/mol) are not followed: they cannot reach the hull
 * nearby, and one that comes down later is found again by the searches from all end-member pairs.
 */
const METASTABLE_WINDOW = 5000;

function keepLow(minima: InternalState[]): InternalState[] {
  return minima.filter((m, k) => k < BRANCHES && m.energy - minima[0].energy <= METASTABLE_WINDOW);
}

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
  // Moving a state to a nearby x blends it with an end member; nearly pure ones keep small site
  // fractions small, so Newton starts close.
  const nudged = interiorVertices(layout, 1e-12);
  const lowest = nudged.reduce((a, b) => (b.x < a.x ? b : a));
  const highest = nudged.reduce((a, b) => (b.x > a.x ? b : a));
  const moveTo = (y: Float64Array, x: number): Float64Array | undefined =>
    pointAtFraction(layout, y, x > fractionOf(layout, y) ? highest.y : lowest.y, x) ??
    pointAtFraction(layout, x > fractionOf(layout, y) ? highest.y : lowest.y, y, x);

  // Saddles (a disordered state between ordered minima) are probed for where the table is built;
  // later solves start next to a table minimum and stay in its basin.
  const solveFrom = (x: number, starts: Float64Array[], probeSaddles = false) =>
    keepLow(distinctMinima(starts.map((s) => minimiseAt(surface, x, s, probeSaddles))));

  /** The state of a neighbouring node on the same branch (site fractions within 0.05), if any. */
  const partner = (row: InternalState[], y: Float64Array) =>
    row.find((s) => s.y.every((v, i) => Math.abs(v - y[i]) < 0.05));

  let table: InternalState[][] | undefined;
  // The hull's sample positions; the ends are evaluated just inside the range.
  const nodeX = (k: number) => xRange[0] + (span * k) / NODES;
  const buildTable = () => {
    const rows: InternalState[][] = [];
    for (let k = 0; k <= NODES; k++) {
      const x = clamp(nodeX(k));
      const starts: Float64Array[] = [];
      for (const previous of rows[k - 1] ?? []) {
        // Linear extrapolation along the branch from the two previous nodes predicts y to O(h^2).
        const before = rows[k - 2] && partner(rows[k - 2], previous.y);
        const predicted = before ? previous.y.map((v, i) => 2 * v - before.y[i]) : previous.y;
        const moved = moveTo(predicted.every((v) => v > 0) ? predicted : previous.y, x);
        if (moved) starts.push(moved);
      }
      if (k % SEED_EVERY === 0 || k === NODES || starts.length === 0)
        starts.push(...startingPoints(layout, x));
      let found = solveFrom(x, starts, true);
      // A branch lost in continuation (it merged into another) is searched for from scratch.
      if (found.length < (rows[k - 1]?.length ?? 0) || found.length === 0)
        found = keepLow(distinctMinima([...found, ...solveFrom(x, startingPoints(layout, x), true)]));
      rows.push(found);
    }
    return rows;
  };

  const cache = new Map<number, InternalState[]>();
  const minima = (xIn: number): InternalState[] => {
    const x = clamp(xIn);
    const hit = cache.get(x);
    if (hit) return hit;
    table ??= buildTable();
    const k = Math.round(((x - xRange[0]) / span) * NODES);
    if (nodeX(k) === xIn || clamp(nodeX(k)) === x) return table[k];
    const starts: Float64Array[] = [];
    const node = table[k];
    const side = table[x > nodeX(k) ? Math.min(k + 1, NODES) : Math.max(k - 1, 0)];
    for (const s of distinctMinima([...node, ...side])) {
      // A branch well above the lowest at the node cannot cross it before x.
      const gap = s.energy - node[0].energy;
      const reach =
        Math.abs(x - s.x) * (Math.abs(s.slope) + Math.abs(node[0].slope)) + 1e-9 * (1 + Math.abs(s.energy));
      if (gap > reach) continue;
      // Between two nodes the branch's site fractions are interpolated, so Newton starts O(h^2) off.
      const other = table[x > s.x ? Math.min(k + 1, NODES) : Math.max(k - 1, 0)];
      const match = other && partner(other, s.y);
      const theta = match && match.x !== s.x ? (x - s.x) / (match.x - s.x) : 0;
      const guess = match ? s.y.map((v, i) => v + theta * (match.y[i] - v)) : s.y;
      const moved = s.x === x ? s.y : moveTo(guess, x);
      if (moved) starts.push(moved);
    }
    let found = starts.length > 0 ? solveFrom(x, starts) : [];
    if (found.length === 0) found = solveFrom(x, startingPoints(layout, x), true);
    if (found.length === 0)
      throw new NumericalError(
        `phase ${surface.name}: no internal equilibrium found at x = ${x}`,
        Number.NaN,
      );
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
    samples: NODES,
  };
}
