import type { ReproductionReport, ReproductionRow, StudyResult } from "../studies/index.js";
import { formatNumber, inputsText, metricRows, unitOfColumn } from "./format.js";
import { metricsTable } from "./metricsTable.js";
import { escapeHtml, page } from "./page.js";

export interface FigureLink {
  title: string;
  file: string;
}

function figureList(figures: FigureLink[]): string {
  return figures
    .map(
      (f) =>
        `<figure><img src="${escapeHtml(f.file)}" alt="${escapeHtml(f.title)}"><figcaption>${escapeHtml(f.title)}</figcaption></figure>`,
    )
    .join("\n");
}

/** The page of one run: inputs, metrics, plots and the files behind them. */
/** What the run found implausible (input or data), above the numbers it may affect. */
function warningList(warnings: string[]): string {
  if (warnings.length === 0) return "";
  const items = warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("\n");
  return `<h2>Warnings</h2>\n<ul class="warnings">\n${items}\n</ul>`;
}

export async function resultPage(
  result: StudyResult,
  figures: FigureLink[],
  csvFiles: string[],
): Promise<string> {
  const inputs = await inputsText(result.inputs);
  const files = ["result.json", ...csvFiles]
    .map((f) => `<a href="${escapeHtml(f)}">${escapeHtml(f)}</a>`)
    .join(" · ");
  return page(
    `${result.name} — anodefree`,
    `<h1>${escapeHtml(result.name)}</h1>
<p>Study <code>${escapeHtml(result.study)}</code>, anodefree ${escapeHtml(result.version)}. Files: ${files}</p>
${warningList(result.warnings ?? [])}
<h2>Metrics</h2>
<p class="note">SI units; 4 significant digits (result.json has full precision).</p>
${metricsTable(metricRows(result.metrics), "metric")}
<h2>Plots</h2>
${figureList(figures)}
<h2>Inputs (validated, SI units)</h2>
<pre>${escapeHtml(inputs)}</pre>
<h2>Diagnostics</h2>
${metricsTable(metricRows(result.diagnostics))}`,
  );
}

/**
 * Paper against ours, one row per quantity. A note (why a `differs` differs, what a trend compared)
 * sits in a full-width row under its row, numbered so the verdict cell can point at it.
 */
export function reproductionTable(rows: ReproductionRow[]): string {
  let notes = 0;
  const lines = rows.map((r) => {
    const number = r.note ? ++notes : 0;
    const marker = number ? ` <sup>[${number}]</sup>` : "";
    const row = `<tr class="${r.verdict}${number ? " has-note" : ""}"><td>${escapeHtml(r.id)}</td><td>${escapeHtml(r.quantity)}</td><td>${escapeHtml(r.paper)}</td><td class="num">${escapeHtml(r.ours)}</td><td>${escapeHtml(r.tolerance)}</td><td class="verdict">${r.verdict}${marker}</td></tr>`;
    if (!r.note) return row;
    return `${row}\n<tr class="${r.verdict} note"><td colspan="6">[${number}] ${escapeHtml(r.note)}</td></tr>`;
  });
  return `<table><tr><th>id</th><th>quantity</th><th>paper</th><th>ours</th><th>tolerance</th><th>verdict</th></tr>
${lines.join("\n")}
</table>`;
}

export interface ReproductionSection {
  report: ReproductionReport;
  figures: FigureLink[];
  /** Links to the pages of the runs behind this reproduction. */
  runs: { name: string; href: string }[];
}

/** The page `anodefree reproduce --out` writes: paper vs ours, then every figure. */
export function reproductionPage(sections: ReproductionSection[], fast: boolean): string {
  const rows = sections.flatMap((s) => s.report.outcome.rows);
  const counts = (["match", "differs", "fail"] as const).map(
    (v) => `${rows.filter((r) => r.verdict === v).length} ${v}`,
  );
  const body = sections
    .map((s) => {
      const runs = s.runs.map((r) => `<a href="${escapeHtml(r.href)}">${escapeHtml(r.name)}</a>`).join(" · ");
      return `<h2 id="${escapeHtml(s.report.id)}">${escapeHtml(s.report.title)}</h2>
<p><code>${escapeHtml(s.report.id)}</code>${runs ? ` — runs: ${runs}` : ""}</p>
${reproductionTable(s.report.outcome.rows)}
${figureList(s.figures)}`;
    })
    .join("\n");
  return page(
    "anodefree — paper reproductions",
    `<h1>Paper reproductions</h1>
<p>${counts.join(", ")}${fast ? " (fast settings)" : ""}. <em>match</em>: within tolerance; <em>differs</em>: an explained disagreement with the paper; <em>fail</em>: a check that should hold does not.</p>
<p><a href="figures.html">All figures on one page</a> for review.</p>
${reproductionTable(rows)}
${body}`,
  );
}

/** The page of a sweep: one table row per point and the metric-versus-parameter plots. */
export function sweepPage(
  title: string,
  study: string,
  table: { columns: string[]; rows: string[][] },
  figures: FigureLink[],
): string {
  const cell = (text: string) => {
    const value = Number(text);
    return text !== "" && Number.isFinite(value) ? formatNumber(value) : text;
  };
  const header = table.columns
    .map((c) => {
      const unit = unitOfColumn(c);
      return `<th>${escapeHtml(c)}${unit ? `<br><span class="note">${escapeHtml(unit)}</span>` : ""}</th>`;
    })
    .join("");
  const rows = table.rows
    .map((row) => `<tr>${row.map((c) => `<td class="num">${escapeHtml(cell(c))}</td>`).join("")}</tr>`)
    .join("\n");
  return page(
    `${title} — anodefree sweep`,
    `<h1>${escapeHtml(title)}</h1>
<p>Sweep of study <code>${escapeHtml(study)}</code>. Files: <a href="sweep.csv">sweep.csv</a> · <a href="sweep.json">sweep.json</a> · one result per point in <code>points/</code>.</p>
<table><tr>${header}</tr>
${rows}
</table>
<h2>Plots</h2>
${figureList(figures) || "<p>No plots: the first swept parameter is not a number.</p>"}`,
  );
}
