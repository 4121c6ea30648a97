import { cellsInX, nodeX, nodeY, type StructuredMesh2D } from "./mesh2d.js";
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
  const matrix = new StencilMatrix2D(mesh.nx, mesh.ny, mesh.periodicX);
  const ncx = cellsInX(mesh);
  const gauss = [0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)];
  // Corners in local order (0,0), (1,0), (1,1), (0,1).
  const cornerI = [0, 1, 1, 0];
  const cornerJ = [0, 0, 1, 1];
  const px = new Float64Array(4);
  const py = new Float64Array(4);
  const local = new Float64Array(16);
  const dNx = new Float64Array(4);
  const dNy = new Float64Array(4);
  const dNs = new Float64Array(4);
  const dNt = new Float64Array(4);
  for (let cj = 0; cj < mesh.ny - 1; cj++) {
    for (let ci = 0; ci < ncx; ci++) {
      for (let c = 0; c < 4; c++) {
        px[c] = nodeX(mesh, ci + cornerI[c], cj + cornerJ[c]);
        py[c] = nodeY(mesh, ci + cornerI[c], cj + cornerJ[c]);
      }
      const sigma = typeof cellConductivity === "number" ? cellConductivity : cellConductivity[cj * ncx + ci];
      local.fill(0);
      for (const s of gauss) {
        for (const t of gauss) {
          // Derivatives of N = (1-s)(1-t), s(1-t), st, (1-s)t with respect to s and t.
          dNs[0] = -(1 - t);
          dNs[1] = 1 - t;
          dNs[2] = t;
          dNs[3] = -t;
          dNt[0] = -(1 - s);
          dNt[1] = -s;
          dNt[2] = s;
          dNt[3] = 1 - s;
          let xs = 0;
          let xt = 0;
          let ys = 0;
          let yt = 0;
          for (let c = 0; c < 4; c++) {
            xs += dNs[c] * px[c];
            xt += dNt[c] * px[c];
            ys += dNs[c] * py[c];
            yt += dNt[c] * py[c];
          }
          const jacobian = xs * yt - xt * ys;
          if (!(jacobian > 0)) {
            throw new Error(`assembleQ1Stiffness: cell (${ci}, ${cj}) is inverted or degenerate`);
          }
          for (let a = 0; a < 4; a++) {
            dNx[a] = (yt * dNs[a] - ys * dNt[a]) / jacobian;
            dNy[a] = (-xt * dNs[a] + xs * dNt[a]) / jacobian;
          }
          const weight = 0.25 * jacobian * sigma;
          for (let a = 0; a < 4; a++) {
            for (let b = 0; b < 4; b++) local[a * 4 + b] += weight * (dNx[a] * dNx[b] + dNy[a] * dNy[b]);
          }
        }
      }
      for (let a = 0; a < 4; a++) {
        const ia = (ci + cornerI[a]) % mesh.nx;
        const ja = cj + cornerJ[a];
        for (let b = 0; b < 4; b++) {
          matrix.add(ia, ja, cornerI[b] - cornerI[a], cornerJ[b] - cornerJ[a], local[a * 4 + b]);
        }
      }
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
