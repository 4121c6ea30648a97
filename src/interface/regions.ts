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

export function regionShare(
  collector: CollectorSolution,
  totalCurrent: number,
  layerStart: number,
  layerWidth: number,
  centre: number,
  width: number,
): RegionShare {
  const from = Math.max(layerStart, centre - width / 2);
  const to = Math.min(layerStart + layerWidth, centre + width / 2);
  return {
    currentFraction: currentInInterval(collector, from, to) / totalCurrent,
    lengthFraction: (to - from) / layerWidth,
  };
}
