/**
 * The kept-fields side of the sampler (monteCarlo.ts), for runs where most moves are rejected:
 * every site's field h_k = ∂E/∂ψ_k is stored, an attempt reads two of them and corrects for the
 * terms containing both sites, and an accepted change of one site updates the fields around it.
 * Closures over the arrays, like fieldKernel.ts, so that V8 treats the arrays as constants.
 */
import type { SiteTerms } from "./siteTerms.js";

export interface KeptFields {
  /** ∂²E/∂ψ_i∂ψ_j: the terms containing both sites (0 when j is not a neighbour of i). */
  pairField(i: number, j: number): number;
  /** Sets ψ_m to 1 − ψ_m and updates the kept field of every site whose field depends on ψ_m. */
  change(m: number): void;
}

export function keptFields(
  terms: SiteTerms,
  occupied: Uint8Array,
  fields: Float64Array,
  latticeSiteOf: Int32Array,
): KeptFields {
  const { slotStart, neighbourStart, neighbours, sortedNeighbours, sortedSlots, pair } = terms;
  const { start: tripletStart, others: tripletOthers, coefficient: tripletK } = terms.allTriplets;
  const { start: quadStart, others: quadOthers, coefficient: quadK } = terms.allQuadruplets;
  const { tripletSlotCount, quadrupletSlotCount, quadrupletTableStart, quadrupletTable } = terms;
  let degree = 0;
  for (let s = 0; s + 1 < slotStart.length; s++) degree = Math.max(degree, slotStart[s + 1] - slotStart[s]);
  const sparse = new Int32Array(degree);
  /** ∂²E/∂ψ_m∂ψ_k per many-body slot k of the changing site m. */
  const coupling = new Float64Array(degree);

  const pairField = (i: number, j: number): number => {
    let low = neighbourStart[i];
    let high = neighbourStart[i + 1] - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const site = sortedNeighbours[middle];
      if (site < j) low = middle + 1;
      else if (site > j) high = middle - 1;
      else {
        const row = neighbourStart[i];
        const slot = slotStart[latticeSiteOf[i]] + sortedSlots[middle];
        let sum = pair[slot];
        for (let k = tripletStart[slot], end = tripletStart[slot + 1]; k < end; k++) {
          sum += tripletK[k] * occupied[neighbours[row + tripletOthers[k]]];
        }
        for (let k = quadStart[slot], end = quadStart[slot + 1]; k < end; k++) {
          sum +=
            quadK[k] *
            occupied[neighbours[row + quadOthers[2 * k]]] *
            occupied[neighbours[row + quadOthers[2 * k + 1]]];
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
   * quadruplets (m, l, l', k) from rows of the dense table. The many-body part is gathered into one
   * value per many-body slot before the fields are touched.
   */
  const change = (m: number): void => {
    const delta = 1 - 2 * occupied[m];
    const s = latticeSiteOf[m];
    const base = slotStart[s];
    const end = slotStart[s + 1] - base;
    const row = neighbourStart[m];
    const quadrupletSlots = quadrupletSlotCount[s];
    const tripletSlots = tripletSlotCount[s];
    let count = 0;
    let g = 0;
    for (; g < quadrupletSlots; g++) {
      sparse[count] = g;
      count += occupied[neighbours[row + g]];
    }
    const inQuadruplets = count;
    for (; g < tripletSlots; g++) {
      sparse[count] = g;
      count += occupied[neighbours[row + g]];
    }
    const inTriplets = count;
    for (let k = 0; k < tripletSlots; k++) coupling[k] = pair[base + k];
    for (let a = 0; a < inTriplets; a++) {
      const slot = base + sparse[a];
      for (let k = tripletStart[slot], last = tripletStart[slot + 1]; k < last; k++) {
        coupling[tripletOthers[k]] += tripletK[k];
      }
    }
    const quadrupletBase = quadrupletTableStart[s];
    for (let a = 0; a < inQuadruplets; a++) {
      for (let b = a + 1; b < inQuadruplets; b++) {
        const offset = quadrupletBase + (sparse[a] * quadrupletSlots + sparse[b]) * quadrupletSlots;
        for (let k = 0; k < quadrupletSlots; k++) coupling[k] += quadrupletTable[offset + k];
      }
    }
    for (let k = 0; k < tripletSlots; k++) fields[neighbours[row + k]] += delta * coupling[k];
    for (let k = tripletSlots; k < end; k++) fields[neighbours[row + k]] += delta * pair[base + k];
    occupied[m] = 1 - occupied[m];
  };

  return { pairField, change };
}
