import { enumerateOrbits, spaceGroupOperations } from "../../thermo/clusters/index.js";
import { linePlot } from "../plotSpecs.js";
import { trendRow } from "../reproduction.js";
import type { PlotSpec, Reproduction, StudyDefinition, StudyResult } from "../types.js";
import { ceFitSchema, runCeFit } from "./fitStudy.js";
import { ceFreeEnergySchema, runCeFreeEnergy } from "./freeEnergyStudy.js";
import { latticeOf, latticeSchema } from "./lattice.js";

const ANGSTROM = 1e-10;

/**
 * Xie2024 Table 3 lists the clusters kept after removing duplicate columns on its (unpublished)
 * DFT training set; the enumeration within the same cutoffs is what can be checked here.
 */
const table3: Reproduction = {
  id: "ce-fit/xie2024-table3-clusters",
  title: "Xie2024 Table 3: clusters within 8.0 / 7.0 / 4.5 Å on the BCC, FCC and gamma lattices",
  run() {
    const count = (type: "bcc" | "fcc" | "gamma-brass") => {
      const lattice = latticeOf(latticeSchema.parse({ type }));
      const orbits = enumerateOrbits(lattice, spaceGroupOperations(lattice), {
        pair_m: 8 * ANGSTROM,
        triplet_m: 7 * ANGSTROM,
        quadruplet_m: 4.5 * ANGSTROM,
      });
      return { total: orbits.length + 1, quadruplets: orbits.filter((o) => o.size === 4).length };
    };
    const [bcc, fcc, gamma] = [count("bcc"), count("fcc"), count("gamma-brass")];
    const unknownTraining =
      "Xie2024's N_c is after dropping clusters with duplicate columns on its DFT training set, which is not published; ours is before";
    return {
      rows: [
        trendRow({
          id: "fcc-clusters",
          quantity: "FCC correlation functions (empty + points + pairs + triplets + quadruplets)",
          paper: "N_c = 32",
          ours: String(fcc.total),
          holds: fcc.total === 32,
          tolerance: "exact",
        }),
        {
          id: "bcc-clusters",
          quantity: "BCC correlation functions",
          paper: "N_c = 25",
          ours: `${bcc.total} before duplicate removal`,
          tolerance: "≥ paper",
          verdict: bcc.total >= 25 ? "differs" : "fail",
          note: unknownTraining,
        },
        {
          id: "gamma-clusters",
          quantity: "gamma-brass correlation functions (Ag on B and C only)",
          paper: "N_c = 38",
          ours: `${gamma.total} before duplicate removal`,
          tolerance: "≥ paper",
          verdict: gamma.total >= 38 ? "differs" : "fail",
          note: `${unknownTraining}; our sites sit at the ideal BCC-derived positions of Fig. 1c, not the relaxed ones`,
        },
        trendRow({
          id: "gamma-no-quadruplets",
          quantity: "gamma-brass quadruplets within 4.5 Å",
          paper: "none (§4)",
          ours: String(gamma.quadruplets),
          holds: gamma.quadruplets === 0,
          tolerance: "exact",
        }),
      ],
      results: [],
      figures: [],
    };
  },
};

function fitPlots(): PlotSpec[] {
  return [
    {
      name: "parity",
      title: "Cluster expansion against reference energies",
      spec: {
        ...linePlot({
          data: "parity",
          x: { expression: "datum.reference_eV_per_atom * 1000", title: "Reference energy (meV/atom)" },
          y: { expression: "datum.fitted_eV_per_atom * 1000", title: "Cluster expansion (meV/atom)" },
        }),
        mark: { type: "point", filled: true },
      },
    },
    {
      name: "cross-validation",
      title: "Five-fold cross-validation error against the lasso alpha",
      spec: linePlot({
        data: "crossValidation",
        x: { expression: "datum.alpha", title: "alpha (eq 1, eV units)", scale: { type: "log" } },
        y: { expression: "datum.cv_meV_per_atom", title: "CV error (meV/atom)" },
        points: true,
      }),
    },
  ];
}

function freeEnergyPlots(result: StudyResult): PlotSpec[] {
  return Object.keys(result.series).flatMap((name) => {
    if (name.startsWith("freeEnergy_")) {
      const columns = Object.keys(result.series[name]).filter((c) => c !== "x");
      return [
        {
          name: name.replace("_", "-"),
          title: `Formation free energy at ${name.slice(11)} (Xie2024 Fig. 3)`,
          spec: linePlot({
            data: name,
            x: { expression: "datum.x", title: "x_Li" },
            y: { expression: "datum.value * 1000", title: "Formation free energy (meV/atom)" },
            fold: {
              columns,
              labels: Object.fromEntries(columns.map((c) => [c, c.replace("_formation_eV_per_atom", "")])),
            },
          }),
        },
      ];
    }
    if (name.startsWith("potential_")) {
      return [
        {
          name: name.replace("_", "-"),
          title: `Equilibrium lithiation potential at ${name.slice(10)} (Xie2024 eq 5)`,
          spec: linePlot({
            data: name,
            x: { expression: "datum.y", title: "y in MLi_y", scale: { type: "log" } },
            y: { expression: "datum.equilibrium_V * 1000", title: "Potential vs Li (mV)" },
          }),
        },
      ];
    }
    return [];
  });
}

export const ceFitStudy: StudyDefinition<typeof ceFitSchema> = {
  id: "ce-fit",
  description:
    "Cluster expansion fit: orbits within cutoffs, correlation functions, lasso with 5-fold CV over alpha (M4, Xie2024 eq 1, Table 3)",
  schema: ceFitSchema,
  run: runCeFit,
  plots: fitPlots,
  reproductions: [table3],
};

export const ceFreeEnergyStudy: StudyDefinition<typeof ceFreeEnergySchema> = {
  id: "ce-free-energy",
  description:
    "Free energy of alloy lattices from cluster-expansion Monte Carlo and thermodynamic integration, formation free energy and lithiation potential (M4, Xie2024 eqs 2-5)",
  schema: ceFreeEnergySchema,
  run: runCeFreeEnergy,
  plots: freeEnergyPlots,
  reproductions: [],
};
