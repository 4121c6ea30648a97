import { findRoot } from "./roots.js";

/** A cell-centred 1D finite-volume grid on [0, length]. */
export interface Grid1D {
  /** Cell faces, faces[0] = 0 and faces[n] = length. */
  faces: Float64Array;
  /** Cell centres (midpoints of the faces). */
  centers: Float64Array;
  /** Cell widths. */
  widths: Float64Array;
}

function gridFromFaces(faces: Float64Array): Grid1D {
  const n = faces.length - 1;
  const centers = new Float64Array(n);
  const widths = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    centers[i] = 0.5 * (faces[i] + faces[i + 1]);
    widths[i] = faces[i + 1] - faces[i];
  }
  return { faces, centers, widths };
}

export function uniformGrid(length: number, cells: number): Grid1D {
  const faces = new Float64Array(cells + 1);
  for (let i = 0; i <= cells; i++) faces[i] = (length * i) / cells;
  return gridFromFaces(faces);
}

/**
 * A geometrically stretched grid: the first cell at x = 0 has width `firstWidth` and each next
 * cell is wider by a constant ratio chosen so that `cells` cells span `length`. Cell-centred
 * finite volumes keep second-order accuracy on such smoothly stretched grids.
 * Falls back to a uniform grid when firstWidth >= length / cells.
 */
export function geometricGrid(length: number, cells: number, firstWidth: number): Grid1D {
  if (firstWidth * cells >= length) return uniformGrid(length, cells);
  const span = (ratio: number) => (firstWidth * (ratio ** cells - 1)) / (ratio - 1) - length;
  let upper = 2;
  while (span(upper) < 0) upper *= 2;
  const ratio = findRoot(span, 1 + 1e-12, upper, { absoluteTolerance: 1e-15 });
  const faces = new Float64Array(cells + 1);
  let width = firstWidth;
  for (let i = 1; i <= cells; i++) {
    faces[i] = faces[i - 1] + width;
    width *= ratio;
  }
  faces[cells] = length;
  return gridFromFaces(faces);
}

/** Largest ratio of neighbouring cell widths (1 for a uniform grid). */
export function maxStretchRatio(grid: Grid1D): number {
  let worst = 1;
  for (let i = 1; i < grid.widths.length; i++) {
    const r = grid.widths[i] / grid.widths[i - 1];
    worst = Math.max(worst, r, 1 / r);
  }
  return worst;
}
