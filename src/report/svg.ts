import type { TopLevelSpec } from "vega-lite";
import type { Series } from "../studies/index.js";
import { dataNames, rowsOf, styledSpec } from "./figureSpec.js";

/**
 * Renders a Vega-Lite spec to SVG, feeding each named data source from `data`. Works in Node and in
 * the browser (no canvas: Vega estimates text widths, so labels are kept short). Vega and Vega-Lite
 * load on the first figure: together they cost ~0.3 s, which a command that draws nothing must not pay.
 */
export async function renderSvg(
  spec: Record<string, unknown>,
  data: Record<string, Series>,
  title?: string,
): Promise<string> {
  const [{ parse, View }, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  const full = styledSpec(spec, title) as unknown as TopLevelSpec;
  const view = new View(parse(compile(full).spec), { renderer: "none" });
  for (const name of dataNames(spec)) {
    const series = data[name];
    if (!series) throw new Error(`renderSvg: no series "${name}" for this figure`);
    view.data(name, rowsOf(series));
  }
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
