import { findRoot } from "../numerics/index.js";
import { FARADAY } from "../units/index.js";
import type { BinaryPhase } from "./binary.js";

/**
 * Lithiation potential of a phase at Li fraction x (Xie2024 eq 5), in volts vs Li metal:
 *   e phi = F_Li - F(x) - (1 - x) dF/dx,
 * i.e. -(mu_Li - mu_Li0) / F with the molar free energies in J/mol.
 */
export function lithiationPotential(phase: BinaryPhase, x: number, lithiumReference: number): number {
  return (lithiumReference - phase.energy(x) - (1 - x) * phase.slope(x)) / FARADAY;
}

export type PathSegment =
  | { kind: "single"; phase: BinaryPhase; from: number; to: number }
  | {
      kind: "two-phase";
      left: BinaryPhase;
      right: BinaryPhase;
      from: number;
      to: number;
      potential_V: number;
    };

/** Samples per solution phase on the lower hull, unless the phase asks for its own number. */
const SAMPLES = 2000;

interface HullPoint {
  x: number;
  f: number;
  phase: number;
  sample: number;
}

/** Lower convex hull (Andrew's monotone chain) of the sampled free energies of all phases. */
function lowerHull(phases: BinaryPhase[]): HullPoint[] {
  const points: HullPoint[] = [];
  phases.forEach((p, k) => {
    if (p.kind === "compound") points.push({ x: p.xRange[0], f: p.energy(p.xRange[0]), phase: k, sample: 0 });
    else {
      const samples = p.samples ?? SAMPLES;
      for (let i = 0; i <= samples; i++) {
        const x = p.xRange[0] + ((p.xRange[1] - p.xRange[0]) * i) / samples;
        points.push({ x, f: p.energy(x), phase: k, sample: i });
      }
    }
  });
  // Equal energies (a disordered state of an ordered phase and its disordered part) go to the
  // phase listed first.
  points.sort(
    (a, b) => a.x - b.x || (Math.abs(a.f - b.f) > 1e-8 * (1 + Math.abs(a.f)) ? a.f - b.f : a.phase - b.phase),
  );
  const hull: HullPoint[] = [];
  for (const p of points) {
    // Samples of different phases at the same x (to round-off): the lower stays, a tie keeps the
    // phase listed first.
    const last = hull[hull.length - 1];
    if (last && Math.abs(last.x - p.x) < 1e-14) {
      if (p.f >= last.f - 1e-8 * (1 + Math.abs(p.f))) continue;
      hull.pop();
    }
    while (hull.length >= 2) {
      const a = hull[hull.length - 2];
      const b = hull[hull.length - 1];
      if ((b.x - a.x) * (p.f - a.f) - (b.f - a.f) * (p.x - a.x) <= 0) hull.pop();
      else break;
    }
    hull.push(p);
  }
  return hull;
}

/**
 * Common tangent between two phases (or two compositions of one phase): F_A'(x1) = F_B'(x2) =
 * (F_B(x2) - F_A(x1)) / (x2 - x1), by Newton from the hull estimate. Compounds contribute their point.
 */
function commonTangent(a: BinaryPhase, b: BinaryPhase, x1: number, x2: number): [number, number] {
  const solution = (p: BinaryPhase) => p.kind === "solution";
  if (!solution(a) && !solution(b)) return [x1, x2];
  if (!solution(a) || !solution(b)) {
    const [s, c, xs, xc] = solution(a) ? [a, b, x1, x2] : [b, a, x2, x1];
    const residual = (x: number) => s.slope(x) - (c.energy(xc) - s.energy(x)) / (xc - x);
    const step = 2 / SAMPLES;
    const lo = Math.max(s.xRange[0] + 1e-12, xs - step * (s.xRange[1] - s.xRange[0]));
    const hi = Math.min(s.xRange[1] - 1e-12, xs + step * (s.xRange[1] - s.xRange[0]));
    const root =
      residual(lo) * residual(hi) < 0 ? findRoot(residual, lo, hi, { absoluteTolerance: 1e-14 }) : xs;
    return solution(a) ? [root, xc] : [xc, root];
  }
  let u = x1;
  let v = x2;
  for (let iteration = 0; iteration < 50; iteration++) {
    const chord = (b.energy(v) - a.energy(u)) / (v - u);
    const g1 = a.slope(u) - b.slope(v);
    const g2 = a.slope(u) - chord;
    const h = 1e-7;
    const d = (fn: (p: number, q: number) => number, du: number, dv: number) =>
      (fn(u + du, v + dv) - fn(u, v)) / h;
    const f1 = (p: number, q: number) => a.slope(p) - b.slope(q);
    const f2 = (p: number, q: number) => a.slope(p) - (b.energy(q) - a.energy(p)) / (q - p);
    const j11 = d(f1, h, 0);
    const j12 = d(f1, 0, h);
    const j21 = d(f2, h, 0);
    const j22 = d(f2, 0, h);
    const det = j11 * j22 - j12 * j21;
    if (!Number.isFinite(det) || det === 0) break;
    const du = (g1 * j22 - g2 * j12) / det;
    const dv = (g2 * j11 - g1 * j21) / det;
    u -= du;
    v -= dv;
    if (Math.abs(du) + Math.abs(dv) < 1e-13) break;
  }
  // Newton can leave the phases' ranges where a branch is nearly linear (e.g. an ordered
  // cluster-expansion phase next to a straight two-phase segment); the hull points are then the
  // best tangent points the samples give.
  const inside = (p: BinaryPhase, x: number) => x >= p.xRange[0] && x <= p.xRange[1];
  if (!Number.isFinite(u) || !Number.isFinite(v) || !inside(a, u) || !inside(b, v) || u >= v) return [x1, x2];
  return [u, v];
}

