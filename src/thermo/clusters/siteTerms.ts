/**
 * The cluster-expansion energy laid out for Monte Carlo: a multilinear polynomial in occupation
 * indicators ψ_m (1 where site m holds the "sparse" species, 0 otherwise),
 *   E = constant + Σ_T K_T Π_{m∈T} ψ_m,
 * obtained by expanding every cluster product Π φ_m with φ = a + b ψ (exact algebra; in the
 * indicator basis with the second species sparse it is the expansion itself). With the minority
 * species as the sparse one, a term contributes to a site's field only when all its other members
 * hold the minority, which is what makes the field cheap to evaluate.
 *
 * The terms around a site depend only on which lattice site it is (translation invariance), so
 * they are stored once per lattice site in "slot" space, a slot being one neighbouring supercell
 * site; each supercell site only keeps its slot → site row. Terms containing a given neighbour are
 * kept in two lists: "forward" (the neighbour is the member with the lowest slot, so a site's field
 * counts each term once) and "all" (every term containing the neighbour, for the pair correction
 * of a swap). The same triplet and quadruplet coefficients are also laid out as dense symmetric
 * tables over a prefix of each lattice site's slots (the slots are numbered with those in
 * quadruplets first, then those in triplets), so a field can read one entry per pair or triple of
 * its sparse-species neighbours without visiting any other term.
 */
import { inputError } from "../../errors.js";
import { type ClusterExpansion, clusterInteraction } from "./expansion.js";
import { type Cluster, canonicalCluster, type LatticePoint } from "./orbits.js";
import { type Supercell, siteFunction } from "./supercell.js";

/** For each global slot, a run of terms: the other members' local slots (`arity` each) and K. */
export interface SlotLists {
  start: Int32Array;
  others: Int32Array;
  coefficient: Float64Array;
}

export interface SiteTerms {
  /** ψ_m = 1 on sites holding this species index (0 or 1). */
  sparseSpecies: number;
  /** Slots of lattice site s are the global slots slotStart[s] .. slotStart[s + 1] - 1. */
  slotStart: Int32Array;
  /** Point coefficient per lattice site, J. */
  point: Float64Array;
  /** Pair coefficient per global slot, J. */
  pair: Float64Array;
  forwardTriplets: SlotLists;
  forwardQuadruplets: SlotLists;
  allTriplets: SlotLists;
  allQuadruplets: SlotLists;
  /**
   * Slots are numbered per lattice site with those in quadruplets first (the first
   * quadrupletSlotCount[s]), then those in triplets (up to tripletSlotCount[s]), then pair-only ones.
   */
  tripletSlotCount: Int32Array;
  quadrupletSlotCount: Int32Array;
  /** K of the triplet (site, g1, g2): tripletTable[tripletTableStart[s] + g1 tripletSlotCount[s] + g2], J. */
  tripletTableStart: Int32Array;
  tripletTable: Float64Array;
  /** K of the quadruplet (site, g1, g2, g3), indexed likewise over quadrupletSlotCount[s], J. */
  quadrupletTableStart: Int32Array;
  quadrupletTable: Float64Array;
  /** Supercell site of each slot of each supercell site (row neighbourStart[i] .. neighbourStart[i + 1] - 1). */
  neighbourStart: Int32Array;
  neighbours: Int32Array;
  /** The same rows sorted by supercell site, with the slot of each, for looking a neighbour up. */
  sortedNeighbours: Int32Array;
  sortedSlots: Int32Array;
}

interface SlotEntry {
  slot: number;
  others: number[];
  coefficient: number;
}

function slotLists(slotCount: number, arity: number, entries: SlotEntry[]): SlotLists {
  const start = new Int32Array(slotCount + 1);
  for (const e of entries) start[e.slot + 1]++;
  for (let g = 0; g < slotCount; g++) start[g + 1] += start[g];
  const fill = start.slice(0, slotCount);
  const others = new Int32Array(entries.length * arity);
  const coefficient = new Float64Array(entries.length);
  for (const e of entries) {
    const k = fill[e.slot]++;
    coefficient[k] = e.coefficient;
    for (let m = 0; m < arity; m++) others[k * arity + m] = e.others[m];
  }
  return { start, others, coefficient };
}

/**
 * Per lattice site, K of the terms with `arity` other members as a dense symmetric array over the
 * site's first count[s] slots (entry (g1, .., g_arity) at start[s] + ((g1 count + g2) count + ..)),
 * every ordering of the members filled, so a term is one read whichever member is known first.
 */
