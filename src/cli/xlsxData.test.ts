import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import writeExcelFile, { type SheetData } from "write-excel-file/node";
import { parseDuration } from "../cell/data/cells.js";
import type { ColumnRule } from "../cell/data/columns.js";
import { CYCLE_STEP_RULES, streamCellColumns } from "../cell/data/stream.js";
import { readImpedance } from "../cell/eis/readers/index.js";
import { readDataLines, readLinesSync } from "./lines.js";
import { cli, scenarioIn } from "./testing.js";

/**
 * There is no real .xlsx export among the fixtures, so the workbooks are made here from the real
 * CSV exports (../shared/data/cell), shaped as Arbin and Neware write them, and read back through
 * the CLI's reader: the CSV and the workbook of the same data must give the same SI values.
 */
const CELL = resolve("../shared/data/cell");
const work = mkdtempSync(join(tmpdir(), "anodefree-xlsx-test-"));

const FIELDS: ColumnRule[] = [
  ...[
    ["time", "s"],
    ["current", "A"],
    ["voltage", "V"],
    ["capacity", "C"],
    ["chargeCapacity", "C"],
    ["dischargeCapacity", "C"],
  ].map(([field, siUnit]) => ({ field, siUnit, aliases: [], required: false })),
  ...CYCLE_STEP_RULES,
];

/** Every row of a file in SI, field by field, with the reader's summary. */
function load(lines: Iterable<string>, file: string) {
  const rows: number[][] = [];
  const summary = streamCellColumns(lines, { file }, FIELDS, (v) => rows.push([...v]));
  return { rows, summary };
}

const csvRows = (path: string) =>
  readFileSync(path, "utf8")
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(","));
const number = (text: string) => (text === "" ? null : Number(text));

/** Arbin's .xlsx headers carry their units, where BEEP's CSV fixtures have none. */
const ARBIN_XLSX_HEADER: Record<string, string> = {
  Test_Time: "Test_Time(s)",
  DateTime: "Date_Time",
  Step_Time: "Step_Time(s)",
  Current: "Current(A)",
  Voltage: "Voltage(V)",
  Charge_Capacity: "Charge_Capacity(Ah)",
  Discharge_Capacity: "Discharge_Capacity(Ah)",
  Charge_Energy: "Charge_Energy(Wh)",
  Discharge_Energy: "Discharge_Energy(Wh)",
  "dV/dt": "dV/dt(V/s)",
  Internal_Resistance: "Internal_Resistance(Ohm)",
};

/** Global_Info, Channel_1-008 (every row) and Statistics_1-008 (each step's last row, the same columns). */
async function arbinWorkbook(csv: string, file: string, statisticsFirst = false): Promise<string> {
  const [header, ...rows] = csvRows(csv);
  const dateColumn = header.indexOf("DateTime");
  const step = header.indexOf("Step_Index");
  const data: SheetData = [
    header.map((h) => ARBIN_XLSX_HEADER[h] ?? h),
    ...rows.map((cells) =>
      cells.map((cell, k) =>
        k === dateColumn
          ? { value: new Date(Number(cell) * 1000), type: Date, format: "yyyy-mm-dd hh:mm:ss" }
          : number(cell),
      ),
    ),
  ];
  const statistics = [data[0], ...data.slice(1).filter((_, k) => rows[k + 1]?.[step] !== rows[k][step])];
  const sheets = [
    { sheet: "Global_Info", data: [["TEST REPORT"], ["Channel", "Schedule"], [8, "fixture.sdx"]] },
    { sheet: "Channel_1-008", data },
    { sheet: "Statistics_1-008", data: statistics },
  ];
  if (statisticsFirst) sheets.reverse();
  const path = join(work, file);
  await writeExcelFile(sheets as Parameters<typeof writeExcelFile>[0]).toFile(path);
  return path;
}

