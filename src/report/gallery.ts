import { escapeHtml, page } from "./page.js";

/** One figure of the gallery, paths relative to the gallery page. */
export interface GalleryFigure {
  title: string;
  file: string;
  /** The report page the figure belongs to, and its name. */
  page: { href: string; name: string };
}

export interface GallerySection {
  heading: string;
  figures: GalleryFigure[];
}

function card(f: GalleryFigure): string {
  const file = escapeHtml(f.file);
  return `<figure><a href="${file}"><img src="${file}" alt="${escapeHtml(f.title)}" loading="lazy"></a>
<figcaption>${escapeHtml(f.title)}<br><span class="note">on <a href="${escapeHtml(f.page.href)}">${escapeHtml(f.page.name)}</a> · <code>${file}</code></span></figcaption></figure>`;
}

/** Every figure of a report side by side, so a person can review them all at once. */
export function galleryPage(title: string, sections: GallerySection[], back: string): string {
  const count = sections.reduce((n, s) => n + s.figures.length, 0);
  const body = sections
    .filter((s) => s.figures.length > 0)
    .map(
      (s) =>
        `<h2>${escapeHtml(s.heading)}</h2>\n<div class="gallery">\n${s.figures.map(card).join("\n")}\n</div>`,
    )
    .join("\n");
  return page(
    `${title} — figures`,
    `<h1>${escapeHtml(title)}: all figures</h1>
<p>${count} figures. Each links to its full-size SVG and to the page it belongs to. <a href="${escapeHtml(back)}">Back to the report</a>.</p>
${body}`,
    { wide: true },
  );
}
