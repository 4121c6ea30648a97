import { InputError, inputError } from "../../errors.js";
import {
  type BinaryPhase,
  BUILT_IN_SYSTEMS,
  binaryPhases,
  Database,
  equilibriumPath,
  lithiationGrid,
  lithiationPotential,
  overSaturationPath,
  potentialOnPath,
  type SublatticeBinaryPhase,
  tabulatedPhase,
} from "../../thermo/index.js";
import type { RunContext, Series, StudyOutput } from "../types.js";
import type { LithiationPotentialParams } from "./schema.js";

const TDB_FIELD = "params.system.tdb";

/**
 * The TDB reader and the phase models report problems of the database text at "tdb" ("line 5: ...");
 * a user's database is named at params.system.tdb, so that is where they belong.
 */
export function runLithiationPotential(params: LithiationPotentialParams, context: RunContext): StudyOutput {
  try {
    return lithiation(params, context);
  } catch (error) {
    if (!(error instanceof InputError) || typeof params.system === "string") throw error;
    const file = params.system.tdb;
    throw new InputError(
      error.problems.map((p) =>
        p.path === "tdb" ? { path: TDB_FIELD, message: `${file}: ${p.message}` } : p,
      ),
    );
  }
}

export function lithiation(params: LithiationPotentialParams, context: RunContext): StudyOutput {
  const database = databaseOf(params, context);
  const t = params.temperature;
  const phases = [
    ...(database
      ? binaryPhases(database.db, database.metal, t, database.phases, { reactant: database.reactant })
      : []),
    ...params.tabulatedPhases.map((p) =>
      tabulatedPhase(
        p.name.toUpperCase(),
        p.points.map((q) => q.x),
        p.points.map((q) => q.freeEnergy),
        p.smoothing,
      ),
    ),
  ];
  const reference = phases.find((p) => p.name === params.lithiumReference.toUpperCase());
  if (!reference || reference.xRange[1] < 1) {
    throw inputError(
      "params.lithiumReference",
      `no phase ${params.lithiumReference} with a pure-Li end member in the system`,
    );
  }
  const fLi = reference.energy(1);
  const path = equilibriumPath(phases, fLi);
  const xMax = params.yMax / (1 + params.yMax);
  const overSaturation = overSaturationPath(phases, fLi, xMax);
  const series: Series = { y: [], x: [], equilibrium_V: [], overSaturation_V: [] };
  for (const y of lithiationGrid(params.yMax, params.points)) {
    const x = y / (1 + y);
    const segment =
      overSaturation.find((s) => x >= s.from && x <= s.to + 1e-12) ??
      overSaturation[overSaturation.length - 1];
    series.y.push(y);
    series.x.push(x);
    series.equilibrium_V.push(potentialOnPath(path, x, fLi));
    series.overSaturation_V.push(
      segment.phase.kind === "solution" ? lithiationPotential(segment.phase, x, fLi) : Number.NaN,
    );
  }
  // Formation free energy against the stable end members (Xie2024 eq 4): F - (1 - x) F_M - x F_Li.
  const metalPhase = path[0].kind === "single" ? path[0].phase : path[0].left;
  const fM = metalPhase.energy(0);
  const energies: Series = { x: [] };
  for (const p of phases) energies[`${p.name}_J_mol`] = [];
  for (let k = 0; k <= 200; k++) {
    const x = k / 200;
    energies.x.push(x);
    for (const p of phases) {
      const inside = p.kind === "solution" && x >= p.xRange[0] && x <= p.xRange[1];
      energies[`${p.name}_J_mol`].push(inside ? p.energy(x) - (1 - x) * fM - x * fLi : Number.NaN);
    }
  }
  const firstNegative = series.overSaturation_V.findIndex((v) => v < 0);
  const unconverged = phases.filter(
    (p) => hasStates(p) && p.state((p.xRange[0] + p.xRange[1]) / 2).converged === false,
  );
  context.onProgress?.(1);
  return {
    metrics: {
      phaseBoundaries: path.filter((s) => s.kind === "two-phase").flatMap((s) => [s.from, s.to]),
      plateaus: path.flatMap((s) =>
        s.kind === "two-phase"
          ? [{ phases: [s.left.name, s.right.name], from: s.from, to: s.to, potential_V: s.potential_V }]
          : [],
      ),
      phaseStates: path.flatMap((s) =>
        s.kind === "single" ? [stateReport(s.phase, (s.from + s.to) / 2)] : [],
      ),
      stablePhases: [
        ...new Set(path.flatMap((s) => (s.kind === "single" ? [s.phase.name] : [s.left.name, s.right.name]))),
      ],
      minOverSaturationPotential_V: Math.min(...overSaturation.map((s) => s.minPotential_V)),
      segments: overSaturation.map((s) => ({
        phase: s.phase.name,
        from: s.from,
        to: s.to,
        minPotential_V: s.minPotential_V,
      })),
      lithiationStopsAtY: firstNegative >= 0 ? series.y[firstNegative] : null,
      potentialAtMaxY_V: series.equilibrium_V[series.equilibrium_V.length - 1],
      warnings: unconverged.map(
        (p) =>
          `${p.name}: the internal equilibrium of the site fractions did not converge; its energies are the best found`,
      ),
    },
    series: { potential: series, freeEnergy: energies },
    diagnostics: { iterations: 0, residual: 0, phases: phases.length },
  };
}

function hasStates(phase: BinaryPhase): phase is SublatticeBinaryPhase {
  return "state" in phase;
}

/** Site fractions of a phase with several sublattices where it is stable, and whether it is ordered. */
function stateReport(phase: BinaryPhase, x: number) {
  if (!hasStates(phase)) return { phase: phase.name, x, kind: phase.kind };
  const state = phase.state(x);
  return {
    phase: phase.name,
    x,
    kind: phase.kind,
    ordered: state.ordered,
    localMinima: phase.minima(x).length,
    siteFractions: phase.species.map((list, s) =>
      Object.fromEntries(list.map((c, i) => [c, state.y[phase.species.slice(0, s).flat().length + i]])),
    ),
  };
}

function databaseOf(params: LithiationPotentialParams, context: RunContext) {
  if (params.system === "none") {
    if (params.tabulatedPhases.length === 0) {
      throw inputError(
        "params.tabulatedPhases",
        "is empty with system none; expected at least one tabulated phase",
      );
    }
    return null;
  }
  const system =
    typeof params.system === "string"
      ? BUILT_IN_SYSTEMS[params.system]
      : {
          tdb: [...(context.readLines?.(params.system.tdb, TDB_FIELD) ?? failNoFiles())].join("\n"),
          metal: params.system.metal,
          phases: params.system.phases?.map((p) => p.toUpperCase()),
        };
  const reactant = typeof params.system === "string" ? "LI" : params.system.lithium;
  return { db: Database.parse(system.tdb), metal: system.metal, phases: system.phases, reactant };
}

function failNoFiles(): never {
  throw inputError(TDB_FIELD, "this run cannot read files (use a built-in system or the CLI)");
}
