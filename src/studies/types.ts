import type { z } from "zod";

/** A table of equally long columns; column names carry their SI unit as suffix (`position_m`). */
export type Series = Record<string, number[]>;

/** The result object, a stable contract (SPEC section 1.4). */
export interface StudyResult {
  study: string;
  name: string;
  version: string;
  inputs: unknown;
  /**
   * Implausible bare numbers, "path: why" (a 5 m film); [] when there are none. Optional so that
   * results written before warnings existed stay valid.
   */
  warnings?: string[];
  metrics: Record<string, unknown>;
  series: Record<string, Series>;
  diagnostics: { iterations: number; residual: number; wallSeconds: number } & Record<string, unknown>;
}

/** What a study's run function returns; the registry adds the identity and the wall time. */
export type StudyOutput = Omit<
  StudyResult,
  "study" | "name" | "version" | "inputs" | "warnings" | "diagnostics"
> & {
  diagnostics: { iterations: number; residual: number } & Record<string, unknown>;
  /** Implausible data the run found (a CE of 10 000 %, time going backwards), "path: why". */
  warnings?: string[];
};

export interface RunContext {
  /** Called with the completed fraction in [0, 1]; the CLI draws it as a progress bar. */
  onProgress?: (fraction: number) => void;
  /**
   * Lines of a data file named in a scenario, read lazily (the CLI streams from disk, a browser
   * worker from a File). Studies that read measured data need it; the physics core never opens files.
   * `field` is the scenario path that names the file ("params.system.tdb"): a file that cannot be
   * read is reported there. `runScenario` fills it in when a study leaves it out.
   */
  readLines?: (file: string, field?: string) => Iterable<string>;
}

/**
 * A figure as a Vega-Lite specification whose data is named after a series of the result
 * (`data: { name: "concentrationProfiles" }`); the report fills it in when rendering.
 */
export interface PlotSpec {
  name: string;
  title: string;
  spec: Record<string, unknown>;
}

export type Verdict = "match" | "differs" | "fail";

/** One line of the `reproduce` table: a paper's number or trend against ours. */
export interface ReproductionRow {
  id: string;
  quantity: string;
  paper: string;
  ours: string;
  tolerance: string;
  verdict: Verdict;
  /** Why a `differs` differs, or what a trend check compared. */
  note?: string;
}

/** A figure made for a reproduction, with its own data (e.g. curves of several runs together). */
export interface Figure extends PlotSpec {
  data: Record<string, Series>;
}

export interface ReproductionOutcome {
  rows: ReproductionRow[];
  results: StudyResult[];
  figures: Figure[];
}

export interface ReproductionContext {
  /** Coarser numerics, for CI and `npm start`. */
  fast: boolean;
  /** Validates and runs a scenario of the study this reproduction belongs to. */
  runStudy(name: string, params: Record<string, unknown>): StudyResult;
}

/** One run of its study that a reproduction asks for. */
export interface StudyRun {
  name: string;
  params: Record<string, unknown>;
}

interface ReproductionBase {
  id: string;
  title: string;
  /**
   * Set on the few that take most of `reproduce all --fast`: run on threads, they start first so
   * the threads end together (reports keep the registry order).
   */
  longRunning?: boolean;
}

/** A reproduction that decides its runs as it goes (each may depend on the one before). */
export interface SteppedReproduction extends ReproductionBase {
  run(context: ReproductionContext): ReproductionOutcome;
}

/**
 * A reproduction whose runs are known before any of them runs: `reproduce --jobs` spreads them
 * over its threads (a single reproduction of many runs no longer leaves a thread waiting), then
 * `summarise` compares their results, in the order `runs` gave, with the paper.
 */
export interface PlannedReproduction extends ReproductionBase {
  runs(fast: boolean): StudyRun[];
  summarise(results: StudyResult[], fast: boolean): ReproductionOutcome;
}

export type Reproduction = SteppedReproduction | PlannedReproduction;

/** One entry of the registry: everything the CLI, the report and the web page need of a model. */
export interface StudyDefinition<Schema extends z.ZodType = z.ZodType> {
  id: string;
  description: string;
  /** Validates scenario `params` and converts quantities to SI. */
  schema: Schema;
  run(params: z.output<Schema>, context: RunContext): StudyOutput;
  plots(result: StudyResult): PlotSpec[];
  reproductions: Reproduction[];
}
