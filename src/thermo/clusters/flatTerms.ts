/**
 * The sampler's terms (siteTerms.ts) and state in two flat typed arrays, one of integers and one of
 * reals, addressed through a per-site header, so that a kernel closes over two arrays and a few
 * offsets (fieldKernel.ts, keptFields.ts; they write the header offsets below out as numbers:
 * under tsx and vitest an imported constant is a getter call, measured ~15 % of the field).
 *
 * ints:  header (HEADER per supercell site) | ψ per site | scratch | neighbour rows |
 *        the same rows sorted by site | their slots | triplet and quadruplet list starts and others
 * reals: per lattice site [point, pair per slot] | triplet tables (upper triangle, packed rows) |
 *        dense quadruplet tables |
 *        triplet and quadruplet list coefficients | kept field per site
 */
import type { SiteTerms, SlotLists } from "./siteTerms.js";

/** Integers per supercell site in the header. */
const HEADER = 8;
/** Header entries (offsets within a site's HEADER integers). */
/** ints index of the site's neighbour row (entries: ints indices of the neighbours' ψ). */
const ROW = 0;
const DEGREE = 1;
const QUADRUPLET_SLOTS = 2;
const TRIPLET_SLOTS = 3;
/** reals index of the site's first pair coefficient; its point coefficient sits just before. */
const PAIR_AT = 4;
const TRIPLET_TABLE_AT = 5;
const QUADRUPLET_TABLE_AT = 6;
/** ints index of the triplet list start of the site's slot 0 (quadruplet starts follow at +listShift). */
const LISTS_AT = 7;

/** Where the two arrays live (the sampler puts them in its kernel's memory, wasm/kernelArena.ts). */
export type PlaceArrays = (
  intsLength: number,
  realsLength: number,
) => { ints: Int32Array; reals: Float64Array };

const ownArrays: PlaceArrays = (intsLength, realsLength) => ({
  ints: new Int32Array(intsLength),
  reals: new Float64Array(realsLength),
});

export class FlatTerms {
  readonly ints: Int32Array;
  readonly reals: Float64Array;
  /** ψ of site i is ints[occupiedAt + i]; neighbour rows hold these indices, not site numbers. */
  readonly occupiedAt: number;
  /** Room for one site's listed neighbour slots, then two counts (listSparseSlots in fieldKernel.ts). */
  readonly scratchAt: number;
  /** A neighbour row entry plus fieldShift is the neighbour's kept field in reals. */
  readonly fieldShift: number;
  /** A neighbour row index plus sortedShift is the same row sorted (sites); plus 2 sortedShift, their slots. */
  readonly sortedShift: number;
  /** From a site's triplet list starts to its quadruplet list starts. */
  readonly listShift: number;
  /** A triplet list entry k: other member ints[k], coefficient reals[k + tripletCoefficientShift]. */
  readonly tripletCoefficientShift: number;
  /**
   * Quadruplet list entry k (the list starts hold k): other slots ints[quadrupletOthersAt + 2k] and
   * the next, coefficient reals[k + quadrupletCoefficientShift].
   */
  readonly quadrupletOthersAt: number;
  readonly quadrupletCoefficientShift: number;
  /** Start of the kept fields in reals (fieldsAt + i for site i). */
  readonly fieldsAt: number;
  readonly degree: number;

