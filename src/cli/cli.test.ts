import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../studies/index.js";

const work = mkdtempSync(join(tmpdir(), "anodefree-cli-"));

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/bin.ts", ...args], {
    encoding: "utf8",
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function scenarioFile(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe.concurrent("anodefree CLI", () => {
  it("runs a scenario: --json on stdout, --out with result.json, CSV, SVG, PNG and index.html", () => {
    const out = join(work, "fig4a");
    const run = cli("run", "examples/alloy-film-fig4a.yaml", "--out", out, "--json", "--png");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.study).toBe("alloy-film");
    expect(result.metrics.saturationTime_s).toBeGreaterThan(0);
    expect(readdirSync(out).sort()).toEqual([
      "concentration-profiles.png",
      "concentration-profiles.svg",
      "concentrationProfiles.csv",
      "index.html",
      "result.json",
    ]);
    expect(JSON.parse(readFileSync(join(out, "result.json"), "utf8")).metrics).toEqual(result.metrics);
    expect(readdirSync(work).filter((f) => f.includes(".tmp-") || f.includes(".old-"))).toEqual([]);
  });

  it("replaces an existing output directory whole", () => {
    const out = join(work, "replaced");
    mkdirSync(out);
    writeFileSync(join(out, "stale.txt"), "old");
    expect(cli("run", "examples/alloy-film-fig4a.yaml", "--out", out).code).toBe(0);
    expect(existsSync(join(out, "stale.txt"))).toBe(false);
    expect(existsSync(join(out, "result.json"))).toBe(true);
  });

  it("exits 2 on wrong units, naming field, value and dimension, and writes nothing", () => {
    const file = scenarioFile("bad-units.yaml", "study: alloy-film\nparams:\n  film: { thickness: 10 mA }\n");
    const out = join(work, "never");
    const run = cli("run", file, "--out", out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('params.film.thickness: expected a length (e.g. "5 um"), got "10 mA"');
    expect(existsSync(out)).toBe(false);
    expect(run.stdout).toBe("");
  });

  it("exits 2 on a missing file, malformed YAML, an unknown study or reproduction", () => {
    const malformed = scenarioFile("malformed.yaml", "study: alloy-film\nparams: [unclosed\n");
    const unknown = scenarioFile("unknown.json", JSON.stringify({ study: "warp-drive" }));
    const missingCsv = scenarioFile(
      "missing-csv.yaml",
      "study: interface-2d\nparams:\n  collector: { profile: { csv: nowhere.csv } }\n",
    );
    const cases: [string[], RegExp][] = [
      [["run", join(work, "absent.yaml")], /cannot read scenario .*no such file/],
      [["run", malformed], /not valid YAML/],
      [
        ["run", unknown],
        /unknown study "warp-drive"; expected one of alloy-film, interface-2d, interface-3d, critical-current, cycling/,
      ],
      [["reproduce", "fig99"], /unknown reproduction "fig99"/],
      [["describe", "warp-drive"], /unknown study/],
      [["run", missingCsv], /params\.collector\.profile\.csv: cannot read CSV file "nowhere\.csv"/],
    ];
    for (const [args, message] of cases) {
      const run = cli(...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });

  it("reads a collector profile from a CSV file with units in its header", () => {
    const run = cli("run", "examples/interface-2d-measured-profile.yaml", "--json");
    expect(run.code).toBe(0);
    const inputs = JSON.parse(run.stdout).inputs;
    expect(inputs.collector.profile[5]).toEqual({ x: 0, height: expect.closeTo(1.2e-6, 18) });
  });

  it("computes lithiation potentials from a TDB file and names the line of a broken statement", () => {
    const tdb = [
      "ELEMENT LI BCC_A2 6.94 0 0 ! ELEMENT XX BCC_A2 100 0 0 !",
      "PHASE SOLN % 1 1 ! CONSTITUENT SOLN : LI,XX : !",
      "PARAMETER G(SOLN,LI;0) 1 -1000; 6000 N !",
      "PARAMETER G(SOLN,XX;0) 1 -2000; 6000 N !",
    ].join("\n");
    writeFileSync(join(work, "ideal.tdb"), tdb);
    const scenario = scenarioFile(
      "tdb.yaml",
      "study: lithiation-potential\nparams:\n  system: { tdb: ideal.tdb, metal: XX }\n  lithiumReference: SOLN\n",
    );
    const ok = cli("run", scenario, "--json");
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).metrics.stablePhases).toEqual(["SOLN"]);
    writeFileSync(join(work, "ideal.tdb"), `${tdb}\nPARAMETER G(SOLN,LI,XX;0) 1 3000*/T; 6000 N !\n`);
    const broken = cli("run", scenario);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/phase SOLN needs the statement at line 5/);
  });

  it("sweeps in parallel, equals single runs point by point, and resumes from stored points", () => {
    const file = scenarioFile(
      "sweep.yaml",
      [
        "study: alloy-film",
        "params:",
        "  film: { thickness: 5 um, maxConcentration: 69.6 mmol/cm^3, diffusivity: 6e-11 cm^2/s }",
        "sweep:",
        "  over:",
        "    film.thickness: [2 um, 5 um]",
        "    currentDensity: [0.5 mA/cm^2, 1 mA/cm^2]",
      ].join("\n"),
    );
    const out = join(work, "sweep");
    const first = cli("sweep", file, "--out", out, "--jobs", "2", "--json");
    expect(first.code, first.stderr).toBe(0);
    const points = JSON.parse(first.stdout);
    expect(points.map((p: Record<string, string>) => [p["film.thickness"], p.currentDensity])).toEqual([
      ["2 um", "0.5 mA/cm^2"],
      ["2 um", "1 mA/cm^2"],
      ["5 um", "0.5 mA/cm^2"],
      ["5 um", "1 mA/cm^2"],
    ]);
    // Each point is the ordinary scenario with the swept values put in.
    const single = runScenario({
      study: "alloy-film",
      params: {
        film: { thickness: "5 um", maxConcentration: "69.6 mmol/cm^3", diffusivity: "6e-11 cm^2/s" },
        currentDensity: "0.5 mA/cm^2",
      },
    });
    expect(points[2].metrics).toEqual(JSON.parse(JSON.stringify(single.metrics)));
    expect(readFileSync(join(out, "sweep.csv"), "utf8").split("\n")[0]).toMatch(
      /^point,film\.thickness,currentDensity,saturationTime_s/,
    );
    const files = readdirSync(out);
    expect(files).toEqual(expect.arrayContaining(["index.html", "sweep.json", "points", "metric-0.svg"]));
    expect(files.filter((f) => f.includes(".tmp-"))).toEqual([]);
    const again = cli("sweep", file, "--out", out);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/4 points, 4 reused/);
  });

  it("refuses a sweep with a bad point or mismatched zip lists before running anything", () => {
    const bad = scenarioFile(
      "bad-sweep.yaml",
      "study: alloy-film\nsweep:\n  over:\n    film.thickness: [5 um, -1 um]\n",
    );
    const out = join(work, "bad-sweep");
    const run = cli("sweep", bad, "--out", out);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /sweep point 1 \(film\.thickness = "-1 um"\): params\.film\.thickness: expected a positive/,
    );
    expect(existsSync(out)).toBe(false);
    const zip = scenarioFile(
      "zip-sweep.yaml",
      "study: alloy-film\nsweep:\n  mode: zip\n  over:\n    film.thickness: [5 um]\n    currentDensity: [1 A/m^2, 2 A/m^2]\n",
    );
    expect(cli("sweep", zip).stderr).toMatch(/sweep\.over: zip needs lists of equal length, got 1, 2/);
  });

  it("lists studies, describes their schema, and prints the reproduction table", () => {
    expect(cli("studies").stdout).toMatch(/alloy-film\s+Li diffusion/);
    const schema = JSON.parse(cli("describe", "alloy-film").stdout);
    expect(schema.properties.currentDensity).toMatchObject({ unit: "A/m^2", default: "1 mA/cm^2" });
    const table = cli("reproduce", "alloy-film/capacity");
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0].split(/\s{2,}/)).toEqual([
      "id",
      "quantity",
      "paper",
      "ours",
      "tolerance",
      "verdict",
    ]);
  });
});
