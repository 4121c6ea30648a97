/// <reference lib="webworker" />
/**
 * The physics worker: every model run, every validation, every reproduction goes through the same
 * registry and `runScenario` as the CLI (no model code here). One request at a time; the page
 * cancels a run by terminating this worker and starting a fresh one.
 */
import {
  analyseSweep,
  findStudy,
  InputError,
  NumericalError,
  planSweep,
  runReproduction,
  runScenario,
  type StudyResult,
  selectReproductions,
  validateScenario,
} from "../../src/index.js";
import {
  figureSpec,
  flattenMetricRows,
  metricRows,
  seriesToCsv,
  tableToCsv,
} from "../../src/report/specs.js";
import { resolveCsvTables } from "../../src/studies/csvTables.js";
import { pickedFilesReader } from "./lines.js";
import type {
  Envelope,
  Failure,
  FigureView,
  MetricView,
  Reply,
  ReproductionView,
  ResultView,
  SweepPlanView,
  SweepSummaryView,
} from "./protocol.js";
import { readWorkbooks } from "./workbooks.js";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (message: Reply) => scope.postMessage(message);

function failureOf(error: unknown): Failure {
  if (error instanceof InputError) return { kind: "input", problems: error.problems };
  if (error instanceof NumericalError)
    return { kind: "numerical", message: error.message, residual: error.residual };
  return { kind: "internal", message: error instanceof Error ? error.message : String(error) };
}

/** Metric rows as the report prints them, each with the path of labels that leads to it. */
function metricViews(metrics: Record<string, unknown>): MetricView[] {
  const trail: string[] = [];
  return flattenMetricRows(metricRows(metrics)).map((row) => {
    trail.length = row.depth;
    trail.push(row.label);
    return { label: row.label, value: row.value, unit: row.unit, depth: row.depth, path: trail.join("/") };
  });
}

function resultView(result: StudyResult): ResultView {
  const plots = findStudy(result.study).plots(result);
  return {
    result,
    metrics: metricViews(result.metrics),
    figures: plots.map((p) => ({
      name: p.name,
      title: p.title,
      spec: figureSpec(p.spec, result.series, p.title),
    })),
    csv: Object.fromEntries(Object.entries(result.series).map(([name, s]) => [name, seriesToCsv(s)])),
  };
}

/** The scenario with its `{ csv: file }` tables read from the picked files, as the CLI reads them. */
const withTables = (scenario: unknown, files: File[]) => resolveCsvTables(scenario, pickedFilesReader(files));

function validate(scenario: unknown, files: File[]): { problems: Failure | null; warnings: string[] } {
  try {
    return { problems: null, warnings: validateScenario(withTables(scenario, files)).warnings };
  } catch (error) {
    return { problems: failureOf(error), warnings: [] };
  }
}

function reproduce(id: string): ReproductionView {
  const [entry] = selectReproductions(id);
  const report = runReproduction(entry, { fast: true });
  const figures: FigureView[] = report.outcome.figures.map((f) => ({
    name: f.name,
    title: f.title,
    spec: figureSpec(f.spec, f.data, f.title),
  }));
  return {
    id: report.id,
    title: report.title,
    study: report.study,
    rows: report.outcome.rows,
    figures,
    runs: report.outcome.results.map(resultView),
  };
}

function plan(scenario: unknown, files: File[]): SweepPlanView {
  const { study, name, paths, points } = planSweep(withTables(scenario, files));
  return { study, name, paths, points };
}

/**
 * The sweep's analysis (summary table and figures) as the CLI's sweep report makes it; the plan is
 * made again from the scenario, as it holds more than the page needs to keep.
 */
function summarize(scenario: unknown, files: File[], results: StudyResult[]): SweepSummaryView {
  const { table, figures } = analyseSweep(planSweep(withTables(scenario, files)), results);
  return {
    columns: table.columns,
    rows: table.rows,
    csv: tableToCsv(table.columns, table.rows),
    figures: figures.map((f) => ({
      name: f.name,
      title: f.title,
      spec: figureSpec(f.spec, f.data, f.title),
    })),
  };
}

/**
 * A run as the CLI's `anodefree run`: picked workbooks are read first (the library is asynchronous,
 * the studies' readLines is not), tables filled in, and the note naming a workbook's sheet joins
 * the result's warnings.
 */
async function run(
  scenario: unknown,
  files: File[],
  onProgress: (fraction: number) => void,
): Promise<ResultView> {
  const notes: string[] = [];
  const readLines = pickedFilesReader(files, await readWorkbooks(files), (note) => notes.push(note));
  const result = runScenario(resolveCsvTables(scenario, readLines), { onProgress, readLines });
  if (notes.length === 0) return resultView(result);
  return resultView({ ...result, warnings: [...notes, ...(result.warnings ?? [])] });
}

function handle(message: Envelope): unknown {
  // A solver may report every step: the page needs a few hundred updates at most.
  let shown = -1;
  const progress = (fraction: number) => {
    if (fraction - shown < 0.005 && fraction < 1) return;
    shown = fraction;
    reply({ id: message.id, type: "progress", fraction });
  };
  switch (message.type) {
    case "validate":
      return validate(message.scenario, message.files);
    case "run":
      return run(message.scenario, message.files, progress);
    case "reproduce":
      return reproduce(message.reproduction);
    case "planSweep":
      return plan(message.scenario, message.files);
    case "summarizeSweep":
      return summarize(message.scenario, message.files, message.results);
  }
}

scope.onmessage = async (event: MessageEvent<Envelope>) => {
  const { id } = event.data;
  try {
    reply({ id, type: "done", value: await handle(event.data) });
  } catch (error) {
    reply({ id, type: "failed", failure: failureOf(error) });
  }
};