  constructor(terms: SiteTerms, latticeSiteOf: Int32Array, occupied: Uint8Array, place = ownArrays) {
    const n = latticeSiteOf.length;
    const latticeSites = terms.slotStart.length - 1;
    const degreeOf = (s: number) => terms.slotStart[s + 1] - terms.slotStart[s];
    let degree = 0;
    for (let s = 0; s < latticeSites; s++) degree = Math.max(degree, degreeOf(s));
    this.degree = degree;
    const neighbourCount = terms.neighbours.length;
    const slotCount = terms.slotStart[latticeSites];
    const { allTriplets, allQuadruplets } = terms;
    const tripletEntries = allTriplets.coefficient.length;
    const quadrupletEntries = allQuadruplets.coefficient.length;

    this.occupiedAt = HEADER * n;
    this.scratchAt = this.occupiedAt + n;
    const rowsAt = this.scratchAt + degree + 2;
    this.sortedShift = neighbourCount;
    const listsAt = rowsAt + 3 * neighbourCount;
    this.listShift = slotCount + 1;
    const tripletOthersAt = listsAt + 2 * (slotCount + 1);
    this.quadrupletOthersAt = tripletOthersAt + tripletEntries;

    // Per lattice site: point, then one pair coefficient per slot.
    const pairAt = new Int32Array(latticeSites);
    let at = 0;
    for (let s = 0; s < latticeSites; s++) {
      pairAt[s] = at + 1;
      at += 1 + degreeOf(s);
    }
    // The field reads K(g1, g2) for g1 < g2 only: packed, the tables of BCC with Table 3's cutoffs
    // (64 triplet slots) take 16 kB per lattice site instead of 32, so both stay in a 48 kB L1 cache.
    const tripletTablesAt = at;
    const packedStart = new Int32Array(latticeSites + 1);
    for (let s = 0; s < latticeSites; s++) {
      const slots = terms.tripletSlotCount[s];
      packedStart[s + 1] = packedStart[s] + (slots * (slots - 1)) / 2;
    }
    const quadrupletTablesAt = tripletTablesAt + packedStart[latticeSites];
    const tripletCoefficientsAt = quadrupletTablesAt + terms.quadrupletTable.length;
    const quadrupletCoefficientsAt = tripletCoefficientsAt + tripletEntries;
    this.fieldsAt = quadrupletCoefficientsAt + quadrupletEntries;
    const placed = place(this.quadrupletOthersAt + 2 * quadrupletEntries, this.fieldsAt + n);
    this.ints = placed.ints;
    this.reals = placed.reals;

    const { ints, reals } = this;
    for (let s = 0; s < latticeSites; s++) {
      reals[pairAt[s] - 1] = terms.point[s];
      reals.set(terms.pair.subarray(terms.slotStart[s], terms.slotStart[s + 1]), pairAt[s]);
    }
    for (let s = 0; s < latticeSites; s++) {
      const slots = terms.tripletSlotCount[s];
      const dense = terms.tripletTableStart[s];
      let k = tripletTablesAt + packedStart[s];
      for (let g1 = 0; g1 < slots; g1++) {
        for (let g2 = g1 + 1; g2 < slots; g2++) reals[k++] = terms.tripletTable[dense + g1 * slots + g2];
      }
    }
    reals.set(terms.quadrupletTable, quadrupletTablesAt);
    reals.set(allTriplets.coefficient, tripletCoefficientsAt);
    reals.set(allQuadruplets.coefficient, quadrupletCoefficientsAt);
    this.tripletCoefficientShift = tripletCoefficientsAt - tripletOthersAt;
    this.quadrupletCoefficientShift = quadrupletCoefficientsAt;

    for (let i = 0; i < n; i++) {
      const s = latticeSiteOf[i];
      const h = HEADER * i;
      ints[h + ROW] = rowsAt + terms.neighbourStart[i];
      ints[h + DEGREE] = degreeOf(s);
      ints[h + QUADRUPLET_SLOTS] = terms.quadrupletSlotCount[s];
      ints[h + TRIPLET_SLOTS] = terms.tripletSlotCount[s];
      ints[h + PAIR_AT] = pairAt[s];
      ints[h + TRIPLET_TABLE_AT] = tripletTablesAt + packedStart[s];
      ints[h + QUADRUPLET_TABLE_AT] = quadrupletTablesAt + terms.quadrupletTableStart[s];
      ints[h + LISTS_AT] = listsAt + terms.slotStart[s];
      ints[this.occupiedAt + i] = occupied[i];
    }
    for (let k = 0; k < neighbourCount; k++) {
      ints[rowsAt + k] = this.occupiedAt + terms.neighbours[k];
      ints[rowsAt + neighbourCount + k] = terms.sortedNeighbours[k];
      ints[rowsAt + 2 * neighbourCount + k] = terms.sortedSlots[k];
    }
    const starts = (lists: SlotLists, into: number, offset: number) => {
      for (let g = 0; g <= slotCount; g++) ints[into + g] = offset + lists.start[g];
    };
    starts(allTriplets, listsAt, tripletOthersAt);
    starts(allQuadruplets, listsAt + this.listShift, 0);
    ints.set(allTriplets.others, tripletOthersAt);
    ints.set(allQuadruplets.others, this.quadrupletOthersAt);
    this.fieldShift = this.fieldsAt - this.occupiedAt;
  }

  occupied(i: number): number {
    return this.ints[this.occupiedAt + i];
  }
}
