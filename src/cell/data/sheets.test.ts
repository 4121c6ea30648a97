import { describe, expect, it } from "vitest";
import { InputError } from "../../errors.js";
import { parseCell } from "./cells.js";
import { cellText, chooseDataSheet, sheetRowLine } from "./sheets.js";

const ARBIN = "Data_Point\tTest_Time(s)\tStep_Index\tCycle_Index\tCurrent(A)\tVoltage(V)";
const NEWARE = "DataPoint\tCycle Index\tStep Index\tStep Type\tTime\tCumulative Time\tCurrent(A)\tVoltage(V)";

/** Excel's serial days as the library hands them over: days since 30 Dec 1899, as a UTC Date. */
const excelDate = (days: number) => new Date(Date.UTC(1899, 11, 30) + days * 86400e3);

describe("cells as the text a CSV export holds", () => {
  it("numbers round-trip exactly; empty cells are empty; tabs and line breaks in text become spaces", () => {
    for (const x of [0.1 + 0.2, -4.840009, 1e-300, 6.600444793701172, 2 ** 53]) {
      expect(Number(cellText(x))).toBe(x);
    }
    expect(cellText(null)).toBe("");
    expect(cellText(true)).toBe("TRUE");
    expect(sheetRowLine(["CC\tChg", 1, null, "a\r\nb"])).toBe("CC Chg\t1\t\ta b");
  });

  it("a date-typed duration is its seconds: 144:02:18 as Excel stores it is 518538 s", () => {
    const seconds = 144 * 3600 + 2 * 60 + 18;
    expect(Number(cellText(excelDate(seconds / 86400)))).toBeCloseTo(seconds, 6);
    expect(Number(cellText(excelDate(10.5 / 86400)))).toBeCloseTo(10.5, 6);
    expect(parseCell(cellText(excelDate(0)), ".")).toBe(0);
  });

  it("a date after 1970 stays a date (text the readers leave aside, as in a Neware CSV)", () => {
    const text = cellText(new Date(Date.UTC(2022, 4, 18, 16, 27, 52)));
    expect(text).toBe("2022-05-18 16:27:52.000");
    expect(parseCell(text, ".")).toBeUndefined();
  });
});

describe("the sheet that holds the data", () => {
  const sheet = (name: string, ...lines: string[]) => ({ name, lines });

  it("is the sheet with a known header, wherever it is; the note names it and every sheet", () => {
    const choice = chooseDataSheet(
      [
        sheet("Global_Info", "TEST REPORT", "Channel\tStart DateTime"),
        sheet("Channel_1-008", ARBIN, "1\t0\t1\t1\t0\t3"),
      ],
      "run.xlsx",
      "params.data.file",
    );
    expect(choice).toMatchObject({ index: 1, layout: "arbin" });
    expect(choice.note).toBe(
      'run.xlsx: read sheet "Channel_1-008" (arbin layout) of the workbook\'s sheets "Global_Info", "Channel_1-008"',
    );
  });

  it("a summary sheet with the same columns (Arbin Statistics, Neware Step) comes after the record sheet", () => {
    const arbin = chooseDataSheet(
      [sheet("Statistics_1-008", ARBIN), sheet("Channel_1-008", ARBIN)],
      "a.xlsx",
      "f",
    );
    expect(arbin.index).toBe(1);
    const neware = chooseDataSheet(
      [sheet("Info", "Unit", "x"), sheet("Step", NEWARE), sheet("Record", NEWARE)],
      "n.xlsx",
      "f",
    );
    expect(neware).toMatchObject({ index: 2, layout: "neware" });
  });

  it("finds a header below a preamble; says when a second channel was left unread", () => {
    const choice = chooseDataSheet(
      [sheet("Channel_1-008", "exported by MITS", "", ARBIN), sheet("Channel_1-009", ARBIN)],
      "two.xlsx",
      "f",
    );
    expect(choice.index).toBe(0);
    expect(choice.note).toMatch(/"Channel_1-009" also holds arbin data and was not read/);
  });

  it("a one-sheet workbook is passed on as it is, with no note", () => {
    expect(
      chooseDataSheet([sheet("Sheet1", "frequency_Hz\treal_ohm\timaginary_ohm")], "z.xlsx", "f"),
    ).toEqual({
      index: 0,
    });
    expect(chooseDataSheet([sheet("Sheet1", ARBIN)], "a.xlsx", "f")).toEqual({ index: 0, layout: "arbin" });
  });

  it("no known header in a several-sheet workbook: each sheet's first line and the layouts we know", () => {
    let error: unknown;
    try {
      chooseDataSheet(
        [sheet("Notes", "", "made by hand"), sheet("Data", "t\tI\tU"), sheet("Empty")],
        "x.xlsx",
        "f",
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^f: x\.xlsx: no sheet of this workbook has the header of a cycler export we know/,
    );
    expect(message).toContain('"Notes": "made by hand"; "Data": "t,I,U"; "Empty": (empty)');
    for (const layout of ["arbin", "maccor", "neware", "bdf", "beep"])
      expect(message).toContain(`${layout}: `);
  });
});
