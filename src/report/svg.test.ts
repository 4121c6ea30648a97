import { describe, expect, it } from "vitest";
import { renderSvg } from "./svg.js";

describe("renderSvg", () => {
  it("feeds every named data source of a layered spec, not only the top one", async () => {
    const spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      data: { name: "measured" },
      layer: [
        {
          mark: "point",
          encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
        },
        {
          data: { name: "model" },
          mark: "line",
          encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
        },
      ],
    };
    const svg = await renderSvg(spec, {
      measured: { x: [1, 2, 3], y: [1, 4, 9] },
      model: { x: [0, 4], y: [0, 16] },
    });
    // The model line reaches x = 4, y = 16: the axes extend to it only if its rows arrived.
    expect(svg).toMatch(/>16</);
    await expect(renderSvg(spec, { measured: { x: [1], y: [1] } })).rejects.toThrow(/no series "model"/);
  });
});
