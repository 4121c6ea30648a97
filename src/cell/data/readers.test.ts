import { describe, expect, it } from "vitest";
import { readLinesSync } from "../../cli/lines.js";
import { inputErrorMessage } from "../../testing/inputErrorMessage.js";
import { parseDuration } from "./cells.js";
import type { ColumnRule } from "./columns.js";
import { CYCLE_STEP_RULES, streamCellColumns } from "./stream.js";
import { parseHeader, readTable } from "./tabular.js";

/** Real exports from public projects (../shared/data/README.md); never copied into the repository. */
const CELL = "../shared/data/cell";

const rule = (field: string, siUnit: string): ColumnRule => ({ field, siUnit, aliases: [], required: false });
const FIELDS = [
  rule("time", "s"),
  rule("current", "A"),
  rule("voltage", "V"),
  rule("capacity", "C"),
  rule("chargeCapacity", "C"),
  rule("dischargeCapacity", "C"),
  ...CYCLE_STEP_RULES,
];

type Row = Record<string, number> & { line: number };

/** Every row of a file with default settings (no column map, no units), keyed by field. */
function load(path: string, lines: Iterable<string> = readLinesSync(`${CELL}/${path}`)): Row[] {
  const rows: Row[] = [];
  streamCellColumns(lines, { file: path }, FIELDS, (values, line) => {
    const row = { line } as Row;
    FIELDS.forEach((f, k) => {
      row[f.field] = values[k];
    });
    rows.push(row);
  });
  return rows;
}

const layoutOf = (path: string) =>
  readTable(readLinesSync(`${CELL}/${path}`), undefined, { source: path }).format;

const messageOf = inputErrorMessage;

const AH = 3600;

