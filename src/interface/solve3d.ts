import {
  assembleQ1Stiffness3D,
  conjugateGradients,
  layerAreaWeights,
  Multigrid3D,
  type StructuredMesh3D,
} from "../numerics/index.js";

/**
 * M1 in 3D (Zhang2024): a periodic unit cell (period S in x and y) of solid electrolyte above a
 * contoured Li surface z = g(x, y); uniform current density entering at the top (geometric current
 * density, per projected area), primary or linear kinetics at the Li surface (phi_s = 0), trilinear
 * finite elements on a terrain-following mesh and multigrid-preconditioned CG.
 */
export type Contour =
  | { shape: "flat" }
  | { shape: "egg-box"; height_m: number }
  | { shape: "pyramid"; height_m: number }
  | { shape: "frustum"; height_m: number; topWidth_m: number };

export interface Interface3DProblem {
  period_m: number;
  /** Electrolyte thickness above the plane z = 0 (Zhang2024: at least 3 S). */
  thickness_m: number;
  conductivity_S_m: number;
  contour: Contour;
  kinetics: { kind: "primary" } | { kind: "linear"; asr_ohm_m2: number };
  currentDensity_A_m2: number;
  cellsPerPeriod: number;
  relativeTolerance: number;
}

/** The surface height: egg-box z = (H/2) cos(2 pi x/S) cos(2 pi y/S); pyramids/frustums over one period. */
export function contourHeight(contour: Contour, period: number): (x: number, y: number) => number {
  switch (contour.shape) {
    case "flat":
      return () => 0;
    case "egg-box":
      return (x, y) =>
        (contour.height_m / 2) * Math.cos((2 * Math.PI * x) / period) * Math.cos((2 * Math.PI * y) / period);
    case "pyramid":
    case "frustum": {
      const flatTop = contour.shape === "frustum" ? contour.topWidth_m / period : 0;
      return (x, y) => {
        // Distance from the cell centre in the max-norm, 0 at the apex, 1 at the base edge.
        const m = 2 * Math.max(Math.abs(x / period - 0.5), Math.abs(y / period - 0.5));
        return contour.height_m * Math.min(1, (1 - m) / (1 - flatTop));
      };
    }
  }
}

export interface Interface3DSolution {
  mesh: StructuredMesh3D;
  /** Plating current density normal to the surface at each surface node (nx * ny). */
  currentDensity_A_m2: Float64Array;
  areaWeights_m2: Float64Array;
  totalCurrent_A: number;
  iterations: number;
  residual: number;
}

export function solveInterface3D(problem: Interface3DProblem): Interface3DSolution {
  const n = problem.cellsPerPeriod;
  const h = problem.period_m / n;
  // Vertical cells: near-cubic, rounded to 2^L m + 1 nodes for multigrid.
  let nzCells = Math.ceil(problem.thickness_m / h);
  const levels = Math.max(0, Math.floor(Math.log2(Math.min(n, nzCells) / 4)));
  nzCells = Math.ceil(nzCells / 2 ** levels) * 2 ** levels;
  const nz = nzCells + 1;
  const g = contourHeight(problem.contour, problem.period_m);
  const x = new Float64Array(n * n * nz);
  const y = new Float64Array(n * n * nz);
  const z = new Float64Array(n * n * nz);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const node = (k * n + j) * n + i;
        const xi = i * h;
        const yj = j * h;
        const base = g(xi, yj);
        x[node] = xi;
        y[node] = yj;
        z[node] = base + (k / nzCells) * (problem.thickness_m - base);
      }
    }
  }
  const mesh: StructuredMesh3D = {
    nx: n,
    ny: n,
    nz,
    periodX: problem.period_m,
    periodY: problem.period_m,
    x,
    y,
    z,
  };
  const matrix = assembleQ1Stiffness3D(mesh, problem.conductivity_S_m);
  const stiffness = matrix.clone(); // kept for the surface reactions of primary kinetics
  const bottom = layerAreaWeights(mesh, 0);
  const top = layerAreaWeights(mesh, nz - 1);
  const size = n * n * nz;
  const rhs = new Float64Array(size);
  const topOffset = (nz - 1) * n * n;
  for (let s = 0; s < n * n; s++) rhs[topOffset + s] = problem.currentDensity_A_m2 * top[s];
  const primary = problem.kinetics.kind === "primary";
  if (primary) {
    // phi = 0 on the surface (eta = 0): rows become identity, columns move to the right-hand side (values 0).
    for (let s = 0; s < n * n; s++) {
      const a = matrix.coefficients;
      for (let c = 0; c < 27; c++) a[27 * s + c] = 0;
      a[27 * s + 13] = 1;
      rhs[s] = 0;
      const i = s % n;
      const j = Math.floor(s / n);
      // The layer above refers back to this node through dk = -1 entries.
      for (let dj = -1; dj <= 1; dj++) {
        for (let di = -1; di <= 1; di++) {
          const ii = (i + di + n) % n;
          const jj = (j + dj + n) % n;
          a[27 * ((1 * n + jj) * n + ii) + 0 * 9 + (1 - dj) * 3 + (1 - di)] = 0;
        }
      }
    }
  } else {
    const asr = (problem.kinetics as { asr_ohm_m2: number }).asr_ohm_m2;
    for (let s = 0; s < n * n; s++) matrix.coefficients[27 * s + 13] += bottom[s] / asr;
  }
  const phi = new Float64Array(size);
  const report = conjugateGradients(matrix, new Multigrid3D(matrix), rhs, phi, {
    relativeTolerance: problem.relativeTolerance,
  });
  const current = new Float64Array(n * n);
  if (primary) {
    // Consistent reaction of the unconstrained stiffness rows: i_n = -(K phi)_s / w_s.
    const product = new Float64Array(size);
    stiffness.multiply(phi, product);
    for (let s = 0; s < n * n; s++) current[s] = -product[s] / bottom[s];
  } else {
    const asr = (problem.kinetics as { asr_ohm_m2: number }).asr_ohm_m2;
    for (let s = 0; s < n * n; s++) current[s] = phi[s] / asr;
  }
  let total = 0;
  for (let s = 0; s < n * n; s++) total += current[s] * bottom[s];
  return {
    mesh,
    currentDensity_A_m2: current,
    areaWeights_m2: bottom,
    totalCurrent_A: total,
    iterations: report.iterations,
    residual: report.relativeResidual,
  };
}
