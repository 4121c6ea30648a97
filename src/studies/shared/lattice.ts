/**
 * Scenario fields shared by ce-fit and ce-free-energy: the parent lattice, cluster cutoffs, and the
 * exchange format of a fitted expansion (lattice + cutoffs + one coefficient per orbit, each orbit
 * named by a representative cluster), so that ce-fit's output is ce-free-energy's input.
 */
import { z } from "zod";
import { inputError } from "../../errors.js";
import {
  bccLattice,
  type Cell,
  type ClusterExpansion,
  canonicalCluster,
  checkLattice,
  fccLattice,
  gammaBrassLattice,
  type Lattice,
  type LatticePoint,
  orbitOf,
  simpleCubicLattice,
  spaceGroupOperations,
  squareLattice,
  type Vector3,
} from "../../thermo/clusters/index.js";
import { dimensions, ELEMENTARY_CHARGE, positiveQuantity, quantity } from "../../units/index.js";

const length = (description: string, fallback: string) =>
  positiveQuantity(dimensions.length, { description, default: fallback });
const species = z.array(z.string().min(1)).length(2).meta({ description: "the two species, e.g. [Li, Ag]" });

export const latticeSchema = z
  .discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("bcc"),
      species: species.default(["Li", "Ag"]),
      latticeConstant: length("cubic lattice constant (Xie2024: 3.50 Å)", "3.50 angstrom"),
    }),
    z.strictObject({
      type: z.literal("fcc"),
      species: species.default(["Li", "Ag"]),
      latticeConstant: length("cubic lattice constant (Xie2024: 4.27 Å)", "4.27 angstrom"),
    }),
    z.strictObject({
      type: z.literal("simple-cubic"),
      species: species.default(["Li", "Ag"]),
      latticeConstant: length("lattice constant", "3 angstrom"),
    }),
    z.strictObject({
      type: z.literal("square"),
      species: species.default(["Li", "Ag"]),
      latticeConstant: length("lattice constant", "3 angstrom"),
    }),
    z.strictObject({
      type: z.literal("gamma-brass"),
      metal: z.string().default("Ag"),
      lithium: z.string().default("Li"),
      latticeConstant: length("cubic lattice constant (Xie2024: 9.62 Å)", "9.62 angstrom"),
    }),
    z.strictObject({
      type: z.literal("custom"),
      name: z.string().default("custom"),
      cell: z
        .array(z.array(quantity(dimensions.length, { description: "cell vector component" })).length(3))
        .length(3)
        .meta({ description: "cell vectors as rows, e.g. [[3.5 angstrom, 0, 0], ...]" }),
      sites: z
        .array(
          z.strictObject({
            fractional: z.array(z.number()).length(3),
            species: z.array(z.string().min(1)).min(1).max(2),
            label: z.string().optional(),
          }),
        )
        .min(1),
    }),
  ])
  .meta({ description: "parent lattice of the expansion" });

export type LatticeInput = z.output<typeof latticeSchema>;

export function latticeOf(input: LatticeInput): Lattice {
  switch (input.type) {
    case "bcc":
      return bccLattice(input.species, input.latticeConstant);
    case "fcc":
      return fccLattice(input.species, input.latticeConstant);
    case "simple-cubic":
      return simpleCubicLattice(input.species, input.latticeConstant);
    case "square":
      return squareLattice(input.species, input.latticeConstant);
    case "gamma-brass":
      return gammaBrassLattice(input.metal, input.lithium, input.latticeConstant);
    case "custom":
      return checkLattice(
        {
          name: input.name,
          cell_m: input.cell as Cell,
          sites: input.sites.map((s) => ({ ...s, fractional: s.fractional as Vector3 })),
        },
        "params.lattice",
      );
  }
}

export const cutoffsSchema = z
  .strictObject({
    pair: length("largest pair diameter", "8.0 angstrom"),
    triplet: positiveQuantity(dimensions.length, { description: "largest triplet diameter" }).optional(),
    quadruplet: positiveQuantity(dimensions.length, {
      description: "largest quadruplet diameter",
    }).optional(),
  })
  .prefault({})
  .meta({ description: "cluster cutoff diameters (Xie2024 Table 3: 8.0 / 7.0 / 4.5 Å)" });

export const basisSchema = z
  .enum(["indicator", "spin"])
  .default("indicator")
  .meta({ description: "site basis: occupancy indicator (Xie2024) or Ising spin" });

/** A fitted expansion as written by ce-fit (metrics.expansion) and read by ce-free-energy. */
export const expansionSchema = z.strictObject({
  lattice: latticeSchema,
  basis: basisSchema,
  clusters: z
    .array(
      z.strictObject({
        representative: z
          .array(z.array(z.number().int()).length(4))
          .meta({ description: "[site, n1, n2, n3] per member; [] is the empty cluster" }),
        coefficient: z.string().or(z.number()).meta({ description: 'energy per site, e.g. "-12.3 meV"' }),
        multiplicity: z.number().int().optional(),
        diameter: z.string().optional(),
      }),
    )
    .min(1),
});

export type ExpansionInput = z.output<typeof expansionSchema>;

/** Rebuilds the orbits from their representatives (the space group is derived again). */
export function expansionOf(
  input: ExpansionInput,
  parseEnergy: (value: string | number, field: string) => number,
): ClusterExpansion {
  const lattice = latticeOf(input.lattice);
  const operations = spaceGroupOperations(lattice);
  let constant = 0;
  const orbits = [];
  const coefficients = [];
  const seen = new Set<string>();
  for (const [k, cluster] of input.clusters.entries()) {
    const field = `params.expansion.clusters[${k}]`;
    const energy = parseEnergy(cluster.coefficient, `${field}.coefficient`);
    if (cluster.representative.length === 0) {
      constant += energy;
      continue;
    }
    const points = cluster.representative as LatticePoint[];
    for (const p of points) {
      if (p[0] < 0 || p[0] >= lattice.sites.length || lattice.sites[p[0]].species.length !== 2) {
        throw inputError(
          `${field}.representative`,
          `site ${p[0]} is not an active site of the ${lattice.name} lattice`,
        );
      }
    }
    const key = canonicalCluster(points).key;
    if (seen.has(key))
      throw inputError(`${field}.representative`, "repeats an earlier cluster; expected each orbit once");
    const orbit = orbitOf(lattice, operations, points);
    for (const member of orbit.clusters) seen.add(canonicalCluster(member).key);
    orbits.push(orbit);
    coefficients.push(energy);
  }
  return {
    lattice,
    basis: input.basis,
    orbits,
    coefficients: Float64Array.from([constant, ...coefficients]),
  };
}

export function describeExpansion(lattice: LatticeInput, expansion: ClusterExpansion): ExpansionInput {
  const ev = (joules: number) => `${Number((joules / ELEMENTARY_CHARGE).toPrecision(10))} eV`;
  return {
    lattice,
    basis: expansion.basis,
    clusters: [
      { representative: [], coefficient: ev(expansion.coefficients[0]), multiplicity: 1 },
      ...expansion.orbits.map((orbit, k) => ({
        representative: orbit.clusters[0].map((p) => [...p]),
        coefficient: ev(expansion.coefficients[k + 1]),
        multiplicity: orbit.multiplicity,
        diameter: `${(orbit.diameter_m * 1e10).toFixed(4)} angstrom`,
      })),
    ],
  };
}
