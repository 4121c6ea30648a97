import { describe, expect, it } from "vitest";
import { renderSvg } from "../../report/svg.js";
import { runScenario } from "../registry.js";
import type { Series, StudyResult } from "../types.js";
import { grainSelectionStudy } from "./index.js";

const grainMapOf = (result: StudyResult) => {
  const plot = grainSelectionStudy.plots?.(result).find((p) => p.name === "grain-map");
  if (!plot) throw new Error("no grain-map plot");
  return plot.spec;
};

/** Aria labels of the boundary segments in the rendered SVG ("x (µm): 0.75; Height (µm): ..."). */
async function boundarySegments(result: StudyResult): Promise<string[]> {
  const svg = await renderSvg(grainMapOf(result), result.series);
  return [...svg.matchAll(/<line aria-label="([^"]*)"[^>]*aria-roledescription="rule mark"/g)].map(
    (m) => m[1],
  );
}

describe("grain-selection grain map", () => {
  it("draws every grain boundary, also between touching grains of one orientation", async () => {
    // 3 x 3 cells (dx 0.5 µm), all (101): grains 0 | 1 side by side in the two lower rows, grain 2
    // across the top row -> two vertical segments at x = 0.75 µm and three horizontal ones at 0.75 µm.
    const layout = [
      [0, 0, 1],
      [0, 0, 1],
      [2, 2, 2],
    ];
    const snapshots: Series = { time: [], x_m: [], y_m: [], orientation: [], grain: [] };
    layout.forEach((row, j) => {
      row.forEach((grain, i) => {
        snapshots.time.push(1);
        snapshots.x_m.push(i * 0.5e-6);
        snapshots.y_m.push(j * 0.5e-6);
        snapshots.orientation.push(1);
        snapshots.grain.push(grain);
      });
    });
    const result = {
      inputs: { grid: { nx: 3, ny: 3, dx: 0.5 } },
      series: { snapshots, history: { time: [0], fraction001: [0], fraction101: [1], fraction111: [0] } },
    } as unknown as StudyResult;
    expect((await boundarySegments(result)).sort()).toEqual(
      [
        "x (µm): 0.75; Height (µm): −0.25; y1: 0.25",
        "x (µm): 0.75; Height (µm): 0.25; y1: 0.75",
        "x (µm): −0.25; Height (µm): 0.75; x1: 0.25",
        "x (µm): 0.25; Height (µm): 0.75; x1: 0.75",
        "x (µm): 0.75; Height (µm): 0.75; x1: 1.25",
      ].sort(),
    );
  });

  it("gets a grain column from a run: one orientation per grain, as many grains at the end as counted", async () => {
    const nuclei = 10;
    const result = runScenario({
      study: "grain-selection",
      params: { grid: { nx: 30, ny: 8 }, nuclei, endTime: 1, seed: 2 },
    });
    const { time, orientation, grain } = result.series.snapshots;
    const orientationOf = new Map<number, number>();
    grain.forEach((g, row) => {
      expect(Number.isInteger(g) && g >= 0 && g < nuclei).toBe(true);
      expect(orientationOf.get(g) ?? orientation[row]).toBe(orientation[row]);
      orientationOf.set(g, orientation[row]);
    });
    const end = Math.max(...time);
    const atEnd = new Set(grain.filter((_, row) => time[row] === end));
    expect(atEnd.size).toBe(result.metrics.grainCount);
    // Several grains share the film, so at least one boundary per panel is drawn.
    expect(atEnd.size).toBeGreaterThan(1);
    expect((await boundarySegments(result)).length).toBeGreaterThanOrEqual(2 * (atEnd.size - 1));
  });
});
