import type { CollectorSolution } from "./solve2d.js";

export interface RegionShare {
  /** Fraction of the total plating current that goes through the region's surface. */
  currentFraction: number;
  /** Projected length of the region over the layer width. */
  lengthFraction: number;
}

/**
 * Current through the part of the collector whose x lies in [from, to]: the nodal current density,
 * linear between nodes, integrated along the surface polyline with the exact overlap of each segment.
 */
export function currentInInterval(collector: CollectorSolution, from: number, to: number): number {
  const { x_m: x, arcLength_m: s, currentDensity_A_m2: i } = collector;
  let total = 0;
  for (let k = 0; k + 1 < x.length; k++) {
    const lo = Math.max(x[k], from);
    const hi = Math.min(x[k + 1], to);
    if (hi <= lo) continue;
    const dx = x[k + 1] - x[k];
    const slope = (i[k + 1] - i[k]) / dx;
    const mean = i[k] + slope * (0.5 * (lo + hi) - x[k]);
    total += mean * (hi - lo) * ((s[k + 1] - s[k]) / dx);
  }
  return total;
}

/**
 * Share of the current and of the projected length in |x - centre| <= width/2. On a periodic
 * collector the polyline closes over the period and the interval wraps around it.
 */
export function regionShare(
  collector: CollectorSolution,
  totalCurrent: number,
  layerStart: number,
  layerWidth: number,
  centre: number,
  width: number,
  periodic = false,
): RegionShare {
  if (!periodic) {
    const from = Math.max(layerStart, centre - width / 2);
    const to = Math.min(layerStart + layerWidth, centre + width / 2);
    return {
      currentFraction: currentInInterval(collector, from, to) / totalCurrent,
      lengthFraction: (to - from) / layerWidth,
    };
  }
  const n = collector.x_m.length;
  const closingLength = Math.hypot(
    collector.x_m[0] + layerWidth - collector.x_m[n - 1],
    collector.y_m[0] - collector.y_m[n - 1],
  );
  const closed: CollectorSolution = {
    x_m: Float64Array.of(...collector.x_m, collector.x_m[0] + layerWidth),
    y_m: Float64Array.of(...collector.y_m, collector.y_m[0]),
    arcLength_m: Float64Array.of(...collector.arcLength_m, collector.arcLength_m[n - 1] + closingLength),
    currentDensity_A_m2: Float64Array.of(...collector.currentDensity_A_m2, collector.currentDensity_A_m2[0]),
    overpotential_V: Float64Array.of(...collector.overpotential_V, collector.overpotential_V[0]),
  };
  const span = Math.min(width, layerWidth);
  let current = 0;
  for (const shift of [-layerWidth, 0, layerWidth]) {
    current += currentInInterval(closed, centre - span / 2 + shift, centre + span / 2 + shift);
  }
  return { currentFraction: current / totalCurrent, lengthFraction: span / layerWidth };
}