/** Info, Cycle and Record, the record's times as Excel durations ([h]:mm:ss), its dates as dates. */
async function newareWorkbook(file: string): Promise<string> {
  const [header, ...rows] = csvRows(`${CELL}/neware/neware_uio.csv`);
  const durations = ["Time", "Cumulative Time"].map((h) => header.indexOf(h));
  const date = header.indexOf("Date");
  const record: SheetData = [
    header,
    ...rows.map((cells) =>
      cells.map((cell, k) => {
        if (durations.includes(k))
          return { value: parseDuration(cell) / 86400, type: Number, format: "[h]:mm:ss" };
        if (k === date)
          return { value: new Date(`${cell.replace(" ", "T")}Z`), type: Date, format: "yyyy-mm-dd hh:mm:ss" };
        return Number.isNaN(Number(cell)) ? cell : number(cell);
      }),
    ),
  ];
  const path = join(work, file);
  await writeExcelFile([
    {
      sheet: "Info",
      data: [
        ["Unit", "Channel"],
        ["neware", 1],
      ],
    },
    {
      sheet: "Cycle",
      data: [
        ["Cycle Index", "Chg. Cap.(Ah)", "DChg. Cap.(Ah)"],
        [1, 0.001, 0.0009],
      ],
    },
    { sheet: "Record", data: record },
  ] as Parameters<typeof writeExcelFile>[0]).toFile(path);
  return path;
}

