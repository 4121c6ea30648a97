/**
 * One fine row's share of the Galerkin product P^T A P along one axis with linear interpolation
 * (Trottenberg, Oosterlee & Schueller, Multigrid, 2001, sec. 5.6), for a row whose neighbours
 * across the other axes all exist: the branch-free path of the axis coarsenings, written out from
 * the 1D weights. The row's entries come in groups of three along the axis (left, centre, right,
 * `stride` apart from `bases[g]`). A row on a coarse node (even) adds
 *   [l/2, c + (l + r)/2, r/2]
 * to that node's row (target0); a row between two coarse nodes (odd) adds half of
 *   [l + c/2, r + c/2] to offsets (0, +1) of the left node's row (target0) and (-1, 0) of the right
 * node's (target1). dropLeft/dropRight: that neighbour lies outside a bounded grid (its entry is
 * ignored, whatever its value).
 */
export function coarsenRow(
  a: Float64Array,
  row: number,
  coarse: Float64Array,
  bases: Int32Array,
  stride: number,
  even: boolean,
  target0: number,
  target1: number,
  dropLeft: boolean,
  dropRight: boolean,
): void {
  const groups = bases.length;
  if (even) {
    for (let g = 0; g < groups; g++) {
      const e = bases[g];
      const l = dropLeft ? 0 : a[row + e];
      const r = dropRight ? 0 : a[row + e + 2 * stride];
      coarse[target0 + e] += 0.5 * l;
      coarse[target0 + e + stride] += a[row + e + stride] + 0.5 * (l + r);
      coarse[target0 + e + 2 * stride] += 0.5 * r;
    }
    return;
  }
  for (let g = 0; g < groups; g++) {
    const e = bases[g];
    const half = 0.5 * a[row + e + stride];
    const left = 0.5 * (a[row + e] + half);
    const right = 0.5 * (a[row + e + 2 * stride] + half);
    coarse[target0 + e + stride] += left;
    coarse[target0 + e + 2 * stride] += right;
    coarse[target1 + e] += left;
    coarse[target1 + e + stride] += right;
  }
}
