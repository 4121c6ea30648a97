import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { runScenario } from "../studies/index.js";
import { linesRelativeTo } from "./lines.js";
import { resolveCsvTables } from "./tables.js";

const work = mkdtempSync(join(tmpdir(), "anodefree-data-files-"));
const scenarioPath = join(work, "scenario.yaml");
writeFileSync(join(work, "plain.txt"), "not a directory\n");

/** The problems with which a run is refused, as the CLI would print them (exit code 2). */
function refusal(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(2);
    return (error as InputError).problems;
  }
  throw new Error("expected the run to be refused");
}

const run = (study: string, params: Record<string, unknown>) => () =>
  runScenario({ study, params }, { readLines: linesRelativeTo(scenarioPath) });

const tdbAt = (tdb: string) => run("lithiation-potential", { system: { tdb, metal: "XX" } });

describe("a data file that cannot be read is reported at the field that names it", () => {
  const structure = { energy: "-1 eV", poscarFile: "absent.vasp" };
  const ce = { lattice: { type: "bcc" } };
  const cube = [
    [2, 0, 0],
    [0, 2, 0],
    [0, 0, 2],
  ];
  it.each([
    ["lithiation-potential", "params.system.tdb", { system: { tdb: "absent.tdb", metal: "XX" } }],
    ["cycling", "params.data.file", { data: { file: "absent.csv" } }],
    ["ccd-ramp", "params.data.file", { data: { file: "absent.csv" } }],
    ["eis-fit", "params.data.file", { data: { file: "absent.csv" } }],
    ["ce-fit", "params.structuresFile", { ...ce, structuresFile: "absent.json" }],
    ["ce-fit", "params.structuresCsv", { ...ce, structuresCsv: "absent.csv" }],
    ["ce-fit", "params.structures[0].poscarFile", { ...ce, structures: Array(5).fill(structure) }],
    [
      "ce-free-energy",
      "params.phases[0].expansionFile",
      { phases: [{ name: "BCC", supercell: cube, compositions: [0, 0.5, 1], expansionFile: "absent.json" }] },
    ],
  ])("%s: at %s", (study, field, params) => {
    const [problem] = refusal(run(study, params));
    expect(problem.path).toBe(field);
    expect(problem.message).toMatch(/^cannot read data file "absent\.\w+" \(resolved to .*\): no such file$/);
    expect(problem.message).toContain(join(work, "absent"));
  });

  it("reports a broken statement of a TDB file at params.system.tdb, with the file and line", () => {
    writeFileSync(join(work, "broken.tdb"), "ELEMENT LI BCC_A2 6.94 0 0 !\nPHASE SOLN % 1 1\n");
    const [problem] = refusal(tdbAt("broken.tdb"));
    expect(problem).toEqual({
      path: "params.system.tdb",
      message: 'broken.tdb: line 2: statement not closed with "!"',
    });
  });
});

describe("file-system problems of data files are input errors in words", () => {
  it("a directory where a file should be", () => {
    mkdirSync(join(work, "folder.tdb"));
    const [problem] = refusal(tdbAt("folder.tdb"));
    expect(problem.path).toBe("params.system.tdb");
    expect(problem.message).toBe(
      `cannot read data file "folder.tdb" (resolved to ${join(work, "folder.tdb")}): is a directory, expected a file`,
    );
  });

  it("a file where a directory of the path should be", () => {
    const [problem] = refusal(tdbAt("plain.txt/inner.tdb"));
    expect(problem.message).toMatch(
      /"plain\.txt\/inner\.tdb" .*: a part of the path is a file, not a directory$/,
    );
  });

  it.skipIf(process.getuid?.() === 0)(
    "a file without read permission (skipped as root, who may read it)",
    () => {
      writeFileSync(join(work, "locked.tdb"), "ELEMENT LI BCC_A2 6.94 0 0 !\n");
      chmodSync(join(work, "locked.tdb"), 0o000);
      const [problem] = refusal(tdbAt("locked.tdb"));
      expect(problem.message).toMatch(/"locked\.tdb" .*: permission denied$/);
    },
  );

  it("an absolute path is named once", () => {
    const absolute = join(work, "nowhere.tdb");
    const [problem] = refusal(tdbAt(absolute));
    expect(problem.message).toBe(`cannot read data file ${JSON.stringify(absolute)}: no such file`);
  });
});

describe("CSV tables standing in for a field", () => {
  const profile = (csv: string) => ({ study: "interface-2d", params: { collector: { profile: { csv } } } });
  const tableRefusal = async (csv: string) => {
    const error = await resolveCsvTables(profile(csv), scenarioPath).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  };

  it.each([
    ["absent.csv", "no such file"],
    ["plain.txt/inner.csv", "a part of the path is a file, not a directory"],
  ])("%s: %s, at the csv field", async (csv, cause) => {
    const [problem] = await tableRefusal(csv);
    expect(problem.path).toBe("params.collector.profile.csv");
    expect(problem.message).toBe(`cannot read CSV file "${csv}" (resolved to ${join(work, csv)}): ${cause}`);
  });

  it("a directory where the CSV file should be", async () => {
    mkdirSync(join(work, "folder.csv"));
    const [problem] = await tableRefusal("folder.csv");
    expect(problem.message).toMatch(/"folder\.csv" .*: is a directory, expected a file$/);
  });
});
