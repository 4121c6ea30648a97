export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body { font-family: "DejaVu Sans", system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
h1 { font-weight: normal; } h2 { font-weight: normal; border-bottom: 1px solid #ccc; margin-top: 2.5rem; }
table { border-collapse: collapse; margin: 1rem 0; } td, th { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.num { font-family: "DejaVu Sans Mono", monospace; } table.metrics td.num { white-space: nowrap; }
table.metrics table { margin: 0; width: 100%; } table.metrics table.nested td:first-child { width: 40%; } table.metrics td.group { padding: 0; }
table.metrics th.group { background: none; font-weight: normal; font-style: italic; }
.match { background: #e3f4e3; } .differs { background: #fff3d6; } .fail { background: #fbdede; }
tr.note td { border-top: none; font-size: 0.9em; color: #444; padding-left: 2rem; }
tr.has-note td { border-bottom: none; } td.verdict { white-space: nowrap; }
figure { margin: 1.5rem 0; } figure img { max-width: 100%; border: 1px solid #eee; }
pre { background: #f7f7f7; padding: 0.8rem; overflow-x: auto; }
.note { color: #555; font-size: 0.9em; }
.warnings li { background: #fff3d6; padding: 0.2rem 0.5rem; margin: 0.2rem 0; list-style: none; }
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(26rem, 1fr)); gap: 1rem; }
.gallery figure { margin: 0; border: 1px solid #ddd; padding: 0.5rem; }
.gallery figcaption { font-size: 0.9em; margin-top: 0.3rem; }
body.wide { max-width: none; }`;

/** A complete HTML page with the report's style; `title` is escaped, `body` is HTML. */
export function page(title: string, body: string, options: { wide?: boolean } = {}): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body${options.wide ? ' class="wide"' : ""}>
${body}
</body></html>
`;
}
