import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../studies/index.js";
import { cli, scenarioIn } from "./testing.js";

// The CLI in-process through main(argv, io): no process spawning, so the suite stays deterministic
// on a busy machine. The few real-process checks are in cli.process.test.ts.
const work = mkdtempSync(join(tmpdir(), "anodefree-cli-"));

describe("anodefree run", () => {
  it("prints the result object with --json and writes result.json, CSV, SVG, PNG, index.html and our marker with --out", async () => {
    const out = join(work, "fig4a");
    const run = await cli("run", "examples/alloy-film-fig4a.yaml", "--out", out, "--json", "--png");
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.study).toBe("alloy-film");
    expect(result.metrics.saturationTime_s).toBeGreaterThan(0);
    expect(readdirSync(out).sort()).toEqual([
      ".anodefree-output.json",
      "concentration-profiles.png",
      "concentration-profiles.svg",
      "concentrationProfiles.csv",
      "index.html",
      "result.json",
    ]);
    expect(JSON.parse(readFileSync(join(out, "result.json"), "utf8")).metrics).toEqual(result.metrics);
    expect(readdirSync(work).filter((f) => f.includes(".tmp-") || f.includes(".old-"))).toEqual([]);
  });

  it("exits 2 on wrong units, naming field, value and dimension, and writes nothing", async () => {
    const file = scenarioIn(
      work,
      "bad-units.yaml",
      "study: alloy-film\nparams:\n  film: { thickness: 10 mA }\n",
    );
    const out = join(work, "never");
    const run = await cli("run", file, "--out", out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('params.film.thickness: expected a length (e.g. "5 um"), got "10 mA"');
    expect(existsSync(out)).toBe(false);
    expect(run.stdout).toBe("");
  });

  it("exits 2 on a missing, empty, malformed or directory scenario, an unknown study or reproduction", async () => {
    const malformed = scenarioIn(work, "malformed.yaml", "study: alloy-film\nparams: [unclosed\n");
    const unknown = scenarioIn(work, "unknown.json", JSON.stringify({ study: "warp-drive" }));
    const empty = scenarioIn(work, "empty.yaml", "\n# nothing here\n");
    const notANumber = scenarioIn(
      work,
      "nan.yaml",
      "study: alloy-film\nparams:\n  film: { thickness: .nan }\n",
    );
    const missingCsv = scenarioIn(
      work,
      "missing-csv.yaml",
      "study: interface-2d\nparams:\n  collector: { profile: { csv: nowhere.csv } }\n",
    );
    const cases: [string[], RegExp][] = [
      [["run", join(work, "absent.yaml")], /cannot read scenario .*absent\.yaml.*: no such file/],
      [["run", work], /cannot read scenario .*: is a directory, expected a file/],
      [["run", empty], /scenario ".*empty\.yaml" is empty/],
      [["run", malformed], /not valid YAML/],
      [["run", notANumber], /params\.film\.thickness: expected a length \(e\.g\. "5 um"\), got NaN$/m],
      [
        ["run", unknown],
        /unknown study "warp-drive"; expected one of alloy-film, interface-2d, interface-3d, critical-current, cycling/,
      ],
      [["reproduce", "fig99"], /unknown reproduction "fig99"/],
      [["describe", "warp-drive"], /unknown study/],
      [["run", missingCsv], /params\.collector\.profile\.csv: cannot read CSV file "nowhere\.csv"/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });

  it("reads a collector profile from a CSV file with units in its header", async () => {
    const run = await cli("run", "examples/interface-2d-measured-profile.yaml", "--json");
    expect(run.code, run.stderr).toBe(0);
    const inputs = JSON.parse(run.stdout).inputs;
    expect(inputs.collector.profile[5]).toEqual({ x: 0, height: expect.closeTo(1.2e-6, 18) });
  });

  it("computes lithiation potentials from a TDB file and names the line of a broken statement", async () => {
    const tdb = [
      "ELEMENT LI BCC_A2 6.94 0 0 ! ELEMENT XX BCC_A2 100 0 0 !",
      "PHASE SOLN % 1 1 ! CONSTITUENT SOLN : LI,XX : !",
      "PARAMETER G(SOLN,LI;0) 1 -1000; 6000 N !",
      "PARAMETER G(SOLN,XX;0) 1 -2000; 6000 N !",
    ].join("\n");
    writeFileSync(join(work, "ideal.tdb"), tdb);
    const scenario = scenarioIn(
      work,
      "tdb.yaml",
      "study: lithiation-potential\nparams:\n  system: { tdb: ideal.tdb, metal: XX }\n  lithiumReference: SOLN\n",
    );
    const ok = await cli("run", scenario, "--json");
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).metrics.stablePhases).toEqual(["SOLN"]);
    writeFileSync(join(work, "ideal.tdb"), `${tdb}\nPARAMETER G(SOLN,LI,XX;0) 1 3000*/T; 6000 N !\n`);
    const broken = await cli("run", scenario);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/phase SOLN needs the statement at line 5/);
  });

  it("applies --set overrides (a quantity string, a number, a list element) on top of the file", async () => {
    const run = await cli(
      "run",
      "examples/alloy-film-fig4a.yaml",
      "--json",
      "--set",
      "film.thickness=2 um",
      "--set",
      "params.currentDensity=5",
      "--set",
      "profileFractions.1=0.6",
      "--set",
      "name=thin film",
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.inputs.film.thickness).toBeCloseTo(2e-6, 18);
    expect(result.inputs.currentDensity).toBe(5);
    expect(result.inputs.profileFractions).toEqual([0.25, 0.6, 0.75, 1]);
    expect(result.name).toBe("thin film");
    const bad = await cli("run", "examples/alloy-film-fig4a.yaml", "--set", "film.thickness");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--set: expected path=value/);
  });

  it("runs implausible bare numbers but warns on stderr and in the result", async () => {
    const file = scenarioIn(
      work,
      "five-metres.yaml",
      "study: alloy-film\nparams:\n  film: { thickness: 5 }\n",
    );
    const run = await cli("run", file, "--json");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^warning: params\.film\.thickness: 5 \(bare number, so 5 m\) is implausible/m,
    );
    expect(JSON.parse(run.stdout).warnings).toEqual([expect.stringMatching(/^params\.film\.thickness: /)]);
  });

  it("reads the scenario from standard input when the file is -", async () => {
    const yaml = "study: alloy-film\nname: from stdin\nparams: { film: { thickness: 2 um } }\n";
    const run = await cli({ stdin: yaml }, "run", "-", "--json");
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).name).toBe("from stdin");
  });

  it("refuses --png without --out, and a sweep file, pointing to the right command", async () => {
    const png = await cli("run", "examples/alloy-film-fig4a.yaml", "--png");
    expect(png.code).toBe(2);
    expect(png.stderr).toMatch(/--png: .*add --out DIR/);
    const sweep = await cli("run", "examples/interface-3d-fig3-sweep.yaml");
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toMatch(
      /has a sweep block; run it with `anodefree sweep examples\/interface-3d-fig3-sweep\.yaml`/,
    );
  });
});

