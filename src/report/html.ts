import type { ReproductionReport, ReproductionRow, StudyResult } from "../studies/index.js";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body { font-family: "DejaVu Sans", system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
h1 { font-weight: normal; } h2 { font-weight: normal; border-bottom: 1px solid #ccc; margin-top: 2.5rem; }
table { border-collapse: collapse; margin: 1rem 0; } td, th { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.num { font-family: monospace; }
.match { background: #e3f4e3; } .differs { background: #fff3d6; } .fail { background: #fbdede; }
figure { margin: 1.5rem 0; } figure img { max-width: 100%; border: 1px solid #eee; }
pre { background: #f7f7f7; padding: 0.8rem; overflow-x: auto; }
.note { color: #555; font-size: 0.9em; }`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}

function formatValue(value: unknown): string {
  if (typeof value === "number") return String(Number(value.toPrecision(6)));
  return JSON.stringify(value);
}

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
export function resultPage(result: StudyResult, figures: FigureLink[], csvFiles: string[]): string {
  const metrics = Object.entries(result.metrics)
    .map(
      ([key, value]) =>
        `<tr><td>${escapeHtml(key)}</td><td class="num">${escapeHtml(formatValue(value))}</td></tr>`,
    )
    .join("\n");
  const diagnostics = Object.entries(result.diagnostics)
    .map(
      ([key, value]) =>
        `<tr><td>${escapeHtml(key)}</td><td class="num">${escapeHtml(formatValue(value))}</td></tr>`,
    )
    .join("\n");
  const plots = figureList(figures);
  const files = ["result.json", ...csvFiles]
    .map((f) => `<a href="${escapeHtml(f)}">${escapeHtml(f)}</a>`)
    .join(" · ");
  return page(
    `${result.name} — anodefree`,
    `<h1>${escapeHtml(result.name)}</h1>
<p>Study <code>${escapeHtml(result.study)}</code>, anodefree ${escapeHtml(result.version)}. Files: ${files}</p>
<h2>Metrics (SI units)</h2>
<table><tr><th>metric</th><th>value</th></tr>
${metrics}
</table>
<h2>Plots</h2>
${plots}
<h2>Inputs (validated, SI units)</h2>
<pre>${escapeHtml(JSON.stringify(result.inputs, null, 2))}</pre>
<h2>Diagnostics</h2>
<table><tr><th>quantity</th><th>value</th></tr>
${diagnostics}
</table>`,
  );
}

export function reproductionTable(rows: ReproductionRow[]): string {
  const lines = rows.map(
    (r) =>
      `<tr class="${r.verdict}"><td>${escapeHtml(r.id)}</td><td>${escapeHtml(r.quantity)}</td><td>${escapeHtml(r.paper)}</td><td class="num">${escapeHtml(r.ours)}</td><td>${escapeHtml(r.tolerance)}</td><td>${r.verdict}${r.note ? `<div class="note">${escapeHtml(r.note)}</div>` : ""}</td></tr>`,
  );
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
      const figures = s.figures
        .map(
          (f) =>
            `<figure><img src="${escapeHtml(f.file)}" alt="${escapeHtml(f.title)}"><figcaption>${escapeHtml(f.title)}</figcaption></figure>`,
        )
        .join("\n");
      const runs = s.runs.map((r) => `<a href="${escapeHtml(r.href)}">${escapeHtml(r.name)}</a>`).join(" · ");
      return `<h2 id="${escapeHtml(s.report.id)}">${escapeHtml(s.report.title)}</h2>
<p><code>${escapeHtml(s.report.id)}</code>${runs ? ` — runs: ${runs}` : ""}</p>
${reproductionTable(s.report.outcome.rows)}
${figures}`;
    })
    .join("\n");
  return page(
    "anodefree — paper reproductions",
    `<h1>Paper reproductions</h1>
<p>${counts.join(", ")}${fast ? " (fast settings)" : ""}. <em>match</em>: within tolerance; <em>differs</em>: an explained disagreement with the paper; <em>fail</em>: a check that should hold does not.</p>
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
    return text !== "" && Number.isFinite(value) ? formatValue(value) : text;
  };
  const header = table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const rows = table.rows
    .map((row) => `<tr>${row.map((c) => `<td class="num">${escapeHtml(cell(c))}</td>`).join("")}</tr>`)
    .join("\n");
  const plots = figureList(figures);
  return page(
    `${title} — anodefree sweep`,
    `<h1>${escapeHtml(title)}</h1>
<p>Sweep of study <code>${escapeHtml(study)}</code>. Files: <a href="sweep.csv">sweep.csv</a> · <a href="sweep.json">sweep.json</a> · one result per point in <code>points/</code>.</p>
<table><tr>${header}</tr>
${rows}
</table>
<h2>Plots</h2>
${plots || "<p>No plots: the first swept parameter is not a number.</p>"}`,
  );
}