describe("real cycler exports load with default settings, in SI", () => {
  it("Arbin CSV: Test_Time s, Current A, Voltage V, capacities Ah; empty Cycle_Index cells stay NaN", () => {
    expect(layoutOf("arbin/2017-05-09_test-TC-contact_CH33.csv")).toBe("arbin");
    const rows = load("arbin/2017-05-09_test-TC-contact_CH33.csv");
    expect(rows).toHaveLength(287);
    // line 2: 0,0.0,1494377253.17,,,,6.600444793701172,3.298668384552002,0.0051783411763608456,0.0,...
    expect(rows[0]).toMatchObject({
      line: 2,
      time: 0,
      current: 6.600444793701172,
      voltage: 3.298668384552002,
    });
    expect(rows[0].chargeCapacity).toBeCloseTo(0.0051783411763608456 * AH, 12);
    expect(rows[0].cycle).toBeNaN();
    expect(rows[0].step).toBeNaN();

    const fast = load("arbin/FastCharge_000025_CH8.csv");
    // line 2: 0,10.0024,1494645243.4715,10.0024,0.0,0.0,0.0,3.3011441,...
    expect(fast[0]).toMatchObject({
      line: 2,
      time: 10.0024,
      current: 0,
      voltage: 3.3011441,
      cycle: 0,
      step: 0,
    });
  });

  it("Maccor CSV as structured by BEEP: signed current, cycle_index and step_index", () => {
    const path = "maccor/BEEPDatapath_maccor_paused_memloaded.csv";
    expect(layoutOf(path)).toBe("beep");
    const [first] = load(path);
    // line 2: 0,249791,37,44,769267.25,14.25,...,-4.840009,3.8682384,D,...,0.0,0.0191579754,...
    expect(first).toMatchObject({ line: 2, time: 769267.25, current: -4.840009, voltage: 3.8682384 });
    expect(first).toMatchObject({ cycle: 37, step: 44 });
    expect(first.dischargeCapacity).toBeCloseTo(0.0191579754 * AH, 10);
  });

  it("Maccor raw text: finds the header below the preamble, reads `0d 00:00:01.0000` times", () => {
    const path = "maccor/maccor_test_file_4267-66-6519.041";
    expect(layoutOf(path)).toBe("maccor");
    const rows = load(path);
    // line 3: 1	0	1	  0d 00:00:00.0000	...	0.0000000000	3.90806439	R ...
    expect(rows[0]).toMatchObject({ line: 3, time: 0, current: 0, voltage: 3.90806439, cycle: 0, step: 1 });
    // line 4:   0d 00:00:01.0000, 3.91096361 V
    expect(rows[1]).toMatchObject({ line: 4, time: 1, voltage: 3.91096361 });
    expect(rows.at(-1)).toMatchObject({ line: 76, time: 10, step: 3 });
  });

  it("Neware CSV: cumulative `hh:mm:ss` time beyond 24 h, not the step time; discharge negative", () => {
    const path = "neware/neware_uio.csv";
    expect(layoutOf(path)).toBe("neware");
    const rows = load(path);
    expect(rows[0]).toMatchObject({ line: 2, time: 0, current: 0, voltage: 2.917, cycle: 1, step: 1 });
    // line 723: 722,1,2,CC DChg,00:00:00,12:00:00,-0.00024859,2.8804,...
    expect(rows.find((r) => r.line === 723)).toMatchObject({
      time: 12 * 3600,
      current: -0.00024859,
      step: 2,
    });
    // line 9066: 9065,4,13,CC Chg,01:27:00,144:02:18,0.00099171,0.4251,0.00143796,...
    const last = rows.at(-1) as Row;
    expect(last).toMatchObject({ line: 9066, time: 144 * 3600 + 2 * 60 + 18, current: 0.00099171, cycle: 4 });
    expect(last.capacity).toBeCloseTo(0.00143796 * AH, 12);
  });

  it("EC-Lab .mpt of CA, CP, OCV, PEIS and ZIR: mA to A, `cycle number` and `Ns`", () => {
    const ca = load("biologic/ca.mpt");
    // line 66: ... 1.088742284907824E+005	3.0000624E-001	1.4643160E-001	1.8604061E-002 (time/s, control/V, Ewe/V, I/mA)
    expect(ca[0]).toMatchObject({
      line: 66,
      time: 1.088742284907824e5,
      voltage: 0.1464316,
      cycle: 0,
      step: 0,
    });
    expect(ca[0].current).toBeCloseTo(1.8604061e-5, 15);
    const cp = load("biologic/cp.mpt");
    // line 58: <Ewe>/V -3.2463198, I/mA -9.9888000E+001
    expect(cp[0]).toMatchObject({ line: 58, time: 3.283641917048226e2, voltage: -3.2463198 });
    expect(cp[0].current).toBeCloseTo(-0.099888, 12);
    const ocv = load("biologic/ocv.mpt");
    expect(ocv[0]).toMatchObject({ line: 50, time: 0, voltage: 0.25594452 });
    expect(ocv[0].current).toBeNaN();
    expect(load("biologic/peis.mpt")[0]).toMatchObject({ line: 69, cycle: 1 });
    expect(load("biologic/zir.mpt")).toHaveLength(1);

    const spectrum: number[][] = [];
    const eis = [rule("frequency", "Hz"), rule("real", "ohm"), rule("negativeImaginary", "ohm")];
    streamCellColumns(readLinesSync(`${CELL}/biologic/peis.mpt`), { file: "peis.mpt" }, eis, (v) =>
      spectrum.push([...v]),
    );
    // line 69: 1.9999814E+005	1.0512296E+001	7.3047662E-001
    expect(spectrum[0]).toEqual([1.9999814e5, 1.0512296e1, 7.3047662e-1]);
  });

  it("an empty .mpt and a wait step without rows say there are no data rows", () => {
    expect(messageOf(() => load("biologic/noData.mpt"))).toMatch(
      /noData\.mpt: the file is empty: no header line and no data rows/,
    );
    expect(messageOf(() => load("biologic/wait.mpt"))).toMatch(
      /wait\.mpt: no data rows below the header \(line 51\)/,
    );
  });
});

