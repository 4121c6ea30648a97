/**
 * A logically rectangular 2D mesh: nx x ny nodes with arbitrary coordinates, node (i, j) at index
 * j * nx + i, cells between neighbouring nodes. With `periodicX`, column nx - 1 connects back to
 * column 0 across one period (its x coordinates are then shifted by `period`).
 */
export interface StructuredMesh2D {
  nx: number;
  ny: number;
  periodicX: boolean;
  /** Period in x when periodicX, else unused. */
  period: number;
  x: Float64Array;
  y: Float64Array;
}

/** Number of cells in x (one more than nx - 1 when periodic). */
export function cellsInX(mesh: StructuredMesh2D): number {
  return mesh.periodicX ? mesh.nx : mesh.nx - 1;
}

/** Coordinates of node (i, j), with column index i allowed to be nx (the periodic image of 0). */
export function nodeX(mesh: StructuredMesh2D, i: number, j: number): number {
  if (i === mesh.nx) return mesh.x[j * mesh.nx] + mesh.period;
  return mesh.x[j * mesh.nx + i];
}

export function nodeY(mesh: StructuredMesh2D, i: number, j: number): number {
  return mesh.y[j * mesh.nx + (i === mesh.nx ? 0 : i)];
}

/**
 * Lumped boundary measure of the nodes of row j (0 = bottom, ny - 1 = top): half the length of each
 * adjacent boundary edge. Sums to the length of that boundary line.
 */
export function rowBoundaryWeights(mesh: StructuredMesh2D, j: number): Float64Array {
  const weights = new Float64Array(mesh.nx);
  for (let i = 0; i < cellsInX(mesh); i++) {
    const length = Math.hypot(
      nodeX(mesh, i + 1, j) - nodeX(mesh, i, j),
      nodeY(mesh, i + 1, j) - nodeY(mesh, i, j),
    );
    weights[i] += length / 2;
    weights[(i + 1) % mesh.nx] += length / 2;
  }
  return weights;
}
