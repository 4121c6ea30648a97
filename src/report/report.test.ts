import { describe, expect, it } from "vitest";
import { FIG4A_PARAMS } from "../studies/alloyFilm/reproductions.js";
import {
  analyseSweep,
  findStudy,
  planSweep,
  type ReproductionReport,
  runScenario,
  type StudyResult,
} from "../studies/index.js";
import { renderSvg, reproductionFiles, resultFiles, seriesToCsv, sweepFiles } from "./index.js";

const plotsOf = (result: StudyResult) => findStudy(result.study).plots(result);

/** The `src` of every image on a page. */
const imageSources = (html: string) => [...html.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]);

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

  it("lists the run's warnings above its metrics, escaped, and no section when there are none", async () => {
    const result = runScenario({ study: "alloy-film", params: { film: { thickness: 5 } } });
    expect(result.warnings).toHaveLength(1);
    const html = (await resultFiles(result, [])).get("index.html") as string;
    expect(html.indexOf("<h2>Warnings</h2>")).toBeGreaterThan(0);
    expect(html.indexOf("<h2>Warnings</h2>")).toBeLessThan(html.indexOf("<h2>Metrics</h2>"));
    expect(html).toContain("params.film.thickness: 5 (bare number, so 5 m) is implausible");
    const clean = runScenario({ study: "alloy-film", params: FIG4A_PARAMS });
    expect((await resultFiles(clean, [])).get("index.html")).not.toContain("Warnings");
  });

  it("prints metrics with 4 significant digits and units, and escapes what it shows", async () => {
    const result = runScenario({ study: "alloy-film", params: FIG4A_PARAMS });
    const noisy: StudyResult = {
      ...result,
      name: "<script>alert(1)</script>",
      metrics: { saturationTime_s: 54.000000000000995, regions: [{ name: "<b>tip</b>", share: 0.0712345 }] },
    };
    const html = (await resultFiles(noisy, [])).get("index.html") as string;
    expect(html).not.toContain("54.000000000000995");
    expect(html).toMatch(/<td>saturation time<\/td><td class="num">54.00<\/td><td>s<\/td>/);
    expect(html).toContain("0.07123");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>tip</b>");
    expect(html).toContain("&#60;b&#62;tip&#60;/b&#62;");
  });

  it("writes figures.html showing every SVG of a reproduction report, linked to its page", async () => {
    const result = runScenario({ study: "alloy-film", params: FIG4A_PARAMS });
    const [plot] = plotsOf(result);
    const report: ReproductionReport = {
      study: "alloy-film",
      id: "fig<x>",
      title: "A & <i>B</i>",
      outcome: {
        rows: [
          { id: "r1", quantity: "q", paper: "1", ours: "1", tolerance: "±1%", verdict: "match" },
          {
            id: "r2",
            quantity: "q",
            paper: "1",
            ours: "2",
            tolerance: "±1%",
            verdict: "differs",
            note: "<u>why</u>",
          },
        ],
        results: [result, { ...result, name: "second run" }],
        figures: [{ ...plot, name: "overview", title: "Overview <1>", data: result.series }],
      },
    };
    const files = await reproductionFiles([report], plotsOf, true);
    const svgs = [...files.keys()].filter((path) => path.endsWith(".svg"));
    expect(svgs.length).toBe(1 + 2 * plotsOf(result).length);
    const gallery = files.get("figures.html") as string;
    expect(imageSources(gallery).sort()).toEqual(svgs.sort());
    const pageLinks = [...gallery.matchAll(/on <a href="([^"#]*)/g)].map((m) => m[1]);
    expect(pageLinks).toHaveLength(svgs.length);
    for (const link of pageLinks) expect(files.has(link)).toBe(true);
    const index = files.get("index.html") as string;
    expect(index).toContain('href="figures.html"');
    for (const html of [gallery, index]) {
      expect(html).not.toMatch(/<i>B|<u>why|Overview <1>/);
      expect(html).toContain("A &#38; &#60;i&#62;B&#60;/i&#62;");
    }
    expect(index).toContain("[1] &#60;u&#62;why&#60;/u&#62;");
  });

  it("heads sweep columns with their units and prints the points to 4 significant digits", async () => {
    const plan = planSweep({
      study: "alloy-film",
      name: "current sweep",
      params: FIG4A_PARAMS,
      sweep: { over: { currentDensity: ["0.5 mA/cm^2", "1 mA/cm^2"] } },
    });
    const results = plan.points.map((p) => runScenario(p.scenario));
    const html = (await sweepFiles(plan, results, analyseSweep(plan, results))).get("index.html") as string;
    expect(html).toContain('<th>saturationTime_s<br><span class="note">s</span></th>');
    expect(html).toContain('<th>storedCharge_C_m2<br><span class="note">C/m²</span></th>');
    const time = results[1].metrics.saturationTime_s as number;
    expect(html).toContain(`<td class="num">${time.toPrecision(4)}</td>`);
    expect(html).not.toContain(`>${time}<`);
  });
});