describe("layouts the fixtures lack, written as their documentation describes them", () => {
  it("BDF: units from the header, `Cycle Count / 1` and `Step Index / 1`", () => {
    const rows = load("bdf.csv", [
      "Test Time / h,Current / mA,Voltage / V,Cycle Count / 1,Step Index / 1,Charging Capacity / mAh",
      "0.5,-2,3.1,1,4,1.5",
    ]);
    expect(rows[0]).toMatchObject({ time: 1800, current: -2e-3, voltage: 3.1, cycle: 1, step: 4 });
    expect(rows[0].chargeCapacity).toBeCloseTo(1.5 * 3.6, 12);
  });

  it("Maccor: unsigned Amps signed by State (D discharge negative, C charge positive)", () => {
    const rows = load("m.txt", [
      "Today's Date 03/07/2018  Date of Test:	11/02/2016",
      "Rec#	Cyc#	Step	TestTime	StepTime	Amp-hr	Watt-hr	Amps	Volts	State",
      "1	1	2	  0d 23:59:59.5000	  0d 00:00:00.0000	0.1	0.3	1.5	3.9	D",
      "2	1	3	  1d 00:00:00.5000	  0d 00:00:00.0000	0.0	0.0	1.5	3.9	C",
    ]);
    expect(rows.map((r) => [r.time, r.current])).toEqual([
      [86399.5, -1.5],
      [86400.5, 1.5],
    ]);
  });

  it("says where each unit came from: header, cycler convention, or assumed SI", () => {
    const arbin = streamCellColumns(
      readLinesSync(`${CELL}/arbin/FastCharge_000025_CH8.csv`),
      { file: "a" },
      FIELDS,
      () => {},
    );
    expect(arbin.layout).toBe("arbin");
    expect(arbin.columns.current).toMatchObject({ header: "Current", unitFrom: "cycler", factor: 1 });
    const plain = [
      { field: "time", siUnit: "s", aliases: ["t"], required: true },
      { field: "current", siUnit: "A", aliases: ["i"], required: true },
    ];
    const read = streamCellColumns(["t / h,i", "1,2"], { file: "p.csv", units: {} }, plain, () => {});
    expect(read.columns.time).toMatchObject({ unitFrom: "header", factor: 3600 });
    expect(read.columns.current).toMatchObject({ unitFrom: "assumed", factor: 1 });
  });

  it("Arbin's newer `Test Time (s)` / `Current (A)` headers, Neware's `Total Time(h:min:s.ms)` in `d-hh:mm:ss`", () => {
    const arbin = load("a.csv", [
      "Data Point,Test Time (s),Current (mA),Voltage (V),Cycle Index,Step Index",
      "1,2,-3,4,5,6",
    ]);
    expect(arbin[0]).toMatchObject({ time: 2, current: -3e-3, voltage: 4, cycle: 5, step: 6 });
    const neware = load("n.csv", [
      "Record ID,Cycle Index,Step Index,Step Type,Total Time(h:min:s.ms),Current(mA),Voltage(V)",
      "1,1,1,CC DChg,1-02:03:04.500,-2,3",
    ]);
    expect(neware[0]).toMatchObject({ time: 86400 + 2 * 3600 + 3 * 60 + 4.5, current: -2e-3, voltage: 3 });
    expect(parseDuration("1-02:03:04")).toBe(86400 + 2 * 3600 + 3 * 60 + 4);
    expect(parseDuration("2022-05-18 16:27:52")).toBeNaN();
  });
});

describe("header units", () => {
  it("a bracket after Re, Im, Phase is the function's argument, not a unit", () => {
    expect(parseHeader("Re(Z)")).toEqual({ name: "Re(Z)" });
    expect(parseHeader("-Im(Z)")).toEqual({ name: "-Im(Z)" });
    expect(parseHeader("Re(Z)/Ohm")).toEqual({ name: "Re(Z)", unit: "Ohm" });
    expect(parseHeader("-Im(Z)/Ohm")).toEqual({ name: "-Im(Z)", unit: "Ohm" });
    expect(parseHeader("Re(Z) (mOhm)")).toEqual({ name: "Re(Z)", unit: "mOhm" });
    expect(parseHeader("Phase(Z)/deg")).toEqual({ name: "Phase(Z)", unit: "deg" });
    expect(parseHeader("Tan(Delta)")).toEqual({ name: "Tan(Delta)" });
    // Names that only end in the same letters keep their unit.
    expect(parseHeader("Current(A)")).toEqual({ name: "Current", unit: "A" });
    expect(parseHeader("Trim(V)")).toEqual({ name: "Trim", unit: "V" });
  });

  it("unit-less Re(Z), -Im(Z) columns take the scenario's unit", () => {
    const eis = [rule("frequency", "Hz"), rule("real", "ohm"), rule("negativeImaginary", "ohm")];
    eis[0].aliases = ["freq"];
    eis[1].aliases = ["re(z)"];
    eis[2].aliases = ["-im(z)"];
    const rows: number[][] = [];
    const read = streamCellColumns(
      ["freq/Hz,Re(Z),-Im(Z)", "1000,250,40"],
      { file: "z.csv", units: { real: "mohm", negativeImaginary: "mohm" } },
      eis,
      (v) => rows.push([...v]),
    );
    expect(rows).toEqual([[1000, 0.25, 0.04]]);
    expect(read.columns.real).toMatchObject({ header: "Re(Z)", unitFrom: "scenario" });
  });
});

