import { solveDenseInPlace } from "../../numerics/index.js";
import { type Derivatives, derivatives, endMembers, type SublatticeLayout } from "./model.js";
import type { EnergySurface } from "./surface.js";

/** One internal-equilibrium state of a phase at an overall composition. */
export interface InternalState {
  x: number;
  /** Site fractions (layout order). */
  y: Float64Array;
  /** Gibbs energy per mole of atoms. */
  energy: number;
  /** dG/dx along the internal equilibrium (envelope theorem: the composition multiplier). */
  slope: number;
  /** Sublattices with the same species hold different site fractions. */
  ordered: boolean;
  converged: boolean;
}

/**
 * The constraints at fixed x: each sublattice's site fractions sum to 1, and the R atoms are x of
 * all atoms: sum_v ((1 - x) r_v - x m_v) y_v = 0. All are linear in y.
 */
function constraints(layout: SublatticeLayout, x: number, rows: Float64Array): void {
  const n = layout.size;
  const count = layout.species.length + 1;
  rows.fill(0);
  for (let k = 0; k < layout.species.length; k++)
    for (let i = 0; i < layout.species[k].length; i++) rows[k * n + layout.offsets[k] + i] = 1;
  for (let v = 0; v < n; v++)
    rows[(count - 1) * n + v] = (1 - x) * layout.reactantAtoms[v] - x * layout.hostAtoms[v];
}

export function fractionOf(layout: SublatticeLayout, y: ArrayLike<number>): number {
  let r = 0;
  let m = 0;
  for (let v = 0; v < layout.size; v++) {
    r += layout.reactantAtoms[v] * y[v];
    m += layout.hostAtoms[v] * y[v];
  }
  return r / (r + m);
}

/**
 * The point on the segment from a to b with R fraction x (x(t) is a ratio of linear functions of t,
 * so the composition constraint is linear in t), or undefined if x is not between their fractions.
 */
export function pointAtFraction(
  layout: SublatticeLayout,
  a: Float64Array,
  b: Float64Array,
  x: number,
): Float64Array | undefined {
  let ca = 0;
  let cb = 0;
  for (let v = 0; v < layout.size; v++) {
    const w = (1 - x) * layout.reactantAtoms[v] - x * layout.hostAtoms[v];
    ca += w * a[v];
    cb += w * b[v];
  }
  if (ca === cb) return ca === 0 ? Float64Array.from(a) : undefined;
  const t = ca / (ca - cb);
  if (!(t >= 0 && t <= 1)) return undefined;
  return a.map((av, v) => av + t * (b[v] - av));
}

/**
 * Newton's method on the Lagrangian (KKT system with the linear constraints), started from a
 * feasible interior y; a step never takes a site fraction below 1% of its value (fraction to the
 * boundary), an Armijo backtracking keeps every step downhill, and a Levenberg shift handles
 * non-convex regions (between the ordered and disordered minima).
 */
interface Workspace {
  d: Derivatives;
  trial: Derivatives;
  kkt: Float64Array;
  rhs: Float64Array;
  step: Float64Array;
  next: Float64Array;
  rows: Float64Array;
  normal: Float64Array;
  multipliers: Float64Array;
}
const workspaces = new Map<number, Workspace>();

function workspace(n: number, count: number): Workspace {
  const key = n * 64 + count;
  let w = workspaces.get(key);
  if (!w) {
    const size = n + count;
    w = {
      d: derivatives(n),
      trial: derivatives(n),
      kkt: new Float64Array(size * size),
      rhs: new Float64Array(size),
      step: new Float64Array(n),
      next: new Float64Array(n),
      rows: new Float64Array(count * n),
      normal: new Float64Array(count * count),
      multipliers: new Float64Array(count),
    };
    workspaces.set(key, w);
  }
  return w;
}

/**
 * A converged point that is disordered may be a saddle between ordered minima (Newton stops at any
 * stationary point): probe the ordering directions (exchange of two species between two equivalent
 * sublattices, which keeps x) and restart from a lower neighbour.
 */
export function minimiseAt(
  surface: EnergySurface,
  x: number,
  start: Float64Array,
  probeSaddles = true,
  depth = 0,
): InternalState {
  const found = newton(surface, x, start);
  if (!probeSaddles || found.ordered || depth > 2 || !found.converged) return found;
  const { species, offsets, ratios } = surface.layout;
  const point = new Float64Array(found.y.length);
  const energy = derivatives(found.y.length);
  for (const [a, b] of equivalentPairs(surface.layout)) {
    for (let i = 0; i < species[a].length; i++)
      for (let j = i + 1; j < species[a].length; j++) {
        const cells = [offsets[a] + i, offsets[a] + j, offsets[b] + i, offsets[b] + j];
        const signs = [1 / ratios[a], -1 / ratios[a], -1 / ratios[b], 1 / ratios[b]];
        const t = 1e-3 * Math.min(...cells.map((c) => found.y[c])) * Math.min(ratios[a], ratios[b]);
        for (const direction of [1, -1]) {
          point.set(found.y);
          cells.forEach((c, k) => {
            point[c] += direction * t * signs[k];
          });
          surface.evaluate(point, energy);
          if (energy.value < found.energy - 1e-12 * (1 + Math.abs(found.energy)))
            return minimiseAt(surface, x, Float64Array.from(point), true, depth + 1);
        }
      }
  }
  return found;
}

