import { cellsInX, type StructuredMesh2D } from "./mesh2d.js";
import { StencilMatrix2D } from "./stencil2d.js";

/**
 * Stiffness matrix of -div(sigma grad u) with bilinear (Q1) finite elements on a structured,
 * possibly curved mesh: K_ab = int sigma grad N_a . grad N_b dA by 2 x 2 Gauss quadrature of the
 * isoparametric map. Q1 elements on boundary-fitted meshes give an SPD 9-point matrix, natural
 * flux and Robin conditions on curved boundaries, and second-order nodal accuracy
 * (Brenner & Scott, The Mathematical Theory of Finite Element Methods, 3rd ed., ch. 4).
 * `cellConductivity` is one value per cell (index cj * cellsInX + ci), or one number.
 */
export function assembleQ1Stiffness(
  mesh: StructuredMesh2D,
  cellConductivity: Float64Array | number,
): StencilMatrix2D {
  const { nx, ny } = mesh;
  const matrix = new StencilMatrix2D(nx, ny, mesh.periodicX);
  const coefficients = matrix.coefficients;
  const ncx = cellsInX(mesh);
  const gauss = [0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)];
  // Corners in local order (0,0), (1,0), (1,1), (0,1).
  const cornerI = [0, 1, 1, 0];
  const cornerJ = [0, 0, 1, 1];
  // Derivatives of N = (1-s)(1-t), s(1-t), st, (1-s)t with respect to s and t at the 4 Gauss points.
  const dNs = new Float64Array(16);
  const dNt = new Float64Array(16);
  let q = 0;
  for (const s of gauss) {
    for (const t of gauss) {
      dNs.set([-(1 - t), 1 - t, t, -t], 4 * q);
      dNt.set([-(1 - s), -s, s, 1 - s], 4 * q);
      q++;
    }
  }
  // Position of corner b in the 9-point stencil of corner a.
  const stencilEntry = Int32Array.from({ length: 16 }, (_, e) => {
    const [a, b] = [e >> 2, e & 3];
    return (cornerJ[b] - cornerJ[a] + 1) * 3 + (cornerI[b] - cornerI[a] + 1);
  });
  const px = new Float64Array(4);
  const py = new Float64Array(4);
  const rows = new Int32Array(4);
  const local = new Float64Array(16);
  const dNx = new Float64Array(4);
  const dNy = new Float64Array(4);
  for (let cj = 0; cj < ny - 1; cj++) {
    for (let ci = 0; ci < ncx; ci++) {
      // The last cell of a periodic row closes onto column 0, shifted by one period.
      const wraps = ci + 1 === nx;
      for (let c = 0; c < 4; c++) {
        const i = ci + cornerI[c];
        const node = (cj + cornerJ[c]) * nx + (wraps && cornerI[c] === 1 ? 0 : i);
        px[c] = mesh.x[node] + (wraps && cornerI[c] === 1 ? mesh.period : 0);
        py[c] = mesh.y[node];
        rows[c] = 9 * node;
      }
      const sigma = typeof cellConductivity === "number" ? cellConductivity : cellConductivity[cj * ncx + ci];
      local.fill(0);
      for (let g = 0; g < 4; g++) {
        let xs = 0;
        let xt = 0;
        let ys = 0;
        let yt = 0;
        for (let c = 0; c < 4; c++) {
          xs += dNs[4 * g + c] * px[c];
          xt += dNt[4 * g + c] * px[c];
          ys += dNs[4 * g + c] * py[c];
          yt += dNt[4 * g + c] * py[c];
        }
        const jacobian = xs * yt - xt * ys;
        if (!(jacobian > 0)) {
          throw new Error(`assembleQ1Stiffness: cell (${ci}, ${cj}) is inverted or degenerate`);
        }
        const inverse = 1 / jacobian;
        for (let c = 0; c < 4; c++) {
          dNx[c] = (yt * dNs[4 * g + c] - ys * dNt[4 * g + c]) * inverse;
          dNy[c] = (-xt * dNs[4 * g + c] + xs * dNt[4 * g + c]) * inverse;
        }
        const weight = 0.25 * jacobian * sigma;
        for (let a = 0; a < 4; a++) {
          for (let b = 0; b < 4; b++) local[a * 4 + b] += weight * (dNx[a] * dNx[b] + dNy[a] * dNy[b]);
        }
      }
      for (let e = 0; e < 16; e++) coefficients[rows[e >> 2] + stencilEntry[e]] += local[e];
    }
  }
  return matrix;
}

/**
 * Imposes u = value at the given nodes by symmetric elimination: their rows become identity and
 * their columns move to the right-hand side, so the matrix stays SPD.
 */
export function imposeDirichlet(
  matrix: StencilMatrix2D,
  rhs: Float64Array,
  nodes: Int32Array,
  values: Float64Array,
): void {
  const { nx, ny, coefficients: a } = matrix;
  const fixed = new Uint8Array(matrix.size);
  for (const node of nodes) fixed[node] = 1;
  nodes.forEach((node, k) => {
    const j = (node / nx) | 0;
    const i = node - j * nx;
    for (let dj = -1; dj <= 1; dj++) {
      const jj = j + dj;
      if (jj < 0 || jj >= ny) continue;
      for (let di = -1; di <= 1; di++) {
        const ii = matrix.column(i, di);
        if (ii < 0 || (di === 0 && dj === 0)) continue;
        const neighbour = jj * nx + ii;
        // Entry of the neighbour's row that points back at this node.
        const back = 9 * neighbour + (1 - dj) * 3 + (1 - di);
        if (!fixed[neighbour]) rhs[neighbour] -= a[back] * values[k];
        a[back] = 0;
        a[9 * node + (dj + 1) * 3 + (di + 1)] = 0;
      }
    }
    a[9 * node + 4] = 1;
    rhs[node] = values[k];
  });
}
