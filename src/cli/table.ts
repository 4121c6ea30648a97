const GAP = 2;
/** Narrowest a column is squeezed to before the table is allowed to run over the width. */
const MIN_COLUMN = 8;

/** Words wrapped to `width` characters, keeping the text's indent; a word longer than the width is cut. */
export function wrap(text: string, width: number): string[] {
  const indent = /^ */.exec(text)?.[0] ?? "";
  if (indent)
    return wrap(text.slice(indent.length), Math.max(1, width - indent.length)).map((l) => indent + l);
  const lines: string[] = [];
  let line = "";
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > width) {
      if (line) lines.push(line);
      lines.push(word.slice(0, width));
      word = word.slice(width);
      line = "";
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

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
