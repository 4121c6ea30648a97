import type { ReproductionRow, StudyResult } from "../../src/index.js";

/** Messages between the page and the physics worker. Everything here is structured-cloneable. */

export interface Problem {
  path: string;
  message: string;
}

/** Why a request failed, worded as the CLI words it (src/errors.ts). */
export type Failure =
  | { kind: "input"; problems: Problem[] }
  | { kind: "numerical"; message: string; residual: number }
  | { kind: "internal"; message: string };

export interface FigureView {
  name: string;
  title: string;
  /** Self-contained Vega-Lite spec (style, title and data), from the report's figureSpec. */
  spec: Record<string, unknown>;
}

export interface MetricView {
  label: string;
  value: string;
  unit: string;
  depth: number;
  /** Labels from the top group down to this row, joined by "/" ("regions/tip/current fraction"). */
  path: string;
}

export interface ResultView {
  result: StudyResult;
  metrics: MetricView[];
  figures: FigureView[];
  /** Each series as CSV, by series name. */
  csv: Record<string, string>;
}

export interface StudyInfo {
  id: string;
  description: string;
  schema: Record<string, unknown>;
  reproductions: { id: string; title: string }[];
}

export interface ReproductionView {
  id: string;
  title: string;
  study: string;
  rows: ReproductionRow[];
  figures: FigureView[];
  runs: ResultView[];
}

export interface SweepPointView {
  index: number;
  values: Record<string, unknown>;
  scenario: unknown;
}

export interface SweepPlanView {
  study: string;
  name: string;
  paths: string[];
  points: SweepPointView[];
}

export interface SweepSummaryView {
  columns: string[];
  rows: string[][];
  csv: string;
  figures: FigureView[];
}

export type Request =
  | { type: "validate"; scenario: unknown; files: File[] }
  | { type: "run"; scenario: unknown; files: File[] }
  | { type: "reproduce"; reproduction: string }
  | { type: "planSweep"; scenario: unknown; files: File[] }
  | { type: "summarizeSweep"; scenario: unknown; files: File[]; results: StudyResult[] };

export type Envelope = Request & { id: number };

export type Reply =
  | { id: number; type: "progress"; fraction: number }
  | { id: number; type: "done"; value: unknown }
  | { id: number; type: "failed"; failure: Failure };
