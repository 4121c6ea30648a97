import { z } from "zod";
import { dimensions, quantity } from "../../units/index.js";
import { basisSchema, cutoffsSchema, latticeSchema } from "../shared/lattice.js";

const matrixSchema = z
  .array(z.array(z.number().int()).length(3))
  .length(3)
  .meta({ description: "supercell matrix, rows in units of the cell vectors" });

export const structureSchema = z.strictObject({
  name: z.string().optional(),
  energy: quantity(dimensions.energy, { description: 'energy per atom (e.g. DFT), e.g. "-1.95 eV"' }),
  supercell: matrixSchema.optional(),
  occupation: z
    .array(z.string())
    .optional()
    .meta({ description: "species per supercell site (cells, then sites)" }),
  atoms: z
    .array(z.strictObject({ species: z.string(), fractional: z.array(z.number()).length(3) }))
    .optional()
    .meta({ description: "atoms in supercell fractional coordinates" }),
  poscar: z.string().optional().meta({ description: "POSCAR text (VASP 5)" }),
  poscarFile: z.string().optional().meta({ description: "POSCAR file (read by the CLI)" }),
});

export const ceFitSchema = z.strictObject({
  lattice: latticeSchema,
  cutoffs: cutoffsSchema,
  basis: basisSchema,
  structures: z.array(structureSchema).default([]),
  structuresFile: z
    .string()
    .optional()
    .meta({ description: "JSON file with an array of structures as above" }),
  structuresCsv: z.string().optional().meta({ description: "CSV file with columns poscarFile, energy" }),
  mappingTolerance: quantity(dimensions.length, {
    description: "largest distance of an atom from its lattice site when mapping structures",
    exclusiveMinimum: 0,
    default: "0.5 angstrom",
  }),
  method: z.enum(["lasso", "least-squares"]).default("lasso"),
  alphas: z
    .array(z.number().gt(0))
    .min(1)
    .default(Array.from({ length: 17 }, (_, k) => 10 ** (-9 + 0.5 * k)))
    .meta({ description: "grid of lasso regularisations α (eq 1, energies in eV)" }),
  folds: z.number().int().min(2).default(5),
  seed: z.number().int().default(1),
});

export type CeFitParams = z.output<typeof ceFitSchema>;
export type StructureInput = z.output<typeof structureSchema>;