function newton(surface: EnergySurface, x: number, start: Float64Array): InternalState {
  const layout = surface.layout;
  const n = layout.size;
  const count = layout.species.length + 1;
  const size = n + count;
  const work = workspace(n, count);
  const { d, trial, kkt, rhs, step, next, rows } = work;
  constraints(layout, x, rows);
  const y = Float64Array.from(start);
  surface.evaluate(y, d);
  if (!Number.isFinite(d.value))
    return { x, y, energy: Number.NaN, slope: Number.NaN, ordered: false, converged: false };
  const scale = Math.max(1, Math.abs(d.value));
  let converged = false;
  let shift = 0;
  for (let iteration = 0; iteration < 200 && !converged; iteration++) {
    let found = false;
    for (let attempt = 0; attempt < 12; attempt++) {
      kkt.fill(0);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) kkt[i * size + j] = d.hessian[i * n + j];
        kkt[i * size + i] += shift;
        rhs[i] = -d.gradient[i];
      }
      for (let r = 0; r < count; r++) {
        rhs[n + r] = 0;
        for (let j = 0; j < n; j++) {
          kkt[(n + r) * size + j] = rows[r * n + j];
          kkt[j * size + n + r] = rows[r * n + j];
        }
      }
      try {
        solveDenseInPlace(kkt, rhs, size);
      } catch {
        shift = shift === 0 ? 1e-6 * scale : shift * 10;
        continue;
      }
      let directional = 0;
      for (let i = 0; i < n; i++) directional += d.gradient[i] * rhs[i];
      if (directional <= 0 && Number.isFinite(directional)) {
        for (let i = 0; i < n; i++) step[i] = rhs[i];
        found = true;
        break;
      }
      shift = shift === 0 ? 1e-6 * scale : shift * 10;
    }
    if (!found) break;
    let directional = 0;
    let largest = 0;
    let alpha = 1;
    for (let i = 0; i < n; i++) {
      directional += d.gradient[i] * step[i];
      largest = Math.max(largest, Math.abs(step[i]));
      if (step[i] < 0) alpha = Math.min(alpha, (0.9999 * y[i]) / -step[i]);
    }
    if (largest < 1e-13) {
      converged = true;
      break;
    }
    // Near the minimum the energy change is below round-off; a full Newton step is then taken.
    const tiny = -directional < 1e-10 * scale;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) next[i] = y[i] + alpha * step[i];
      restoreConstraints(layout, x, next);
      surface.evaluate(next, trial);
      if (trial.value <= d.value + 1e-4 * alpha * directional || (tiny && alpha === 1)) {
        y.set(next);
        d.value = trial.value;
        d.gradient.set(trial.gradient);
        d.hessian.set(trial.hessian);
        accepted = true;
        break;
      }
      alpha /= 2;
    }
    if (!accepted) {
      converged = -directional < 1e-8 * scale;
      break;
    }
    shift /= 100;
    if (shift < 1e-9 * scale) shift = 0;
  }
  // A state off the constraints (round-off in a badly scaled step) is no state of the phase.
  const feasible = constraintResidual(layout, x, y) < 1e-9;
  return {
    x,
    y,
    energy: feasible ? d.value : Number.NaN,
    slope: compositionSlope(layout, y, d, rows, count, work),
    ordered: isOrdered(layout, y),
    converged,
  };
}

function constraintResidual(layout: SublatticeLayout, x: number, y: Float64Array): number {
  let worst = 0;
  for (let k = 0; k < layout.species.length; k++) {
    let sum = 0;
    for (let i = 0; i < layout.species[k].length; i++) sum += y[layout.offsets[k] + i];
    worst = Math.max(worst, Math.abs(sum - 1));
  }
  return Math.max(worst, Math.abs(fractionOf(layout, y) - x));
}

/**
 * Puts y back on the constraints after a step (round-off grows with the Levenberg shift): each
 * sublattice rescaled to sum 1, then the composition corrected by exchanging the two species of one
 * sublattice whose exchange changes x most.
 */