function denseTables(
  count: Int32Array,
  arity: number,
  manyBody: { slots: number[]; coefficient: number }[][],
): { start: Int32Array; table: Float64Array } {
  const start = new Int32Array(count.length + 1);
  count.forEach((c, s) => {
    start[s + 1] = start[s] + c ** arity;
  });
  const table = new Float64Array(start[count.length]);
  manyBody.forEach((terms, s) => {
    for (const { slots, coefficient } of terms) {
      if (slots.length !== arity) continue;
      for (const ordering of permutations(slots)) {
        table[start[s] + ordering.reduce((index, g) => index * count[s] + g, 0)] += coefficient;
      }
    }
  });
  return { start, table };
}

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((first, k) =>
    permutations(items.filter((_, m) => m !== k)).map((rest) => [first, ...rest]),
  );
}

/** Lattice-level terms (one per translation class of clusters) of the expansion in ψ. */
function termsInOccupation(expansion: ClusterExpansion, sparseSpecies: number) {
  const low = siteFunction(expansion.basis, 1 - sparseSpecies);
  const step = siteFunction(expansion.basis, sparseSpecies) - low;
  const terms = new Map<string, { cluster: Cluster; coefficient: number }>();
  expansion.orbits.forEach((orbit, t) => {
    const interaction = clusterInteraction(expansion, t);
    if (interaction === 0) return;
    for (const cluster of orbit.clusters) {
      // Π_m (low + step ψ_m) = Σ over subsets T of low^(n-|T|) step^|T| Π_{m∈T} ψ_m.
      for (let mask = 0; mask < 1 << cluster.length; mask++) {
        let coefficient = interaction;
        const members: Cluster = [];
        cluster.forEach((point, m) => {
          if ((mask >> m) & 1) {
            coefficient *= step;
            members.push(point);
          } else coefficient *= low;
        });
        if (coefficient === 0) continue;
        // The constant part does not change in a move, and the sampler's energy is a full evaluation.
        if (members.length === 0) continue;
        const canonical = canonicalCluster(members);
        const entry = terms.get(canonical.key);
        if (entry) entry.coefficient += coefficient;
        else terms.set(canonical.key, { cluster: canonical.cluster, coefficient });
      }
    }
  });
  return [...terms.values()];
}