const paths: Record<string, string> = {};
beforeAll(async () => {
  paths.fast = await arbinWorkbook(`${CELL}/arbin/FastCharge_000025_CH8.csv`, "fast.xlsx");
  paths.contact = await arbinWorkbook(
    `${CELL}/arbin/2017-05-09_test-TC-contact_CH33.csv`,
    "contact.xlsx",
    true,
  );
  paths.neware = await newareWorkbook("neware.xlsx");
  await writeExcelFile([
    { sheet: "Notes", data: [["made by hand"]] },
    {
      sheet: "Data",
      data: [
        ["t", "I", "U"],
        [0, 1, 2],
      ],
    },
  ] as Parameters<typeof writeExcelFile>[0]).toFile(join(work, "unknown.xlsx"));
  // EC-Lab's PEIS columns, as a lab would paste them into a one-sheet workbook.
  const peis: number[][] = [];
  const eisRules = ["frequency", "real", "negativeImaginary"].map((field) => ({
    field,
    siUnit: field === "frequency" ? "Hz" : "ohm",
    aliases: [],
    required: true,
  }));
  streamCellColumns(readLinesSync(`${CELL}/biologic/peis.mpt`), { file: "peis.mpt" }, eisRules, (v) =>
    peis.push([...v]),
  );
  paths.peis = join(work, "peis.xlsx");
  await writeExcelFile([["freq/Hz", "Re(Z)/Ohm", "-Im(Z)/Ohm"], ...peis]).toFile(paths.peis);
  const good = readFileSync(paths.fast);
  writeFileSync(join(work, "truncated.xlsx"), good.subarray(0, good.length >> 1));
  writeFileSync(
    join(work, "legacy.xls"),
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
  );
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("an .xlsx export reads as its CSV export does", () => {
  it.each([
    ["fast", "FastCharge_000025_CH8.csv"],
    ["contact", "2017-05-09_test-TC-contact_CH33.csv"],
  ])("Arbin (%s): the Channel sheet, whatever the sheet order, gives the CSV's SI columns", (key, csv) => {
    const notes: string[] = [];
    const xlsx = load(
      readDataLines(paths[key], "params.data.file", `${key}.xlsx`, (n) => notes.push(n)),
      key,
    );
    const text = load(readLinesSync(`${CELL}/arbin/${csv}`), csv);
    expect(xlsx.summary.layout).toBe("arbin");
    expect(xlsx.rows.length).toBe(text.rows.length);
    expect(xlsx.rows).toEqual(text.rows);
    expect(notes).toEqual([
      `params.data.file: ${key}.xlsx: read sheet "Channel_1-008" (arbin layout) of the workbook's sheets ${
        key === "contact"
          ? '"Statistics_1-008", "Channel_1-008", "Global_Info"'
          : '"Global_Info", "Channel_1-008", "Statistics_1-008"'
      }`,
    ]);
    // Units now come from the workbook's headers, not from Arbin's convention.
    expect(xlsx.summary.columns.time).toMatchObject({ header: "Test_Time/s", unitFrom: "header" });
  });

  it("Neware: the Record sheet; date-typed durations give the CSV's hh:mm:ss seconds to 1 ms", () => {
    const xlsx = load(readDataLines(paths.neware, "f", "neware.xlsx"), "neware.xlsx");
    const text = load(readLinesSync(`${CELL}/neware/neware_uio.csv`), "neware_uio.csv");
    expect(xlsx.summary.layout).toBe("neware");
    expect(xlsx.rows.length).toBe(9065);
    const time = FIELDS.findIndex((f) => f.field === "time");
    const worst = Math.max(...xlsx.rows.map((row, k) => Math.abs(row[time] - text.rows[k][time])));
    expect(worst).toBeLessThanOrEqual(1e-3);
    expect(text.rows.at(-1)?.[time]).toBe(144 * 3600 + 2 * 60 + 18);
    const others = (rows: number[][]) => rows.map((row) => row.filter((_, k) => k !== time));
    expect(others(xlsx.rows)).toEqual(others(text.rows));
  });

  it("an impedance spectrum in a one-sheet workbook reads as the EC-Lab export it came from", () => {
    const xlsx = readImpedance(readDataLines(paths.peis), { file: "peis.xlsx" });
    const mpt = readImpedance(readLinesSync(`${CELL}/biologic/peis.mpt`), { file: "peis.mpt" });
    expect(xlsx.layout).toBe("headed-csv");
    expect(xlsx.spectrum.frequency_Hz.length).toBeGreaterThan(10);
    expect(xlsx.spectrum).toEqual(mpt.spectrum);
    expect(xlsx.warnings).toEqual([]);
  });

  it("leaves no temporary files behind", () => {
    const before = readdirSync(tmpdir()).filter(
      (f) => f.startsWith("anodefree-xlsx-") && !f.includes("test"),
    );
    for (const _ of readDataLines(paths.fast)) break;
    const after = readdirSync(tmpdir()).filter((f) => f.startsWith("anodefree-xlsx-") && !f.includes("test"));
    expect(after.filter((f) => !before.includes(f))).toEqual([]);
  });
});

describe("anodefree run on a workbook", () => {
  const scenario = (file: string) =>
    scenarioIn(work, `${file}.yaml`, `study: cycling\nparams:\n  data:\n    file: ${file}\n`);

  it("cycling of the Neware workbook: the CSV's result, and a warning naming the sheet read", async () => {
    const csvScenario = scenarioIn(
      work,
      "csv.yaml",
      `study: cycling\nparams:\n  data:\n    file: ${CELL}/neware/neware_uio.csv\n`,
    );
    const [fromXlsx, fromCsv] = [
      await cli("run", scenario("neware.xlsx"), "--json"),
      await cli("run", csvScenario, "--json"),
    ];
    expect(fromXlsx.code, fromXlsx.stderr).toBe(0);
    expect(fromCsv.code, fromCsv.stderr).toBe(0);
    const [x, c] = [JSON.parse(fromXlsx.stdout), JSON.parse(fromCsv.stdout)];
    expect(x.metrics.cycleCount).toBeGreaterThan(1);
    expect(x.metrics).toEqual(c.metrics);
    expect(x.series.cycles).toEqual(c.series.cycles);
    const note =
      'params.data.file: neware.xlsx: read sheet "Record" (neware layout) of the workbook\'s sheets "Info", "Cycle", "Record"';
    expect(x.warnings).toEqual([note, ...(c.warnings ?? [])]);
    expect(fromXlsx.stderr).toContain(`warning: ${note}`);
  }, 120_000);

  it("a workbook with no known header: exit 2, each sheet's first line and the layouts we know", async () => {
    const run = await cli("run", scenario("unknown.xlsx"));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /params\.data\.file: unknown\.xlsx: no sheet of this workbook has the header of a cycler export we know; its sheets' first lines are "Notes": "made by hand"; "Data": "t,I,U"\. Known layouts: .*arbin: /,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("a truncated workbook and a legacy .xls: exit 2 naming the file", async () => {
    const truncated = await cli("run", scenario("truncated.xlsx"));
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toMatch(
      /params\.data\.file: cannot read Excel workbook "truncated\.xlsx" \(resolved to .*truncated\.xlsx\): not a readable \.xlsx workbook: its zip archive is truncated or corrupt/,
    );
    expect(truncated.stderr).not.toMatch(/\n\s+at /);
    const legacy = await cli("run", scenario("legacy.xls"));
    expect(legacy.code).toBe(2);
    expect(legacy.stderr).toMatch(
      /cannot read data file "legacy\.xls" .*: a legacy \.xls workbook \(Excel 97-2003\)/,
    );
  }, 60_000);
});