/** Equilibrium path: stable phases and tie lines along the lower convex hull. */
export function equilibriumPath(phases: BinaryPhase[], lithiumReference: number): PathSegment[] {
  const hull = lowerHull(phases);
  const segments: PathSegment[] = [];
  for (let k = 0; k + 1 < hull.length; k++) {
    const a = hull[k];
    const b = hull[k + 1];
    const pa = phases[a.phase];
    const pb = phases[b.phase];
    if (a.phase === b.phase && pa.kind === "solution" && b.sample - a.sample === 1) {
      const last = segments[segments.length - 1];
      if (last?.kind === "single" && last.phase === pa && Math.abs(last.to - a.x) < 1e-12) last.to = b.x;
      else segments.push({ kind: "single", phase: pa, from: a.x, to: b.x });
      continue;
    }
    const [x1, x2] = commonTangent(pa, pb, a.x, b.x);
    const slope = (pb.energy(x2) - pa.energy(x1)) / (x2 - x1);
    const atLithium = pa.energy(x1) + slope * (1 - x1);
    const previous = segments[segments.length - 1];
    if (previous?.kind === "single") previous.to = x1;
    segments.push({
      kind: "two-phase",
      left: pa,
      right: pb,
      from: x1,
      to: x2,
      potential_V: (lithiumReference - atLithium) / FARADAY,
    });
    // The next single-phase segment starts at the refined tangent point.
    if (k + 2 < hull.length && hull[k + 2].phase === b.phase) hull[k + 1] = { ...b, x: x2 };
  }
  return segments;
}

/**
 * Log-spaced y in M Li_y from 0.01 to yMax (the interesting structure sits at small y), the grid of
 * every lithiation-potential curve.
 */
export function lithiationGrid(yMax: number, points: number): number[] {
  return Array.from({ length: points }, (_, k) => 0.01 * (yMax / 0.01) ** (k / (points - 1)));
}

export function potentialOnPath(path: PathSegment[], x: number, lithiumReference: number): number {
  const segment = path.find((s) => x >= s.from - 1e-12 && x <= s.to + 1e-12) ?? path[path.length - 1];
  return segment.kind === "two-phase"
    ? segment.potential_V
    : lithiationPotential(segment.phase, x, lithiumReference);
}

export interface OverSaturationSegment {
  phase: BinaryPhase;
  from: number;
  to: number;
  minPotential_V: number;
}

/**
 * Over-saturation path (Xie2024 Fig. 4): the phase that is stable at low x persists while Li is added
 * until its free energy meets that of the next phase on the equilibrium path (x_I), then the next
 * phase takes over; the potential follows each single-phase curve and may drop below 0 V.
 */
export function overSaturationPath(
  phases: BinaryPhase[],
  lithiumReference: number,
  xMax: number,
): OverSaturationSegment[] {
  const path = equilibriumPath(phases, lithiumReference);
  const order: BinaryPhase[] = [];
  for (const s of path) {
    for (const p of s.kind === "single" ? [s.phase] : [s.left, s.right])
      if (order[order.length - 1] !== p) order.push(p);
  }
  const segments: OverSaturationSegment[] = [];
  let start = path[0].from;
  for (let k = 0; k < order.length && start < xMax; k++) {
    const current = order[k];
    const next = order[k + 1];
    let end = Math.min(xMax, current.xRange[1]);
    if (next) {
      const meets = (x: number) => current.energy(x) - next.energy(x);
      if (next.kind === "compound") end = Math.min(end, next.xRange[0]);
      else {
        const lo = Math.max(start, next.xRange[0]);
        const hi = Math.min(current.xRange[1], next.xRange[1], xMax);
        // First crossing of F_current above F_next on a scan, refined by the root finder.
        const n = 500;
        for (let i = 1; i <= n; i++) {
          const a = lo + ((hi - lo) * (i - 1)) / n;
          const b = lo + ((hi - lo) * i) / n;
          if (meets(a) < 0 && meets(b) >= 0) {
            end = findRoot(meets, a, b, { absoluteTolerance: 1e-14 });
            break;
          }
        }
      }
    }
    let minPotential = Number.POSITIVE_INFINITY;
    if (current.kind === "solution") {
      for (let i = 0; i <= 400; i++) {
        const x = start + ((end - start) * i) / 400;
        minPotential = Math.min(minPotential, lithiationPotential(current, x, lithiumReference));
      }
    }
    segments.push({ phase: current, from: start, to: end, minPotential_V: minPotential });
    start = end;
  }
  return segments;
}
