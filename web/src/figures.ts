import { h } from "./dom.js";
import { blobOf, download } from "./download.js";
import type { FigureView } from "./protocol.js";

type Spec = Record<string, unknown>;

/**
 * Drag to pan, wheel to zoom: an interval selection bound to the scales of a single or layered
 * view. Other compositions (concatenated panels) stay static.
 */
function withZoom(spec: Spec): Spec {
  const zoom = { name: "zoom", select: "interval", bind: "scales" };
  if (typeof spec.mark !== "undefined" && !spec.params) return { ...spec, params: [zoom] };
  const layers = spec.layer;
  if (Array.isArray(layers) && layers.length > 0 && !(layers[0] as Spec).params)
    return { ...spec, layer: [{ ...(layers[0] as Spec), params: [zoom] }, ...layers.slice(1)] };
  return spec;
}

/** Tooltips on every mark, over the figure's own style. */
function withTooltips(spec: Spec): Spec {
  const config = (spec.config ?? {}) as Spec;
  return { ...spec, config: { ...config, mark: { ...(config.mark as Spec), tooltip: true } } };
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/**
 * A figure drawn with vega-embed (loaded on first use: the plotting library is not part of the
 * page's initial JavaScript), with SVG and PNG downloads of exactly what is shown.
 */
export function figureElement(figure: FigureView, prefix = ""): HTMLElement {
  const plot = h("div", { className: "plot" }, "drawing…");
  const svgButton = h("button", { type: "button", disabled: true }, "SVG");
  const pngButton = h("button", { type: "button", disabled: true }, "PNG");
  const element = h(
    "figure",
    { className: "figure", "data-figure": figure.name },
    plot,
    h("figcaption", {}, figure.title, " ", svgButton, pngButton),
  );
  void draw(plot, figure.spec).then(
    (view) => {
      element.dataset.drawn = "true";
      const name = `${prefix}${slug(figure.name)}`;
      svgButton.disabled = false;
      pngButton.disabled = false;
      svgButton.onclick = async () => download(`${name}.svg`, await view.toSVG(), "image/svg+xml");
      pngButton.onclick = async () => download(`${name}.png`, await blobOf(await view.toImageURL("png", 2)));
    },
    (error: unknown) => {
      element.dataset.drawn = "failed";
      plot.replaceChildren(
        h("p", { className: "error" }, `This figure could not be drawn: ${(error as Error).message}`),
      );
    },
  );
  return element;
}

async function draw(target: HTMLElement, spec: Spec) {
  const { default: embed } = await import("vega-embed");
  const options = { actions: false, renderer: "svg" as const };
  target.replaceChildren();
  try {
    return (await embed(target, withZoom(withTooltips(spec)) as never, options)).view;
  } catch {
    // A spec the zoom does not fit (e.g. a fixed domain on a layered log axis) is still drawn, static.
    target.replaceChildren();
    return (await embed(target, withTooltips(spec) as never, options)).view;
  }
}