describe("anodefree sweep (one process)", () => {
  it("runs every point, resumes from stored points, and refuses a folder it did not write", async () => {
    const file = scenarioIn(
      work,
      "sweep.yaml",
      "study: alloy-film\nsweep:\n  over:\n    film.thickness: [2 um, 5 um]\n",
    );
    const out = join(work, "sweep-one");
    const first = await cli("sweep", file, "--out", out, "--json", "--jobs", "1");
    expect(first.code, first.stderr).toBe(0);
    const points = JSON.parse(first.stdout);
    const single = runScenario({ study: "alloy-film", params: { film: { thickness: "5 um" } } });
    expect(points[1].metrics).toEqual(JSON.parse(JSON.stringify(single.metrics)));
    expect((await cli("sweep", file, "--out", out, "--jobs", "1")).stdout).toMatch(/2 points, 2 reused/);
    expect((await cli("sweep", file, "--out", out, "--overwrite", "--jobs", "1")).stdout).toMatch(
      /2 points, 0 reused/,
    );

    const foreign = join(work, "my-sweep-notes");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "notes.txt"), "mine");
    const refused = await cli("sweep", file, "--out", foreign);
    expect(refused.code).toBe(2);
    expect(readdirSync(foreign)).toEqual(["notes.txt"]);
  });

  it("refuses a sweep with a bad point or mismatched zip lists before running anything", async () => {
    const bad = scenarioIn(
      work,
      "bad-sweep.yaml",
      "study: alloy-film\nsweep:\n  over:\n    film.thickness: [5 um, -1 um]\n",
    );
    const out = join(work, "bad-sweep");
    const run = await cli("sweep", bad, "--out", out);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /sweep point 1 \(film\.thickness = "-1 um"\): params\.film\.thickness: expected a positive/,
    );
    expect(existsSync(out)).toBe(false);
    const zip = scenarioIn(
      work,
      "zip-sweep.yaml",
      "study: alloy-film\nsweep:\n  mode: zip\n  over:\n    film.thickness: [5 um]\n    currentDensity: [1 A/m^2, 2 A/m^2]\n",
    );
    expect((await cli("sweep", zip)).stderr).toMatch(
      /sweep\.over: zip needs lists of equal length, got 1, 2/,
    );
  });
});

describe("anodefree studies, describe, reproduce", () => {
  it("lists the studies within 100 columns", async () => {
    const run = await cli({ columns: 200 }, "studies");
    expect(run.stdout).toMatch(/alloy-film\s+Li diffusion/);
    const widest = Math.max(...run.stdout.split("\n").map((line) => line.length));
    expect(widest).toBeLessThanOrEqual(100);
  });

  it("describes a study as a parameter table, and as JSON Schema with --json", async () => {
    const table = await cli({ columns: 120 }, "describe", "interface-2d");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^layer\.thickness\s+10 um\s+m \(e\.g\. 5 um\)\s+layer thickness H/m);
    // Each variant of a discriminated union is listed with its tag; the default variant shows defaults.
    expect(table.stdout).toMatch(/^collector\.kinetics\{type: linear\}\.asr\s+2 ohm\*cm\^2/m);
    expect(table.stdout).toMatch(/^layer\.inclusions\[\]\.radius\s/m);
    expect(Math.max(...table.stdout.split("\n").map((line) => line.length))).toBeLessThanOrEqual(120);
    const schema = JSON.parse((await cli("describe", "alloy-film", "--json")).stdout);
    expect(schema.properties.currentDensity).toMatchObject({ unit: "A/m^2", default: "1 mA/cm^2" });
  });

  it("prints the reproduction table within the terminal width, numbered notes below, progress on stderr", async () => {
    const run = await cli({ columns: 80 }, "reproduce", "alloy-film/capacity");
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0].split(/\s{2,}/)).toEqual([
      "id",
      "quantity",
      "paper",
      "ours",
      "tolerance",
      "verdict",
    ]);
    expect(Math.max(...run.stdout.split("\n").map((line) => line.length))).toBeLessThanOrEqual(80);
    expect(run.stderr).toMatch(/^reproduce 1\/1: alloy-film\/capacity$/m);
    // The measured Li thicknesses differ from dense-Li theory: their notes are numbered below the table.
    expect(run.stdout).toMatch(/differs \[1\]/);
    expect(run.stdout).toMatch(/^\[1\] capacity, Li thickness of 1 mAh\/cm² \(measured/m);
  });
});