describe("bad input names the file, the line and the column", () => {
  const header = "Test Time / s,Current / A,Voltage / V";

  it("a UTF-16 export", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${header}\n0,1,2\n`, "utf16le")]);
    const lines = new TextDecoder("utf-8").decode(bytes).split("\n");
    expect(messageOf(() => load("u.csv", lines))).toMatch(/u\.csv, line 1: .*UTF-16.*re-save it as UTF-8/);
  });

  it("a truncated last line", () => {
    expect(messageOf(() => load("t.csv", [header, "0,1,2", "1,1"]))).toMatch(
      /t\.csv, line 3: expected 3 values, got 2 \(the last line is cut short: is the file truncated\?\)/,
    );
  });

  it("mixed decimal separators", () => {
    const lines = ["Test Time / s\tCurrent / A\tVoltage / V", "0\t1,5\t2,0", "1\t1.5\t2.0"];
    expect(messageOf(() => load("d.txt", lines))).toMatch(
      /d\.txt, line 3, column "Current\/A": decimal point in "1\.5", but line 2 uses a decimal comma/,
    );
    expect(messageOf(() => load("c.csv", [header, "0,1.5,2", "1,1,5,2"]))).toMatch(
      /c\.csv, line 3: expected 3 values, got 4 \(a decimal comma in a comma-separated file\?\)/,
    );
  });

  it("a duplicated header line (two exports joined)", () => {
    expect(messageOf(() => load("j.csv", [header, "0,1,2", header, "1,1,2"]))).toMatch(
      /j\.csv, line 3: repeats the header line of line 1/,
    );
  });

  it("text in a number column, e.g. a Neware time the reader cannot parse", () => {
    const neware = "DataPoint,Cycle Index,Step Index,Step Type,Time,Cumulative Time,Current(A),Voltage(V)";
    expect(messageOf(() => load("n.csv", [neware, "1,1,1,Rest,00:00:00,0:00:xx,0,2.9"]))).toMatch(
      /n\.csv, line 2, column "Cumulative Time": "0:00:xx" is not a number/,
    );
  });

  it("no current column, and a layout we do not know", () => {
    const required = [
      { field: "time", siUnit: "s", aliases: ["test time", "time"], required: true },
      { field: "current", siUnit: "A", aliases: ["current"], required: true },
    ];
    const noCurrent = messageOf(() =>
      streamCellColumns(["Test Time / s,Voltage / V", "0,3"], { file: "v.csv" }, required, () => {}),
    );
    expect(noCurrent).toMatch(/v\.csv, line 1: no current column/);
    expect(noCurrent).toMatch(/the header is "Test Time \/ s,Voltage \/ V"/);
    const unknown = messageOf(() =>
      streamCellColumns(["Zeit;Strom;Spannung", "0;1;2"], { file: "x.csv" }, required, () => {}),
    );
    expect(unknown).toMatch(
      /x\.csv, line 1: no time column \(read as csv;.*the header is "Zeit;Strom;Spannung"/,
    );
    for (const layout of ["arbin", "maccor", "neware", "bdf", "biologic-mpt", "beep"]) {
      expect(unknown).toContain(`${layout}: `);
    }
  });
});
