import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../studies/index.js";
import { runAnodefree } from "../../testing/anodefreeProcess.js";
import { VERSION } from "../../version.js";
import { linesRelativeTo } from "../lines.js";
import { cli, scenarioIn } from "../testing.js";
import { canonicalJson } from "./canonicalJson.js";
import { dataFileFinder, sha256 } from "./dataFiles.js";
import { keyPoint } from "./pointKey.js";

const work = mkdtempSync(join(tmpdir(), "anodefree-sweep-"));
const stored = (out: string) => readdirSync(join(out, "points")).filter((f) => f.endsWith(".json"));

describe("point keys", () => {
  it("canonical JSON does not depend on key order, and tells different values apart", () => {
    expect(canonicalJson({ b: [1, { y: 2, x: 1 }], a: "s" })).toBe(
      canonicalJson({ a: "s", b: [1, { x: 1, y: 2 }] }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 1.0000001 }));
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it("are one key for equal validated scenarios (units or SI), another for another value or version", () => {
    const key = (thickness: unknown) =>
      keyPoint({ study: "alloy-film", params: { film: { thickness } } }, []).key;
    expect(key("2 um")).toBe(key(2e-6));
    expect(key("2 um")).not.toBe(key("3 um"));
    expect(key("2 um")).toMatch(/^[0-9a-f]{64}$/);
    // The version is part of what is hashed: the key is the sha256 of the canonical JSON.
    expect(canonicalJson({ version: VERSION })).toContain(VERSION);
  });

  it("follow a data file's content, not its name or folder", async () => {
    const folder = mkdtempSync(join(work, "files-"));
    const scenarioFile = join(folder, "s.yaml");
    const source = fileURLToPath(new URL("../../../examples/data/halfcell-bdf.csv", import.meta.url));
    copyFileSync(source, join(folder, "a.csv"));
    copyFileSync(source, join(folder, "b.csv"));
    const keyOf = async (file: string) => {
      const scenario = { study: "cycling", params: { area: "1 cm^2", data: { file } } };
      return keyPoint(scenario, await dataFileFinder(scenarioFile)(scenario.params));
    };
    const a = await keyOf("a.csv");
    expect(a.files.map((f) => f.hash)).toEqual([sha256(readFileSync(source))]);
    expect(a.portable).toMatchObject({ params: { data: { file: `${a.files[0].hash}/a.csv` } } });
    expect((await keyOf("b.csv")).key).not.toBe(a.key); // another file name travels with the job
    expect((await keyOf("./a.csv")).key).toBe(a.key);
    writeFileSync(join(folder, "a.csv"), `${readFileSync(source, "utf8")}\n`);
    const changed = await dataFileFinder(scenarioFile)({ data: { file: "a.csv" } });
    expect(changed[0].hash).not.toBe(a.files[0].hash);
  });
});

// The sweeps on the pool run the bundled CLI as a process: its compute processes are bundled too,
// where the CLI in-process would start them through tsx (~2 s of processor time each).
describe("anodefree sweep on the local pool", () => {
  it("--dry-run prints every point with its key and runs nothing; a repeated point is one key", async () => {
    const file = scenarioIn(
      work,
      "dry.yaml",
      "study: alloy-film\nsweep:\n  over:\n    film.thickness: [2 um, 3 um, 2 um]\n",
    );
    const out = join(work, "dry");
    const run = await cli("sweep", file, "--out", out, "--dry-run");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/3 points, 2 distinct \(dry run, nothing ran\)/);
    expect(existsSync(out)).toBe(false);
    const json = JSON.parse((await cli("sweep", file, "--dry-run", "--json")).stdout);
    expect(json.map((p: { point: number }) => p.point)).toEqual([0, 1, 2]);
    expect(json[2].key).toBe(json[0].key);
    expect(json[1].key).not.toBe(json[0].key);
  });

  it("finishes points of tenfold different cost on two processes; a rerun recomputes only the changed point", async () => {
    const sweep = (cells: string) =>
      `study: alloy-film\nparams:\n  numerics: { timeSteps: 200 }\nsweep:\n  over:\n    numerics.cells: [${cells}]\n    film.thickness: [2 um, 4 um]\n`;
    const file = scenarioIn(work, "uneven.yaml", sweep("40, 400, 60, 80"));
    const out = join(work, "uneven");
    const first = await runAnodefree(["sweep", file, "--out", out, "--jobs", "2", "--json"]);
    expect(first.code, first.stderr).toBe(0);
    const points = JSON.parse(first.stdout);
    // In the sweep's order (the last axis fastest), whichever process finished first.
    expect(points.map((p: Record<string, unknown>) => [p["numerics.cells"], p["film.thickness"]])).toEqual(
      [40, 400, 60, 80].flatMap((cells) => [
        [cells, "2 um"],
        [cells, "4 um"],
      ]),
    );
    // Each point equals a single run of its values (the eight are cheap: 200 time steps).
    for (const point of points) {
      const single = runScenario({
        study: "alloy-film",
        params: {
          numerics: { timeSteps: 200, cells: point["numerics.cells"] },
          film: { thickness: point["film.thickness"] },
        },
      });
      expect(point.metrics).toEqual(JSON.parse(JSON.stringify(single.metrics)));
    }
    expect(readFileSync(join(out, "sweep.csv"), "utf8").split("\n")[0]).toMatch(
      /^point,numerics\.cells,film\.thickness,saturationTime_s/,
    );
    // One result per point, named by the point's key (a sha256); no temporary file left.
    expect(stored(out).filter((f) => /^[0-9a-f]{64}\.json$/.test(f))).toHaveLength(8);
    expect(readdirSync(out).filter((f) => f.includes(".tmp-"))).toEqual([]);
    const before = new Map(stored(out).map((f) => [f, readFileSync(join(out, "points", f), "utf8")]));

    scenarioIn(work, "uneven.yaml", sweep("40, 400, 60, 100"));
    // The rerun checks what is reused, which is decided before any point runs: in this process, its
    // two cheap points one after the other (no CLI and compute processes to start).
    const second = await cli("sweep", file, "--out", out, "--jobs", "1");
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/8 points, 6 reused/);
    expect(stored(out)).toHaveLength(10);
    // The reused results were not written again.
    for (const [name, text] of before) expect(readFileSync(join(out, "points", name), "utf8")).toBe(text);
  });

  it("reports a bad-input point once with exit 2 and keeps the others' results", async () => {
    const folder = mkdtempSync(join(work, "bad-"));
    copyFileSync(
      fileURLToPath(new URL("../../../examples/data/halfcell-bdf.csv", import.meta.url)),
      join(folder, "halfcell-bdf.csv"),
    );
    writeFileSync(join(folder, "broken.csv"), "Test Time / s,Voltage / V\n0,3.1\n");
    const file = scenarioIn(
      folder,
      "cycling.yaml",
      "study: cycling\nparams:\n  area: 1 cm^2\nsweep:\n  over:\n    data.file: [broken.csv, halfcell-bdf.csv]\n",
    );
    const out = join(folder, "out");
    const run = await runAnodefree(["sweep", file, "--out", out, "--jobs", "2"]);
    expect(run.code).toBe(2);
    const errors = run.stderr.split("\n").filter((line) => line.startsWith("error: sweep point"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^error: sweep point 0 \(data\.file = "broken\.csv"\): bad input: params\.data\.file: /,
    );
    expect(run.stderr).toMatch(/1 of 2 points failed; the other results are kept in .*points/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const [kept] = stored(out).map((f) => JSON.parse(readFileSync(join(out, "points", f), "utf8")));
    const here = runScenario(
      { study: "cycling", params: { area: "1 cm^2", data: { file: "halfcell-bdf.csv" } } },
      { readLines: linesRelativeTo(file) },
    );
    expect(kept.result.metrics).toEqual(JSON.parse(JSON.stringify(here.metrics)));
    const csv = readFileSync(join(out, "sweep.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toMatch(/,error$/);
    expect(csv[1]).toMatch(/^0,broken\.csv,.*no current column/);
    expect(existsSync(join(out, "index.html"))).toBe(false);
  });
});
