import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolveCsvTables } from "../cli/tables.js";
import { VERSION } from "../version.js";
import { FIG4A_PARAMS } from "./alloyFilm/reproductions.js";
import {
  describeStudy,
  planSweep,
  runReproduction,
  runScenario,
  studies,
  validateScenario,
} from "./index.js";
import { scenarioProblems } from "./scenarioProblems.js";
import type { StudyResult } from "./types.js";

const problems = scenarioProblems;

const film = (overrides: Record<string, unknown>) => ({ study: "alloy-film", params: { film: overrides } });

describe("scenario validation", () => {
  it("names an unknown study and lists the known ones", () => {
    expect(problems({ study: "dendrite-magic" })).toEqual([
      `study: unknown study "dendrite-magic"; expected one of ${studies.map((s) => s.id).join(", ")}`,
    ]);
  });

  it("rejects wrong units with the field path, the value and the expected dimension", () => {
    expect(problems(film({ thickness: "10 mA" }))).toEqual([
      'params.film.thickness: expected a length (e.g. "5 um"), got "10 mA"',
    ]);
    expect(problems(film({ diffusivity: "6e-11 cm/s" }))[0]).toMatch(
      /params\.film\.diffusivity: expected a diffusivity/,
    );
  });

  it.each([
    ["thickness", "-5 um", /positive length/],
    ["thickness", "0 um", /positive length/],
    ["diffusivity", "0 cm^2/s", /positive diffusivity/],
    ["diffusivity", "-1e-11 cm^2/s", /positive diffusivity/],
    ["maxConcentration", "0 mol/m^3", /positive concentration/],
    ["maxConcentration", "-1 mmol/cm^3", /positive concentration/],
  ])("rejects film.%s = %s", (field, value, message) => {
    const [problem] = problems(film({ [field]: value }));
    expect(problem).toMatch(new RegExp(`^params\\.film\\.${field}: `));
    expect(problem).toMatch(message);
    expect(problem).toContain(JSON.stringify(value));
  });

  it("reports every problem at once, including unknown fields and bad table rows", () => {
    const found = problems({
      study: "alloy-film",
      params: {
        film: { thickness: "1 s", diffusivity: [{ fraction: 2, value: "1e-11 cm^2/s" }], colour: "red" },
        currentDensity: "1 mA",
      },
    });
    expect(found).toHaveLength(4);
    expect(found.join("\n")).toMatch(/params\.film\.thickness: expected a length/);
    expect(found.join("\n")).toMatch(/params\.film\.diffusivity\[0\]\.fraction: .*got 2/);
    expect(found.join("\n")).toMatch(/params\.film: unknown field "colour"/);
    expect(found.join("\n")).toMatch(/params\.currentDensity: expected a current density .*got "1 mA"/);
  });

  it("requires the initial concentration below c_max", () => {
    expect(problems(film({ initialConcentration: "70 mmol/cm^3" }))[0]).toMatch(
      /^params\.film\.initialConcentration: expected a concentration below/,
    );
  });

  it("converts quantities with units to SI", () => {
    const { params } = validateScenario({
      study: "alloy-film",
      params: { ...FIG4A_PARAMS, film: { ...FIG4A_PARAMS.film, thickness: "140 nm" } },
    });
    const p = params as {
      film: { thickness: number; diffusivity: number; maxConcentration: number };
      currentDensity: number;
    };
    expect(p.film.thickness).toBeCloseTo(1.4e-7, 20);
    expect(p.film.diffusivity).toBeCloseTo(6e-15, 25);
    expect(p.film.maxConcentration).toBeCloseTo(69600, 8);
    expect(p.currentDensity).toBeCloseTo(10, 12);
  });
});

