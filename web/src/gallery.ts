import { h } from "./dom.js";
import { figureElement } from "./figures.js";
import type { ReproductionView, StudyInfo } from "./protocol.js";
import { resultElement } from "./results.js";

/** The paper-vs-ours table of a reproduction, notes numbered below it as in the CLI. */
function rowsTable(view: ReproductionView): HTMLElement {
  const notes: string[] = [];
  const rows = view.rows.map((row) => {
    let verdict: string = row.verdict;
    if (row.note) {
      notes.push(`[${notes.length + 1}] ${row.quantity}: ${row.note}`);
      verdict += ` [${notes.length}]`;
    }
    return h(
      "tr",
      { "data-verdict": row.verdict },
      ...[row.quantity, row.paper, row.ours, row.tolerance].map((c) => h("td", {}, c)),
      h("td", { className: `verdict ${row.verdict}` }, verdict),
    );
  });
  return h(
    "div",
    {},
    h(
      "table",
      { className: "reproduction" },
      h(
        "thead",
        {},
        h("tr", {}, ...["quantity", "paper", "ours", "tolerance", "verdict"].map((c) => h("th", {}, c))),
      ),
      h("tbody", {}, ...rows),
    ),
    notes.length > 0 && h("ol", { className: "notes" }, ...notes.map((n) => h("li", {}, n))),
  );
}

export function reproductionElement(view: ReproductionView): HTMLElement {
  return h(
    "div",
    { className: "reproduction-result" },
    rowsTable(view),
    h("div", { className: "figures" }, ...view.figures.map((f) => figureElement(f, `${view.id}-`))),
    ...view.runs.map((run) =>
      h("details", { className: "run" }, h("summary", {}, `Run: ${run.result.name}`), resultElement(run)),
    ),
  );
}

/** One entry per reproduction id, each run on demand through `run`. */
export function galleryElement(
  studies: StudyInfo[],
  run: (id: string, target: HTMLElement) => void,
): HTMLElement {
  const entries = studies.flatMap((study) =>
    study.reproductions.map((r) => {
      const target = h("div", { className: "reproduction-output" });
      return h(
        "section",
        { className: "gallery-entry", "data-reproduction": r.id },
        h("h3", {}, r.title),
        h(
          "p",
          {},
          h("code", {}, r.id),
          ` (${study.id}) `,
          h("button", { type: "button", onclick: () => run(r.id, target) }, "Run with fast settings"),
        ),
        target,
      );
    }),
  );
  return h("div", { className: "gallery" }, ...entries);
}