export function siteTerms(
  expansion: ClusterExpansion,
  supercell: Supercell,
  sparseSpecies: number,
): SiteTerms {
  const latticeSites = supercell.lattice.sites.length;
  const cells = supercell.cells;
  const terms = termsInOccupation(expansion, sparseSpecies);
  const reference = cells[0];
  const siteAt = (point: LatticePoint, cell: readonly number[]) =>
    supercell.indexOf([point[0], point[1] + cell[0], point[2] + cell[1], point[3] + cell[2]]);

  const slotStart = new Int32Array(latticeSites + 1);
  const point = new Float64Array(latticeSites);
  /** Per lattice site: the lattice point (relative to the site) that each local slot stands for. */
  const slotPoints: LatticePoint[][] = [];
  // [forward, all] entries of triplets and quadruplets.
  const triplets: [SlotEntry[], SlotEntry[]] = [[], []];
  const quadruplets: [SlotEntry[], SlotEntry[]] = [[], []];
  const pairOf: { slot: number; coefficient: number }[] = [];
  const tripletSlotCount = new Int32Array(latticeSites);
  const quadrupletSlotCount = new Int32Array(latticeSites);
  /** Per lattice site, the many-body terms in local slots, for the dense tables. */
  const manyBody: { slots: number[]; coefficient: number }[][] = [];
  for (let s = 0; s < latticeSites; s++) {
    const home = siteAt([s, 0, 0, 0], reference);
    const slotOfSite = new Map<number, number>();
    const found: LatticePoint[] = [];
    const slotOf = (p: LatticePoint) => {
      const site = siteAt(p, reference);
      let slot = slotOfSite.get(site);
      if (slot === undefined) {
        slot = found.length;
        slotOfSite.set(site, slot);
        found.push(p);
      }
      return slot;
    };
    const local: { slots: number[]; coefficient: number }[] = [];
    for (const { cluster, coefficient } of terms) {
      cluster.forEach((anchor, r) => {
        if (anchor[0] !== s) return;
        const others = cluster
          .filter((_, m) => m !== r)
          .map((p) => [p[0], p[1] - anchor[1], p[2] - anchor[2], p[3] - anchor[3]] as LatticePoint);
        const sites = others.map((p) => siteAt(p, reference));
        if (sites.includes(home) || new Set(sites).size < sites.length) {
          throw inputError(
            "supercell",
            `${JSON.stringify(supercell.matrix)} is too small for the ${cluster.length}-site clusters of this expansion (one meets its own periodic image); expected a larger supercell or shorter cutoffs`,
          );
        }
        if (others.length === 0) point[s] += coefficient;
        else local.push({ slots: others.map(slotOf), coefficient });
      });
    }
    // Slots renumbered so that those in quadruplets come first, then those in triplets: the
    // many-body terms of a site then live in small dense tables over a prefix of its slots.
    const rank = new Int32Array(found.length).fill(2);
    for (const { slots } of local) {
      for (const g of slots) rank[g] = Math.min(rank[g], slots.length === 3 ? 0 : slots.length === 2 ? 1 : 2);
    }
    const order = found.map((_, g) => g).sort((x, y) => rank[x] - rank[y] || x - y);
    const renumbered = new Int32Array(found.length);
    order.forEach((g, k) => {
      renumbered[g] = k;
    });
    quadrupletSlotCount[s] = rank.filter((r) => r === 0).length;
    tripletSlotCount[s] = rank.filter((r) => r <= 1).length;
    const base = slotStart[s];
    const many: { slots: number[]; coefficient: number }[] = [];
    for (const term of local) {
      const slots = term.slots.map((g) => renumbered[g]).sort((x, y) => x - y);
      const coefficient = term.coefficient;
      if (slots.length === 1) pairOf.push({ slot: base + slots[0], coefficient });
      else {
        many.push({ slots, coefficient });
        const list = slots.length === 2 ? triplets : quadruplets;
        list[0].push({ slot: base + slots[0], others: slots.slice(1), coefficient });
        slots.forEach((g, m) => {
          list[1].push({ slot: base + g, others: slots.filter((_, n) => n !== m), coefficient });
        });
      }
    }
    manyBody.push(many);
    slotPoints.push(order.map((g) => found[g]));
    slotStart[s + 1] = base + found.length;
  }
  const slotCount = slotStart[latticeSites];
  const pair = new Float64Array(slotCount);
  for (const p of pairOf) pair[p.slot] += p.coefficient;
  const triplet = denseTables(tripletSlotCount, 2, manyBody);
  const quadruplet = denseTables(quadrupletSlotCount, 3, manyBody);

  const siteCount = supercell.siteCount;
  const neighbourStart = new Int32Array(siteCount + 1);
  for (let i = 0; i < siteCount; i++) {
    const s = i % latticeSites;
    neighbourStart[i + 1] = neighbourStart[i] + slotStart[s + 1] - slotStart[s];
  }
  const neighbours = new Int32Array(neighbourStart[siteCount]);
  const sortedNeighbours = new Int32Array(neighbours.length);
  const sortedSlots = new Int32Array(neighbours.length);
  for (let i = 0; i < siteCount; i++) {
    const cell = cells[Math.floor(i / latticeSites)];
    const row = neighbourStart[i];
    const points = slotPoints[i % latticeSites];
    points.forEach((p, g) => {
      neighbours[row + g] = siteAt(p, cell);
    });
    const order = points.map((_, g) => g).sort((x, y) => neighbours[row + x] - neighbours[row + y]);
    order.forEach((g, k) => {
      sortedNeighbours[row + k] = neighbours[row + g];
      sortedSlots[row + k] = g;
    });
  }
  return {
    sparseSpecies,
    slotStart,
    point,
    pair,
    forwardTriplets: slotLists(slotCount, 1, triplets[0]),
    forwardQuadruplets: slotLists(slotCount, 2, quadruplets[0]),
    allTriplets: slotLists(slotCount, 1, triplets[1]),
    allQuadruplets: slotLists(slotCount, 2, quadruplets[1]),
    tripletSlotCount,
    quadrupletSlotCount,
    tripletTableStart: triplet.start,
    tripletTable: triplet.table,
    quadrupletTableStart: quadruplet.start,
    quadrupletTable: quadruplet.table,
    neighbourStart,
    neighbours,
    sortedNeighbours,
    sortedSlots,
  };
}
