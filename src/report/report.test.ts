import { describe, expect, it } from "vitest";
import { FIG4A_PARAMS } from "../studies/alloyFilm/reproductions.js";
import { findStudy, runScenario } from "../studies/index.js";
import { renderSvg, resultFiles, seriesToCsv } from "./index.js";

describe("report", () => {
  it("writes one CSV per series with a header of unit-suffixed columns", () => {
    expect(seriesToCsv({ position_m: [0, 1e-6], concentration_mol_m3: [1, 2.5] })).toBe(
      "position_m,concentration_mol_m3\n0,1\n0.000001,2.5\n",
    );
  });

  it("renders figures with axis titles that carry units", async () => {
    const result = runScenario({ study: "alloy-film", params: FIG4A_PARAMS });
    const [plot] = findStudy("alloy-film").plots(result);
    const svg = await renderSvg(plot.spec, result.series, plot.title);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Distance from electrolyte (µm)");
    expect(svg).toContain("Li concentration (mmol/cm³)");
  });

  it("bundles result.json, CSVs, SVG plots and index.html for a run", async () => {
    const result = runScenario({ study: "alloy-film", params: FIG4A_PARAMS });
    const files = await resultFiles(result, findStudy("alloy-film").plots(result));
    expect([...files.keys()].sort()).toEqual([
      "concentration-profiles.svg",
      "concentrationProfiles.csv",
      "index.html",
      "result.json",
    ]);
    expect(JSON.parse(files.get("result.json") as string).metrics.saturationTime_s).toBe(
      result.metrics.saturationTime_s,
    );
    expect(files.get("index.html")).toContain("concentration-profiles.svg");
  });
});
