import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CyclingAnalyser } from "../../cell/cycling/analyse.js";
import { CYCLE_STEP_RULES, streamCellColumns } from "../../cell/data/stream.js";
import { linesRelativeTo } from "../../cli/lines.js";
import { runScenario } from "../index.js";
import { CYCLER_COLUMNS } from "../shared/cellData.js";

const CELL = "../shared/data/cell";
const fromRepo = linesRelativeTo("scenario.yaml");

/** Runs `cycling` on CSV text held in memory. */
function runOnText(text: string, params: Record<string, unknown> = {}) {
  return runScenario(
    { study: "cycling", params: { data: { file: "trace.csv" }, ...params } },
    { readLines: () => text.split("\n") },
  );
}

/** The distinct values of one CSV column among rows whose current has each sign (read here, not by us). */
function cyclesWithBothSigns(path: string, cycleHeader: string, currentHeader: string): number[] {
  const [header, ...rows] = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const names = header.split(",");
  const c = names.indexOf(cycleHeader);
  const i = names.indexOf(currentHeader);
  const signs = new Map<number, Set<number>>();
  for (const row of rows) {
    const cells = row.split(",");
    const current = Number(cells[i]);
    if (Math.abs(current) <= 1e-9) continue;
    const cycle = Number(cells[c]);
    signs.set(cycle, (signs.get(cycle) ?? new Set()).add(Math.sign(current)));
  }
  return [...signs].filter(([, s]) => s.size === 2).map(([cycle]) => cycle);
}

describe("cycles are the file's own when it numbers them", () => {
  it("Neware: the cycles are the file's Cycle Index values that hold both current signs", () => {
    const file = `${CELL}/neware/neware_uio.csv`;
    const result = runScenario({ study: "cycling", params: { data: { file } } }, { readLines: fromRepo });
    const expected = cyclesWithBothSigns(file, "Cycle Index", "Current(A)");
    expect(expected.length).toBeGreaterThan(1);
    expect(result.metrics.cycleSource).toBe("file cycle column");
    expect(result.series.cycles.cycle).toEqual(expected);
    expect(result.metrics.cycleCount).toBe(expected.length);
  });

  it("Maccor: every current step carries the file's cycle_index", () => {
    const file = `${CELL}/maccor/BEEPDatapath_maccor_paused_memloaded.csv`;
    const analyser = new CyclingAnalyser({
      area_m2: 1,
      platingSign: 1,
      zeroCurrent_A: 1e-9,
      shortRatio: 0.25,
      dropThreshold_V: 0.002,
      traceLimit: 4000,
    });
    const rules = [...CYCLER_COLUMNS, ...CYCLE_STEP_RULES];
    streamCellColumns(fromRepo(file), { file }, rules, (v, line) =>
      analyser.push(v[0], v[1], v[2], line, v[3]),
    );
    const [header, ...rows] = readFileSync(file, "utf8").trim().split(/\r?\n/);
    const column = header.split(",").indexOf("cycle_index");
    const inFile = new Set(rows.map((r) => Number(r.split(",")[column])));
    const steps = analyser.finish().steps.filter((s) => s.kind !== "rest");
    expect(steps.length).toBeGreaterThan(0);
    expect(new Set(steps.map((s) => s.cycle))).toEqual(inFile);
  });
});

describe("the cycling result warns about what is implausible or guessed", () => {
  const header = "time / s,current / A,voltage / V";
  const rows = (list: number[][]) => [header, ...list.map((r) => r.join(","))].join("\n");

  it("a Coulombic efficiency above 105% and time going backwards", () => {
    const text = rows([
      [0, -1e-3, -0.05],
      [3600, -1e-3, -0.05],
      [3601, 1e-3, 0.05],
      [7201, 1e-3, 0.05],
      [7202, -1e-3, -0.05],
      [10802, -1e-3, -0.05],
      // The clock restarts: 5000 s of stripping after it, 139% of the plated charge.
      [0, 1e-3, 0.05],
      [5000, 1e-3, 0.05],
    ]);
    const result = runOnText(text, { platingCurrent: "negative" });
    const warnings = (result.warnings ?? []).join("\n");
    expect(warnings).toMatch(/time goes backwards 1 time\(s\), first at line 8/);
    expect(warnings).toMatch(/Coulombic efficiency outside 0-105% in cycle\(s\) 2 \(cycle 2: 138\.9%\)/);
    expect(warnings).not.toMatch(/sign convention guessed|unit guessed/);
    expect(result.series.cycles.coulombicEfficiency[0]).toBeCloseTo(1, 12);
  });

  it("units taken as SI and a sign convention taken from the cell type are named", () => {
    const text = "time,current,voltage\n0,-1e-3,-0.05\n100,-1e-3,-0.05\n101,1e-3,0.05\n200,1e-3,0.05\n";
    const warnings = (runOnText(text).warnings ?? []).join("\n");
    for (const field of ["time", "current", "voltage"])
      expect(warnings).toMatch(new RegExp(`params\\.data\\.units\\.${field}: unit guessed`));
    expect(warnings).toMatch(/params\.platingCurrent: current sign convention guessed/);
  });
});

describe("dQ/dV and voltage-capacity series of the study", () => {
  it("dQ/dV per area integrates to each half cycle's capacity", () => {
    const result = runScenario({
      study: "cycling",
      params: { data: { synthetic: { cycles: 3, cell: { sampleInterval: "20 s" } } }, dqdvBinWidth: "2 mV" },
    });
    const { cycle, plating, differentialCapacity_C_m2_V } = result.series.differentialCapacity;
    const cycles = result.series.cycles;
    cycles.cycle.forEach((n, k) => {
      for (const [half, capacity] of [
        [1, cycles.platedCapacity_C_m2[k]],
        [0, cycles.strippedCapacity_C_m2[k]],
      ]) {
        const integral = differentialCapacity_C_m2_V.reduce(
          (s, d, j) => (cycle[j] === n && plating[j] === half ? s + d * 0.002 : s),
          0,
        );
        expect(integral / capacity).toBeCloseTo(1, 9);
      }
    });
    expect(new Set(result.series.voltageCapacity.cycle)).toEqual(new Set(cycles.cycle));
  });
});

describe("ccd-ramp reports the same reading warnings", () => {
  it("time going backwards and units taken as SI", () => {
    const text = "time,current,voltage\n0,-1e-3,-0.05\n100,-1e-3,-0.05\n50,1e-3,0.05\n150,1e-3,0.05\n";
    const result = runScenario(
      { study: "ccd-ramp", params: { data: { file: "ramp.csv" } } },
      { readLines: () => text.split("\n") },
    );
    const warnings = (result.warnings ?? []).join("\n");
    expect(warnings).toMatch(/time goes backwards 1 time\(s\), first at line 4 \(by 50 s\)/);
    expect(warnings).toMatch(/params\.data\.units\.current: unit guessed/);
  });
});
