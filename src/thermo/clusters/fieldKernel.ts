/**
 * The field h_i = ∂E/∂ψ_i of one site from the current occupations (siteTerms.ts): the point
 * term, the pair terms of its sparse-species neighbours, and the triplets and quadruplets read
 * from the dense tables by pairs and triples of those neighbours, so no term with a member of the
 * other species is visited. With Xie2024 Table 3's cutoffs on BCC a site has 112 neighbour slots,
 * 64 of them in triplets and 14 in quadruplets; at x = 0.25 about 28, 16 and 3.5 of them hold the
 * sparse species.
 *
 * Works on the two flat arrays of flatTerms.ts.
 */
/**
 * Lists the slots of site i's sparse-species neighbours in slot order at ints[scratchAt ..) and
 * returns their count; ints[scratchAt + degree] and [.. + 1] receive how many of them are in
 * quadruplet and in triplet slots (those come first, siteTerms.ts). Written without a branch per
 * neighbour: most hold the other species.
 */
export function listSparseSlots(ints: Int32Array, scratchAt: number, degree: number, i: number): number {
  // Header (flatTerms.ts; written out: an imported constant is a getter call under some loaders).
  const h = 8 * i;
  const row = ints[h];
  const end = ints[h + 1];
  const quadrupletSlots = ints[h + 2];
  const tripletSlots = ints[h + 3];
  let at = scratchAt;
  let g = 0;
  for (; g < quadrupletSlots; g++) {
    ints[at] = g;
    at += ints[ints[row + g]];
  }
  ints[scratchAt + degree] = at - scratchAt;
  for (; g < tripletSlots; g++) {
    ints[at] = g;
    at += ints[ints[row + g]];
  }
  ints[scratchAt + degree + 1] = at - scratchAt;
  for (; g < end; g++) {
    ints[at] = g;
    at += ints[ints[row + g]];
  }
  return at - scratchAt;
}

/**
 * The field h_i from the current occupations, J, of the flat arrays given (flatTerms.ts). Self-contained
 * (the header offsets are written out, see flatTerms.ts) so that each sampler can take its own
 * compiled copy (ownCopy.ts); `list` is listSparseSlots.
 */
export function fieldKernel(
  ints: Int32Array,
  reals: Float64Array,
  scratch: number,
  degree: number,
  list: (ints: Int32Array, scratchAt: number, degree: number, i: number) => number,
): (i: number) => number {
  return (i: number): number => {
    const count = list(ints, scratch, degree, i);
    const inQuadruplets = ints[scratch + degree];
    const inTriplets = ints[scratch + degree + 1];
    // Header: row, degree, quadruplet slots, triplet slots, pair, triplet table, quadruplet table.
    const h = 8 * i;
    const pairAt = ints[h + 4];
    // Four partial sums: one running sum would wait on the latency of every addition.
    let sum0 = reals[pairAt - 1];
    let sum1 = 0;
    let sum2 = 0;
    let sum3 = 0;
    let c = scratch;
    const last = scratch + count;
    for (; c + 3 < last; c += 4) {
      sum0 += reals[pairAt + ints[c]];
      sum1 += reals[pairAt + ints[c + 1]];
      sum2 += reals[pairAt + ints[c + 2]];
      sum3 += reals[pairAt + ints[c + 3]];
    }
    for (; c < last; c++) sum0 += reals[pairAt + ints[c]];
    const tripletSlots = ints[h + 3];
    const tripletAt = ints[h + 5];
    const tripletsEnd = scratch + inTriplets;
    for (let a = scratch; a < tripletsEnd; a++) {
      // Row g of the packed upper triangle (flatTerms.ts) starts at g S − g (g + 1) / 2, minus the
      // g + 1 entries left of its diagonal that it does not hold.
      const g = ints[a];
      const offset = tripletAt + ((g * (2 * tripletSlots - g - 3)) >> 1) - 1;
      let b = a + 1;
      for (; b + 3 < tripletsEnd; b += 4) {
        sum0 += reals[offset + ints[b]];
        sum1 += reals[offset + ints[b + 1]];
        sum2 += reals[offset + ints[b + 2]];
        sum3 += reals[offset + ints[b + 3]];
      }
      for (; b < tripletsEnd; b++) sum0 += reals[offset + ints[b]];
    }
    const quadrupletSlots = ints[h + 2];
    const quadrupletAt = ints[h + 6];
    const quadrupletsEnd = scratch + inQuadruplets;
    for (let a = scratch; a < quadrupletsEnd; a++) {
      for (let b = a + 1; b < quadrupletsEnd; b++) {
        const offset = quadrupletAt + (ints[a] * quadrupletSlots + ints[b]) * quadrupletSlots;
        for (let d = b + 1; d < quadrupletsEnd; d++) sum1 += reals[offset + ints[d]];
      }
    }
    return sum0 + sum1 + (sum2 + sum3);
  };
}
