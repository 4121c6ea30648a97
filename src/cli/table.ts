import { wrap } from "../report/wrap.js";

const GAP = 2;
/** Narrowest a column is squeezed to before the table is allowed to run over the width. */
const MIN_COLUMN = 8;

/**
 * Plain aligned text table for the terminal. With `width`, the widest columns are narrowed (their
 * cells wrap onto further lines) until the table fits, so it reads in any terminal.
 */
export function formatTable(header: string[], rows: string[][], width = Number.POSITIVE_INFINITY): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  while (total() > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= MIN_COLUMN) break;
    widths[widest] -= 1;
  }
  const render = (cells: string[]) => {
    const wrapped = widths.map((w, c) => wrap(cells[c] ?? "", w));
    const height = Math.max(...wrapped.map((lines) => lines.length));
    return Array.from({ length: height }, (_, k) =>
      wrapped
        .map((lines, c) => (lines[k] ?? "").padEnd(widths[c]))
        .join(" ".repeat(GAP))
        .trimEnd(),
    ).join("\n");
  };
  return [render(header), widths.map((w) => "-".repeat(w)).join(" ".repeat(GAP)), ...rows.map(render)].join(
    "\n",
  );
}
