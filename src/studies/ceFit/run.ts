/**
 * ce-fit: correlation functions of training structures on a lattice, duplicate columns removed,
 * lasso (Xie2024 eq 1) with α chosen by 5-fold cross-validation, least squares as the baseline.
 * Energies are fitted in eV per atom, so α is in the units of eq 1 with E in eV (as Table 3).
 */
import { parse as parseCsv } from "csv-parse/browser/esm/sync";
import { z } from "zod";
import { inputError } from "../../errors.js";
import {
  buildSupercell,
  type ClusterExpansion,
  type Configuration,
  configurationFromAtoms,
  configurationFromOccupation,
  correlations,
  crossValidationError,
  distinctColumns,
  enumerateOrbits,
  foldAssignment,
  type Lattice,
  lasso,
  lassoFitter,
  ordinaryLeastSquares,
  parsePoscar,
  predict,
  rootMeanSquare,
  type SupercellMatrix,
  spaceGroupOperations,
  supercellOf,
  type Vector3,
} from "../../thermo/clusters/index.js";
import { dimensions, ELEMENTARY_CHARGE, parseQuantity } from "../../units/index.js";
import { describeExpansion, latticeOf } from "../shared/lattice.js";
import type { RunContext, Series, StudyOutput } from "../types.js";
import { type CeFitParams, type StructureInput, structureSchema } from "./schema.js";

function readText(context: RunContext, file: string, field: string): string {
  if (!context.readLines)
    throw inputError(field, "this run cannot read files (give the data inline or use the CLI)");
  return [...context.readLines(file)].join("\n");
}

function configurationOf(
  lattice: Lattice,
  s: StructureInput,
  tolerance: number,
  field: string,
  context: RunContext,
): Configuration {
  const poscarText =
    s.poscar ?? (s.poscarFile ? readText(context, s.poscarFile, `${field}.poscarFile`) : undefined);
  if (poscarText !== undefined) {
    const parsed = parsePoscar(poscarText, `${field}.poscar`);
    const matrix = s.supercell
      ? (s.supercell as SupercellMatrix)
      : supercellOf(lattice, parsed.cell_m, parsed.atoms.length, `${field}.poscar`);
    return configurationFromAtoms(lattice, matrix, parsed.atoms, tolerance, `${field}.atoms`);
  }
  if (!s.supercell) throw inputError(`${field}.supercell`, "is required with occupation or atoms");
  const matrix = s.supercell as SupercellMatrix;
  if (s.occupation)
    return configurationFromOccupation(
      buildSupercell(lattice, matrix, `${field}.supercell`),
      s.occupation,
      `${field}.occupation`,
    );
  if (s.atoms) {
    const atoms = s.atoms.map((a) => ({ species: a.species, fractional: a.fractional as Vector3 }));
    return configurationFromAtoms(lattice, matrix, atoms, tolerance, `${field}.atoms`);
  }
  throw inputError(field, "expected one of occupation, atoms, poscar or poscarFile");
}

function allStructures(params: CeFitParams, context: RunContext): { input: StructureInput; field: string }[] {
  const list = params.structures.map((input, k) => ({ input, field: `params.structures[${k}]` }));
  if (params.structuresFile) {
    const parsed = z
      .array(structureSchema)
      .safeParse(JSON.parse(readText(context, params.structuresFile, "params.structuresFile")));
    if (!parsed.success)
      throw inputError(
        "params.structuresFile",
        parsed.error.issues.map((i) => `[${i.path.join(".")}] ${i.message}`).join("; "),
      );
    list.push(...parsed.data.map((input, k) => ({ input, field: `${params.structuresFile}[${k}]` })));
  }
  if (params.structuresCsv) {
    const rows = parseCsv(readText(context, params.structuresCsv, "params.structuresCsv"), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
    }) as Record<string, string>[];
    rows.forEach((row, k) => {
      const field = `${params.structuresCsv} row ${k + 2}`;
      const energy = parseQuantity(row.energy ?? "", dimensions.energy);
      if (!energy.ok) throw inputError(`${field} energy`, energy.message);
      if (!row.poscarFile) throw inputError(`${field} poscarFile`, "expected a POSCAR file name");
      list.push({ input: { energy: energy.value, poscarFile: row.poscarFile }, field });
    });
  }
  return list;
}

