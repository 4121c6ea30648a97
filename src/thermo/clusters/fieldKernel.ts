/**
 * The field h_i = ∂E/∂ψ_i of one site from the current occupations (siteTerms.ts): the point
 * term, the pair terms of its sparse-species neighbours, and the triplets and quadruplets read
 * from the dense tables by pairs and triples of those neighbours, so no term with a member of the
 * other species is visited. With Xie2024 Table 3's cutoffs on BCC a site has 112 neighbour slots,
 * 64 of them in triplets and 14 in quadruplets; at x = 0.25 about 28, 16 and 3.5 of them hold the
 * sparse species.
 *
 * Built as a closure over the arrays, each copied to a local on entry: V8 then loads them once
 * per call. While a process holds one sampler, V8 also specialises the closure to its arrays as
 * constants, and the field costs ~0.6 of the time of the same code as a sampler method; once a
 * second sampler exists that specialisation is gone and about half of the gain with it (measured
 * side by side under load; the bench creates several samplers, so its figures are the latter).
 */
import type { SiteTerms } from "./siteTerms.js";

export function fieldKernel(
  terms: SiteTerms,
  occupiedArray: Uint8Array,
  latticeSiteOf: Int32Array,
): (i: number) => number {
  const {
    slotStart,
    neighbourStart,
    point,
    tripletSlotCount,
    tripletTableStart,
    quadrupletSlotCount,
    quadrupletTableStart,
    quadrupletTable,
  } = terms;
  let degree = 0;
  for (let s = 0; s + 1 < slotStart.length; s++) degree = Math.max(degree, slotStart[s + 1] - slotStart[s]);
  /** The slots of the site's sparse-species neighbours, in slot order. */
  const sparseSlots = new Int32Array(degree);
  return (i: number): number => {
    // The arrays of the hot loops as locals (see above).
    const neighbours = terms.neighbours;
    const occupied = occupiedArray;
    const sparse = sparseSlots;
    const tripletTable = terms.tripletTable;
    const pair = terms.pair;
    const s = latticeSiteOf[i];
    const base = slotStart[s];
    const end = slotStart[s + 1] - base;
    const row = neighbourStart[i];
    // Listed without a branch per neighbour (most hold the other species), in three runs so that
    // the counts of listed quadruplet and triplet slots fall out.
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
    for (; g < end; g++) {
      sparse[count] = g;
      count += occupied[neighbours[row + g]];
    }
    // Four partial sums: one running sum would wait on the latency of every addition.
    let sum0 = point[s];
    let sum1 = 0;
    let sum2 = 0;
    let sum3 = 0;
    let c = 0;
    for (; c + 3 < count; c += 4) {
      sum0 += pair[base + sparse[c]];
      sum1 += pair[base + sparse[c + 1]];
      sum2 += pair[base + sparse[c + 2]];
      sum3 += pair[base + sparse[c + 3]];
    }
    for (; c < count; c++) sum0 += pair[base + sparse[c]];
    // Slots in triplets come first, those in quadruplets first of all (siteTerms.ts).
    const tripletBase = tripletTableStart[s];
    for (let a = 0; a < inTriplets; a++) {
      const offset = tripletBase + sparse[a] * tripletSlots;
      let b = a + 1;
      for (; b + 3 < inTriplets; b += 4) {
        sum0 += tripletTable[offset + sparse[b]];
        sum1 += tripletTable[offset + sparse[b + 1]];
        sum2 += tripletTable[offset + sparse[b + 2]];
        sum3 += tripletTable[offset + sparse[b + 3]];
      }
      for (; b < inTriplets; b++) sum0 += tripletTable[offset + sparse[b]];
    }
    const quadrupletBase = quadrupletTableStart[s];
    for (let a = 0; a < inQuadruplets; a++) {
      for (let b = a + 1; b < inQuadruplets; b++) {
        const offset = quadrupletBase + (sparse[a] * quadrupletSlots + sparse[b]) * quadrupletSlots;
        for (let d = b + 1; d < inQuadruplets; d++) sum1 += quadrupletTable[offset + sparse[d]];
      }
    }
    return sum0 + sum1 + (sum2 + sum3);
  };
}