function restoreConstraints(layout: SublatticeLayout, x: number, y: Float64Array): void {
  const { species, offsets, reactantAtoms, hostAtoms } = layout;
  for (let k = 0; k < species.length; k++) {
    let sum = 0;
    for (let i = 0; i < species[k].length; i++) sum += y[offsets[k] + i];
    for (let i = 0; i < species[k].length; i++) y[offsets[k] + i] /= sum;
  }
  let residual = 0;
  for (let v = 0; v < layout.size; v++) residual += ((1 - x) * reactantAtoms[v] - x * hostAtoms[v]) * y[v];
  if (residual === 0) return;
  let bestA = -1;
  let bestB = -1;
  let bestGain = 0;
  for (let k = 0; k < species.length; k++)
    for (let i = 0; i < species[k].length; i++)
      for (let j = 0; j < species[k].length; j++) {
        const a = offsets[k] + i;
        const b = offsets[k] + j;
        const gain = (1 - x) * (reactantAtoms[a] - reactantAtoms[b]) - x * (hostAtoms[a] - hostAtoms[b]);
        // Move t from b to a: residual + t gain = 0, needing t > 0 and y_b > t.
        const t = -residual / gain;
        if (gain !== 0 && t > 0 && t < 0.5 * y[b] && (bestA < 0 || Math.abs(gain) > Math.abs(bestGain))) {
          bestA = a;
          bestB = b;
          bestGain = gain;
        }
      }
  if (bestA < 0) return;
  const t = -residual / bestGain;
  y[bestA] += t;
  y[bestB] -= t;
}

/**
 * dG/dx of the constrained minimum = -lambda_x N (envelope theorem), with the multipliers from the
 * weighted least-squares solution of grad G + A^T lambda = 0.
 */
function compositionSlope(
  layout: SublatticeLayout,
  y: Float64Array,
  d: Derivatives,
  rows: Float64Array,
  count: number,
  work: { normal: Float64Array; multipliers: Float64Array },
): number {
  const n = layout.size;
  const { normal, multipliers: rhs } = work;
  // Weighted by y: Newton stops on the absolute step, so a site fraction of 1e-17 may still be far
  // from its optimum in ln y; it must not set the multipliers.
  for (let a = 0; a < count; a++) {
    for (let b = 0; b < count; b++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += y[j] * rows[a * n + j] * rows[b * n + j];
      normal[a * count + b] = s;
    }
    let g = 0;
    for (let j = 0; j < n; j++) g += y[j] * rows[a * n + j] * d.gradient[j];
    rhs[a] = -g;
  }
  try {
    solveDenseInPlace(normal, rhs, count);
  } catch {
    return Number.NaN;
  }
  let atoms = 0;
  for (let v = 0; v < n; v++) atoms += (layout.reactantAtoms[v] + layout.hostAtoms[v]) * y[v];
  return -rhs[count - 1] * atoms;
}

const equivalentPairsByLayout = new WeakMap<SublatticeLayout, [number, number][]>();

/** Pairs of sublattices with the same species (candidates for ordering), computed once per layout. */
function equivalentPairs(layout: SublatticeLayout): [number, number][] {
  let pairs = equivalentPairsByLayout.get(layout);
  if (!pairs) {
    const { species } = layout;
    pairs = [];
    for (let a = 0; a < species.length; a++)
      for (let b = a + 1; b < species.length; b++)
        if (species[a].join() === species[b].join()) pairs.push([a, b]);
    equivalentPairsByLayout.set(layout, pairs);
  }
  return pairs;
}

function isOrdered(layout: SublatticeLayout, y: Float64Array): boolean {
  const { species, offsets } = layout;
  for (const [a, b] of equivalentPairs(layout)) {
    if (species[a].length < 2) continue;
    for (let i = 0; i < species[a].length; i++)
      if (Math.abs(y[offsets[a] + i] - y[offsets[b] + i]) > 1e-4) return true;
  }
  return false;
}

/** End members with atoms, each nudged into the interior, with their R fractions. */
export function interiorVertices(layout: SublatticeLayout, weight: number): { y: Float64Array; x: number }[] {
  return endMembers(layout)
    .filter((combo) => combo.some((i, s) => layout.species[s][i] !== "VA"))
    .map((combo) => {
      const y = new Float64Array(layout.size);
      combo.forEach((i, s) => {
        const k = layout.species[s].length;
        for (let c = 0; c < k; c++)
          y[layout.offsets[s] + c] = c === i ? 1 - (weight * (k - 1)) / k : weight / k;
      });
      return { y, x: fractionOf(layout, y) };
    });
}

/** Feasible starting points at x: points on the segments between end members that bracket x. */
export function startingPoints(layout: SublatticeLayout, x: number, limit = 64): Float64Array[] {
  for (const weight of [1e-3, 1e-7, 1e-12]) {
    const vertices = interiorVertices(layout, weight);
    const starts: Float64Array[] = [];
    for (const a of vertices)
      for (const b of vertices) {
        if (!(a.x <= x && b.x >= x && a.x < b.x) || starts.length >= limit) continue;
        const p = pointAtFraction(layout, a.y, b.y, x);
        if (p) starts.push(p);
      }
    if (starts.length > 0) return starts;
  }
  return [];
}

/** Distinct local minima (site fractions within 1e-5 are the same state), lowest first. */
export function distinctMinima(states: InternalState[]): InternalState[] {
  const sorted = [...states].filter((s) => Number.isFinite(s.energy)).sort((a, b) => a.energy - b.energy);
  const kept: InternalState[] = [];
  for (const s of sorted)
    if (!kept.some((k) => k.y.every((v, i) => Math.abs(v - s.y[i]) < 1e-5))) kept.push(s);
  return kept;
}