describe("plausibility warnings", () => {
  const warnings = (scenario: unknown) => validateScenario(scenario).warnings;

  it("questions a bare 5 for a film thickness (5 m) at its field, and not 5 um", () => {
    expect(warnings(film({ thickness: 5 }))).toEqual([
      'params.film.thickness: 5 (bare number, so 5 m) is implausible for a length here (expected 10 pm – 10 cm); did you mean "5 um"?',
    ]);
    expect(warnings(film({ thickness: 5 }))).toEqual(warnings(film({ thickness: 5 })));
    expect(warnings(film({ thickness: "5 um" }))).toEqual([]);
    expect(warnings(film({ thickness: 5e-6 }))).toEqual([]);
  });

  it("questions a bare 25 for a temperature (25 K), suggesting degC", () => {
    const [warning] = warnings({ study: "lithiation-potential", params: { temperature: 25 } });
    expect(warning).toMatch(/^params\.temperature: 25 \(bare number, so 25 K\) .*did you mean "25 degC"\?$/);
    expect(warnings({ study: "lithiation-potential", params: { temperature: "25 degC" } })).toEqual([]);
  });

  it("finds bare numbers in a quantity-or-table field and inside its rows, in field order", () => {
    expect(warnings(film({ diffusivity: 1 }))[0]).toMatch(/^params\.film\.diffusivity: 1 \(bare number/);
    const table = [
      { fraction: 0, value: 1 },
      { fraction: 1, value: "1e-11 cm^2/s" },
    ];
    const found = warnings({ study: "alloy-film", params: { film: { thickness: 5, diffusivity: table } } });
    expect(found.map((w) => w.split(":")[0])).toEqual([
      "params.film.thickness",
      "params.film.diffusivity[0].value",
    ]);
  });

  it("never hides an error: a scenario with both is refused with exactly the errors it had", () => {
    const broken = film({ thickness: 5, initialConcentration: "70 mmol/cm^3" });
    const plain = film({ thickness: "5 m", initialConcentration: "70 mmol/cm^3" });
    expect(problems(broken)).toEqual(problems(plain));
    expect(problems(broken)).toHaveLength(1);
  });

  it("puts the warnings in the result and leaves the computation alone", () => {
    const params = (thickness: unknown) => ({
      ...FIG4A_PARAMS,
      film: { ...FIG4A_PARAMS.film, thickness },
      numerics: { cells: 50, timeSteps: 50 },
    });
    const bare = runScenario({ study: "alloy-film", params: params(0.5) });
    const withUnit = runScenario({ study: "alloy-film", params: params("0.5 m") });
    expect(bare.warnings).toEqual(warnings({ study: "alloy-film", params: params(0.5) }));
    expect(bare.warnings).toHaveLength(1);
    expect(withUnit.warnings).toEqual([]);
    expect(bare.inputs).toEqual(withUnit.inputs);
    expect(bare.metrics).toEqual(withUnit.metrics);
    expect(bare.series).toEqual(withUnit.series);
  });
});

describe("registry", () => {
  it("describes each study as JSON Schema with units and defaults", () => {
    for (const study of studies) {
      const schema = describeStudy(study.id) as { properties: Record<string, Record<string, unknown>> };
      expect(schema.properties).toBeDefined();
    }
    const alloyFilm = describeStudy("alloy-film") as {
      properties: { film: { properties: Record<string, { unit?: string; default?: unknown }> } };
    };
    expect(alloyFilm.properties.film.properties.thickness).toMatchObject({ unit: "m", default: "5 um" });
  });

  it("returns the result object of SPEC 1.4", () => {
    const result = runScenario({ study: "alloy-film", name: "check", params: FIG4A_PARAMS });
    expect(Object.keys(result)).toEqual([
      "study",
      "name",
      "version",
      "inputs",
      "warnings",
      "metrics",
      "series",
      "diagnostics",
    ]);
    expect(result).toMatchObject({ study: "alloy-film", name: "check", version: VERSION, warnings: [] });
    expect(result.diagnostics).toMatchObject({
      iterations: expect.any(Number),
      residual: expect.any(Number),
      wallSeconds: expect.any(Number),
    });
    for (const series of Object.values(result.series)) {
      const lengths = Object.values(series).map((column) => column.length);
      expect(new Set(lengths).size).toBe(1);
    }
  });

  it("is deterministic: same scenario, same result.json apart from wallSeconds", () => {
    const scenario = {
      study: "alloy-film",
      params: { ...FIG4A_PARAMS, utilizationMap: { diffusivities: [1e-15], currentDensities: [5] } },
    };
    const strip = (r: ReturnType<typeof runScenario>) =>
      JSON.stringify({ ...r, diagnostics: { ...r.diagnostics, wallSeconds: 0 } });
    expect(strip(runScenario(scenario))).toBe(strip(runScenario(scenario)));
  });

  it("runs a reproduction's repeated case once, answering under the name asked", () => {
    const params = { ...FIG4A_PARAMS, utilizationMap: { diffusivities: [1e-15], currentDensities: [5] } };
    const other = { ...params, utilizationMap: { diffusivities: [1e-15], currentDensities: [6] } };
    const asked: StudyResult[] = [];
    const study = studies.find((s) => s.id === "alloy-film");
    if (!study) throw new Error("no alloy-film study");
    runReproduction(
      {
        study,
        reproduction: {
          id: "repeats",
          title: "the same case in two rows",
          run(context) {
            asked.push(context.runStudy("a", params), context.runStudy("b", { ...params }));
            asked.push(context.runStudy("c", other));
            return { rows: [], results: [], figures: [] };
          },
        },
      },
      { fast: true },
    );
    const [a, b, c] = asked;
    expect(b.name).toBe("b");
    expect({ ...b, name: "a" }).toEqual(a);
    // Not run again: the wall-clock time is the first run's own.
    expect(b.diagnostics).toBe(a.diagnostics);
    expect(c.diagnostics).not.toBe(a.diagnostics);
    expect(c.series).not.toEqual(a.series);
  });

  it("keeps VERSION equal to package.json", () => {
    expect(JSON.parse(readFileSync("package.json", "utf8")).version).toBe(VERSION);
  });

  it("validates every example scenario (CSV tables resolved as the CLI does), none questioned", async () => {
    const files = readdirSync("examples").filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) {
      const path = join("examples", file);
      const scenario = await resolveCsvTables(parse(readFileSync(path, "utf8")), path);
      // Sweep files validate every one of their points.
      const check = () =>
        (scenario as Record<string, unknown>).sweep ? planSweep(scenario) : validateScenario(scenario);
      expect(check, file).not.toThrow();
      if (!(scenario as Record<string, unknown>).sweep)
        expect(validateScenario(scenario).warnings, file).toEqual([]);
    }
  });
});
