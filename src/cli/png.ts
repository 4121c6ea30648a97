import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { FIGURE_FONT } from "../report/index.js";

// The font ships with the package, so PNG text renders the same on machines without system fonts.
const fontDirectory = join(
  dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")),
  "ttf",
);
const fontFiles = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => join(fontDirectory, f));

/** SVG to PNG at twice the nominal size, sharp enough for slides. */
export function svgToPng(svg: string): Uint8Array {
  const renderer = new Resvg(svg, {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FIGURE_FONT },
    fitTo: { mode: "zoom", value: 2 },
  });
  return renderer.render().asPng();
}
