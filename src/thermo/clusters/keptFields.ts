/**
 * The kept-fields side of the sampler (monteCarlo.ts), for runs where most moves are rejected:
 * every site's field h_k = ∂E/∂ψ_k is stored, an attempt reads two of them and corrects for the
 * terms containing both sites, and an accepted change of one site updates the fields around it.
 * Self-contained like fieldKernel.ts (layout of flatTerms.ts written out), so that each sampler
 * takes its own compiled copy (ownCopy.ts); `list` is listSparseSlots.
 */
import type { FlatTerms } from "./flatTerms.js";

export interface KeptFields {
  /** ∂²E/∂ψ_i∂ψ_j: the terms containing both sites (0 when j is not a neighbour of i), J. */
  pairField(i: number, j: number): number;
  /** Sets ψ_m to 1 − ψ_m and updates the kept field of every site whose field depends on ψ_m. */
  change(m: number): void;
}

export function keptFields(
  t: FlatTerms,
  list: (ints: Int32Array, scratchAt: number, degree: number, i: number) => number,
): KeptFields {
  const { ints, reals, scratchAt, degree, occupiedAt, fieldShift, sortedShift, listShift } = t;
  const { tripletCoefficientShift, quadrupletOthersAt, quadrupletCoefficientShift } = t;
  /** ∂²E/∂ψ_m∂ψ_k per many-body slot k of the changing site m. */
  const coupling = new Float64Array(degree);

  const pairField = (i: number, j: number): number => {
    // Header: row, degree, .., pair at 4, .., triplet list starts at 7 (flatTerms.ts).
    const h = 8 * i;
    const row = ints[h];
    let low = row + sortedShift;
    let high = low + ints[h + 1] - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const site = ints[middle];
      if (site < j) low = middle + 1;
      else if (site > j) high = middle - 1;
      else {
        const slot = ints[middle + sortedShift];
        let sum = reals[ints[h + 4] + slot];
        const lists = ints[h + 7] + slot;
        for (let k = ints[lists], end = ints[lists + 1]; k < end; k++) {
          sum += reals[k + tripletCoefficientShift] * ints[ints[row + ints[k]]];
        }
        for (let k = ints[lists + listShift], end = ints[lists + listShift + 1]; k < end; k++) {
          sum +=
            reals[k + quadrupletCoefficientShift] *
            ints[ints[row + ints[quadrupletOthersAt + 2 * k]]] *
            ints[ints[row + ints[quadrupletOthersAt + 2 * k + 1]]];
        }
        return sum;
      }
    }
    return 0;
  };

  /**
   * Adds Δψ_m ∂²E/∂ψ_m∂ψ_k to the field of every neighbour k: the pair term, the triplets
   * (m, l, k) whose other member l holds the sparse species (from l's list of every triplet
   * containing it: ~28 of the 64 slots a dense row would visit with Table 3's cutoffs) and the
   * quadruplets (m, l, l', k) from rows of the dense table. The many-body part is gathered into
   * `coupling`, one value per many-body slot, before the fields are touched.
   */
  const change = (m: number): void => {
    list(ints, scratchAt, degree, m);
    const inQuadruplets = ints[scratchAt + degree];
    const inTriplets = ints[scratchAt + degree + 1];
    const h = 8 * m;
    const row = ints[h];
    const end = ints[h + 1];
    const quadrupletSlots = ints[h + 2];
    const tripletSlots = ints[h + 3];
    const pairAt = ints[h + 4];
    const quadrupletAt = ints[h + 6];
    const lists = ints[h + 7];
    const delta = 1 - 2 * ints[occupiedAt + m];
    for (let k = 0; k < tripletSlots; k++) coupling[k] = reals[pairAt + k];
    for (let a = scratchAt, last = scratchAt + inTriplets; a < last; a++) {
      const slot = lists + ints[a];
      for (let k = ints[slot], stop = ints[slot + 1]; k < stop; k++) {
        coupling[ints[k]] += reals[k + tripletCoefficientShift];
      }
    }
    for (let a = scratchAt, last = scratchAt + inQuadruplets; a < last; a++) {
      for (let b = a + 1; b < last; b++) {
        const offset = quadrupletAt + (ints[a] * quadrupletSlots + ints[b]) * quadrupletSlots;
        for (let k = 0; k < quadrupletSlots; k++) coupling[k] += reals[offset + k];
      }
    }
    for (let k = 0; k < tripletSlots; k++) reals[ints[row + k] + fieldShift] += delta * coupling[k];
    for (let k = tripletSlots; k < end; k++) reals[ints[row + k] + fieldShift] += delta * reals[pairAt + k];
    ints[occupiedAt + m] = 1 - ints[occupiedAt + m];
  };

  return { pairField, change };
}