export function runCeFit(params: CeFitParams, context: RunContext): StudyOutput {
  const lattice = latticeOf(params.lattice);
  const orbits = enumerateOrbits(lattice, spaceGroupOperations(lattice), {
    pair_m: params.cutoffs.pair,
    triplet_m: params.cutoffs.triplet,
    quadruplet_m: params.cutoffs.quadruplet,
  });
  const structures = allStructures(params, context);
  if (structures.length < params.folds) {
    throw inputError(
      "params.structures",
      `has ${structures.length} structures; expected at least ${params.folds} for ${params.folds}-fold cross-validation`,
    );
  }
  const allRows = structures.map(({ input, field }) =>
    correlations(
      orbits,
      params.basis,
      configurationOf(lattice, input, params.mappingTolerance, field, context),
    ),
  );
  const energies_eV = Float64Array.from(structures, (s) => s.input.energy / ELEMENTARY_CHARGE);
  const kept = distinctColumns(allRows);
  const rows = allRows.map((r) => Float64Array.from(kept, (j) => r[j]));
  context.onProgress?.(0.1);
  let alpha: number | null = null;
  const cvSeries: Series = { alpha: [], cv_meV_per_atom: [] };
  let coefficients: Float64Array;
  let cv: number;
  const fold = foldAssignment(rows.length, params.folds, params.seed);
  if (params.method === "lasso") {
    for (const [k, a] of params.alphas.entries()) {
      cvSeries.alpha.push(a);
      cvSeries.cv_meV_per_atom.push(
        1000 * crossValidationError(rows, energies_eV, lassoFitter(a), fold, params.folds),
      );
      context.onProgress?.(0.1 + (0.8 * (k + 1)) / params.alphas.length);
    }
    const best = cvSeries.cv_meV_per_atom.indexOf(Math.min(...cvSeries.cv_meV_per_atom));
    alpha = cvSeries.alpha[best];
    cv = cvSeries.cv_meV_per_atom[best];
    coefficients = lasso(rows, energies_eV, alpha).coefficients;
  } else {
    coefficients = ordinaryLeastSquares(rows, energies_eV);
    cv = 1000 * crossValidationError(rows, energies_eV, ordinaryLeastSquares, fold, params.folds);
  }
  const fitted = predict(rows, coefficients);
  const full = new Float64Array(orbits.length + 1);
  kept.forEach((j, k) => {
    full[j] = coefficients[k] * ELEMENTARY_CHARGE;
  });
  const keptOrbits = kept.filter((j) => j > 0 && full[j] !== 0);
  const expansion: ClusterExpansion = {
    lattice,
    basis: params.basis,
    orbits: keptOrbits.map((j) => orbits[j - 1]),
    coefficients: Float64Array.from([full[0], ...keptOrbits.map((j) => full[j])]),
  };
  context.onProgress?.(1);
  return {
    metrics: {
      structureCount: rows.length,
      candidateClusters: orbits.length + 1,
      removedDuplicates: orbits.length + 1 - kept.length,
      clusterCount: coefficients.filter((c) => c !== 0).length,
      alpha,
      rmse_meV_per_atom: 1000 * rootMeanSquare(fitted, energies_eV),
      cv_meV_per_atom: cv,
      expansion: describeExpansion(params.lattice, expansion),
    },
    series: {
      parity: {
        reference_eV_per_atom: Array.from(energies_eV),
        fitted_eV_per_atom: Array.from(fitted),
      },
      crossValidation: cvSeries,
      coefficients: {
        size: [0, ...expansion.orbits.map((o) => o.size)],
        diameter_m: [0, ...expansion.orbits.map((o) => o.diameter_m)],
        multiplicity: [1, ...expansion.orbits.map((o) => o.multiplicity)],
        coefficient_eV: Array.from(expansion.coefficients, (c) => c / ELEMENTARY_CHARGE),
      },
    },
    diagnostics: { iterations: params.method === "lasso" ? params.alphas.length : 1, residual: 0 },
  };
}
