import type { PlotSpec, ReproductionReport, Series, StudyResult } from "../studies/index.js";
import { seriesToCsv } from "./csv.js";
import { type FigureLink, type ReproductionSection, reproductionPage, resultPage } from "./html.js";
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

/** result.json, one CSV per series, the plots and index.html of one run. */
export async function resultFiles(
  result: StudyResult,
  plots: PlotSpec[],
  options: BundleOptions = {},
  prefix = "",
): Promise<FileSet> {
  const files: FileSet = new Map();
  files.set(`${prefix}result.json`, `${JSON.stringify(result, null, 2)}\n`);
  const csvFiles = Object.entries(result.series).map(([name, series]) => {
    files.set(`${prefix}${name}.csv`, seriesToCsv(series));
    return `${name}.csv`;
  });
  const figures: FigureLink[] = [];
  for (const plot of plots) figures.push(await addFigure(files, prefix, plot, result.series, options));
  files.set(`${prefix}index.html`, resultPage(result, figures, csvFiles));
  return files;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** The reproduction report: index.html with the paper-vs-ours table, figures, and each run's own page. */
export async function reproductionFiles(
  reports: ReproductionReport[],
  plotsOf: (result: StudyResult) => PlotSpec[],
  fast: boolean,
  options: BundleOptions = {},
): Promise<FileSet> {
  const files: FileSet = new Map();
  const sections: ReproductionSection[] = [];
  for (const report of reports) {
    const folder = `${slug(report.id)}/`;
    const figures: FigureLink[] = [];
    for (const figure of report.outcome.figures) {
      const link = await addFigure(files, folder, figure, figure.data, options);
      figures.push({ ...link, file: folder + link.file });
    }
    const runs: { name: string; href: string }[] = [];
    for (const result of report.outcome.results) {
      const runFolder = `${folder}${slug(result.name)}/`;
      for (const [path, content] of await resultFiles(result, plotsOf(result), options, runFolder)) {
        files.set(path, content);
      }
      const plots = plotsOf(result).map((p) => ({
        title: `${result.name}: ${p.title}`,
        file: `${runFolder}${p.name}.svg`,
      }));
      figures.push(...plots);
      runs.push({ name: result.name, href: `${runFolder}index.html` });
    }
    sections.push({ report, figures, runs });
  }
  const rows = reports.flatMap((r) => r.outcome.rows);
  files.set("reproduction.json", `${JSON.stringify(rows, null, 2)}\n`);
  files.set("index.html", reproductionPage(sections, fast));
  return files;
}
