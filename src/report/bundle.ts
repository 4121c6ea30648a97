import type {
  PlotSpec,
  ReproductionReport,
  Series,
  StudyResult,
  SweepAnalysis,
  SweepPlan,
} from "../studies/index.js";
import { seriesToCsv, tableToCsv } from "./csv.js";
import { type GalleryFigure, type GallerySection, galleryPage } from "./gallery.js";
import {
  type FigureLink,
  type ReproductionSection,
  reproductionPage,
  resultPage,
  sweepPage,
} from "./html.js";
import { renderSvg } from "./svg.js";

/** Files of an output directory, by relative path. */
export type FileSet = Map<string, string | Uint8Array>;

export interface BundleOptions {
  /** SVG to PNG converter (Node only); PNGs are written next to the SVGs when given. */
  toPng?: (svg: string) => Uint8Array;
}

async function addFigure(
  files: FileSet,
  prefix: string,
  plot: PlotSpec,
  data: Record<string, Series>,
  options: BundleOptions,
): Promise<FigureLink> {
  const svg = await renderSvg(plot.spec, data, plot.title);
  files.set(`${prefix}${plot.name}.svg`, svg);
  if (options.toPng) files.set(`${prefix}${plot.name}.png`, options.toPng(svg));
  return { title: plot.title, file: `${plot.name}.svg` };
}

/** Adds result.json, one CSV per series, the plots and index.html of one run; returns its figures. */
async function addResultFiles(
  files: FileSet,
  result: StudyResult,
  plots: PlotSpec[],
  options: BundleOptions,
  prefix: string,
): Promise<FigureLink[]> {
  files.set(`${prefix}result.json`, `${JSON.stringify(result, null, 2)}\n`);
  const csvFiles = Object.entries(result.series).map(([name, series]) => {
    files.set(`${prefix}${name}.csv`, seriesToCsv(series));
    return `${name}.csv`;
  });
  const figures: FigureLink[] = [];
  for (const plot of plots) figures.push(await addFigure(files, prefix, plot, result.series, options));
  files.set(`${prefix}index.html`, await resultPage(result, figures, csvFiles));
  return figures;
}

/** result.json, one CSV per series, the plots and index.html of one run. */
export async function resultFiles(
  result: StudyResult,
  plots: PlotSpec[],
  options: BundleOptions = {},
): Promise<FileSet> {
  const files: FileSet = new Map();
  await addResultFiles(files, result, plots, options, "");
  return files;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/**
 * The reproduction report: index.html with the paper-vs-ours table and figures, each run's own
 * page, and figures.html with every figure of all of them for review.
 */
export async function reproductionFiles(
  reports: ReproductionReport[],
  plotsOf: (result: StudyResult) => PlotSpec[],
  fast: boolean,
  options: BundleOptions = {},
): Promise<FileSet> {
  const files: FileSet = new Map();
  const sections: ReproductionSection[] = [];
  const gallery: GallerySection[] = [];
  for (const report of reports) {
    const folder = `${slug(report.id)}/`;
    const figures: FigureLink[] = [];
    const reviewed: GalleryFigure[] = [];
    const reportPage = { href: `index.html#${report.id}`, name: report.title };
    for (const figure of report.outcome.figures) {
      const link = await addFigure(files, folder, figure, figure.data, options);
      figures.push({ ...link, file: folder + link.file });
      reviewed.push({ title: link.title, file: folder + link.file, page: reportPage });
    }
    const runs: { name: string; href: string }[] = [];
    for (const result of report.outcome.results) {
      const runFolder = `${folder}${slug(result.name)}/`;
      const runPage = { href: `${runFolder}index.html`, name: result.name };
      const plots = await addResultFiles(files, result, plotsOf(result), options, runFolder);
      for (const plot of plots) {
        const file = runFolder + plot.file;
        figures.push({ title: `${result.name}: ${plot.title}`, file });
        reviewed.push({ title: plot.title, file, page: runPage });
      }
      runs.push(runPage);
    }
    sections.push({ report, figures, runs });
    gallery.push({ heading: report.title, figures: reviewed });
  }
  const rows = reports.flatMap((r) => r.outcome.rows);
  files.set("reproduction.json", `${JSON.stringify(rows, null, 2)}\n`);
  files.set("index.html", reproductionPage(sections, fast));
  files.set("figures.html", galleryPage("Paper reproductions", gallery, "index.html"));
  return files;
}

/**
 * sweep.csv, sweep.json, sensitivity.json (when the sweep has a sampler for it) and index.html of a
 * sweep, with the figures of its analysis (analyseSweep: metric against each axis, heat maps,
 * parallel coordinates, sensitivity bars), the same specs the page draws.
 */
export async function sweepFiles(
  plan: SweepPlan,
  results: StudyResult[],
  analysis: SweepAnalysis,
  options: BundleOptions = {},
): Promise<FileSet> {
  const files: FileSet = new Map();
  const { table } = analysis;
  files.set("sweep.csv", tableToCsv(table.columns, table.rows));
  const points = plan.points.map((p) => ({
    index: p.index,
    values: p.values,
    metrics: results[p.index].metrics,
  }));
  const summary = { study: plan.study, name: plan.name, parameters: plan.paths, points };
  files.set("sweep.json", `${JSON.stringify(summary, null, 2)}\n`);
  if (analysis.sensitivity)
    files.set("sensitivity.json", `${JSON.stringify(analysis.sensitivity, null, 2)}\n`);

  const figures: FigureLink[] = [];
  for (const figure of analysis.figures)
    figures.push(await addFigure(files, "", figure, figure.data, options));
  files.set("index.html", sweepPage(plan.name, plan.study, table, figures));
  return files;
}
