import { z } from "zod";
import { inputError } from "../errors.js";
import { VERSION } from "../version.js";
import { alloyFilmStudy } from "./alloyFilm/index.js";
import { bufferLayerStudy } from "./bufferLayer/index.js";
import { ccdRampStudy } from "./ccdRamp/index.js";
import { ceFitStudy } from "./ceFit/index.js";
import { ceFreeEnergyStudy } from "./ceFreeEnergy/index.js";
import { corrosionGrowthStudy } from "./corrosionGrowth/index.js";
import { criticalCurrentStudy } from "./criticalCurrent/index.js";
import { cyclingStudy } from "./cycling/index.js";
import { withDataFileFields } from "./dataFileFields.js";
import { eisFitStudy } from "./eisFit/index.js";
import { grainEnergyStudy } from "./grainEnergy/index.js";
import { grainSelectionStudy } from "./grainSelection/index.js";
import { interface2dStudy } from "./interface2d/index.js";
import { interface3dStudy } from "./interface3d/index.js";
import { lithiationPotentialStudy } from "./lithiationPotential/index.js";
import type { ReproductionOutcome, RunContext, StudyDefinition, StudyResult } from "./types.js";
import { parseOrThrow, parseWithWarnings } from "./validate.js";

/**
 * Every study the toolkit offers. Adding a model means adding its definition here. Each definition
 * is typed by its own schema; the registry holds them by the common interface.
 */
export const studies: readonly StudyDefinition[] = [
  alloyFilmStudy,
  interface2dStudy,
  interface3dStudy,
  criticalCurrentStudy,
  cyclingStudy,
  ccdRampStudy,
  eisFitStudy,
  corrosionGrowthStudy,
  grainEnergyStudy,
  grainSelectionStudy,
  lithiationPotentialStudy,
  bufferLayerStudy,
  ceFitStudy,
  ceFreeEnergyStudy,
] as unknown as StudyDefinition[];

export function findStudy(id: unknown): StudyDefinition {
  const study = studies.find((s) => s.id === id);
  if (!study) {
    throw inputError(
      "study",
      `unknown study ${JSON.stringify(id)}; expected one of ${studies.map((s) => s.id).join(", ")}`,
    );
  }
  return study;
}

const scenarioSchema = z.strictObject({
  study: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

export interface Scenario {
  study: string;
  name?: string;
  params?: Record<string, unknown>;
}

/** The parameter schema of a study as JSON Schema, with units, dimensions and defaults. */
export function describeStudy(id: string): Record<string, unknown> {
  const study = findStudy(id);
  return {
    ...z.toJSONSchema(study.schema, { io: "input", unrepresentable: "any" }),
    title: study.id,
    description: study.description,
  };
}

/**
 * Validates the whole scenario first, so that bad input fails before any computation. Implausible
 * bare numbers (a 5 m film) do not stop the run: they come back as `warnings`, "path: why".
 */
export function validateScenario(scenario: unknown): {
  study: StudyDefinition;
  name: string;
  params: unknown;
  warnings: string[];
} {
  const checked = parseOrThrow(scenarioSchema, scenario);
  const study = findStudy(checked.study);
  const { data: params, warnings } = parseWithWarnings(study.schema, checked.params ?? {}, ["params"]);
  return { study, name: checked.name ?? study.id, params, warnings };
}

/** Validates and runs a scenario, returning the result object (SPEC 1.4). */
export function runScenario(scenario: unknown, context: RunContext = {}): StudyResult {
  const { study, name, params, warnings } = validateScenario(scenario);
  const started = performance.now();
  const output = study.run(params, withDataFileFields(context, scenario));
  return {
    study: study.id,
    name,
    version: VERSION,
    inputs: params,
    warnings: [...warnings, ...(output.warnings ?? [])],
    metrics: output.metrics,
    series: output.series,
    diagnostics: { ...output.diagnostics, wallSeconds: (performance.now() - started) / 1000 },
  };
}

export interface ReproductionReport {
  study: string;
  id: string;
  title: string;
  outcome: ReproductionOutcome;
}

/** A reproduction with the study it belongs to. */
export interface ReproductionEntry {
  study: StudyDefinition;
  reproduction: StudyDefinition["reproductions"][number];
}

/** The reproductions `selector` names: all, a study id, or one reproduction id. */
export function selectReproductions(selector: string): ReproductionEntry[] {
  const selected = studies.flatMap((study) =>
    study.reproductions
      .filter((r) => selector === "all" || selector === study.id || selector === r.id)
      .map((reproduction) => ({ study, reproduction })),
  );
  if (selected.length === 0) {
    const known = studies.flatMap((s) => [s.id, ...s.reproductions.map((r) => r.id)]);
    throw inputError(
      "reproduce",
      `unknown reproduction ${JSON.stringify(selector)}; expected all or one of ${known.join(", ")}`,
    );
  }
  return selected;
}

/** The report of a reproduction with this outcome. */
export function reproductionReport(
  { study, reproduction }: ReproductionEntry,
  outcome: ReproductionOutcome,
): ReproductionReport {
  return { study: study.id, id: reproduction.id, title: reproduction.title, outcome };
}

export function runReproduction(entry: ReproductionEntry, options: { fast: boolean }): ReproductionReport {
  const { study, reproduction } = entry;
  // Rows of a reproduction often share a case (the egg-box H 25 µm S 150 µm is in three series of
  // Zhang2024): runs are deterministic, so a repeated one is answered from the first, under its
  // own name (the same result but for the wall-clock time).
  const solved = new Map<string, StudyResult>();
  const runStudy = (name: string, params: Record<string, unknown>): StudyResult => {
    const key = JSON.stringify(params);
    const earlier = solved.get(key);
    if (earlier) return { ...earlier, name };
    const result = runScenario({ study: study.id, name, params });
    solved.set(key, result);
    return result;
  };
  const outcome =
    "runs" in reproduction
      ? reproduction.summarise(
          reproduction.runs(options.fast).map((run) => runStudy(run.name, run.params)),
          options.fast,
        )
      : reproduction.run({ fast: options.fast, runStudy });
  return reproductionReport(entry, outcome);
}

/** Runs the paper reproductions of one study, one reproduction id, or all of them. */
export function reproduce(selector: string, options: { fast: boolean }): ReproductionReport[] {
  return selectReproductions(selector).map((entry) => runReproduction(entry, options));
}
