import { readFileSync } from "node:fs";
import readXlsxFile from "read-excel-file/universal";
import { describe, expect, it } from "vitest";
import writeExcelFile, { type SheetData } from "write-excel-file/universal";
import { InputError } from "../../src/index.js";
import { pickedFilesReader } from "./lines.js";
import { readWorkbooks, type WorkbookSheets, workbookKind } from "./workbooks.js";

/**
 * The worker's workbook path, run in Node through read-excel-file's universal entry (the page
 * loads its web-worker entry, the same reader without a thread of its own): a workbook made from
 * the real Neware export (../shared/data) must give the lines of its data sheet, tab-separated.
 */
const NEWARE = "../shared/data/cell/neware/neware_uio.csv";
const [header, ...rows] = readFileSync(NEWARE, "utf8")
  .trim()
  .split(/\r?\n/)
  .slice(0, 41)
  .map((l) => l.split(","));
const readUniversal = async (file: Blob) => (await readXlsxFile(file)) as WorkbookSheets;

async function workbook(name: string, sheets: { sheet: string; data: SheetData }[]): Promise<File> {
  const blob = await writeExcelFile(sheets as Parameters<typeof writeExcelFile>[0]).toBlob();
  return new File([blob], name);
}

const refusal = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems[0];
  }
  throw new Error("expected a refusal");
};

describe("picked workbooks", () => {
  it("reads the data sheet (not the summary sheet) and names it in a note", async () => {
    const file = await workbook("cell.xlsx", [
      {
        sheet: "Info",
        data: [
          ["Channel", "Barcode"],
          ["8", "X1"],
        ],
      },
      { sheet: "Record", data: [header, ...rows] },
    ]);
    const notes: string[] = [];
    const read = pickedFilesReader([file], await readWorkbooks([file], readUniversal), (n) => notes.push(n));
    const lines = [...read("data/cell.xlsx", "params.data.file")];
    expect(lines.map((line) => line.split("\t"))).toEqual([header, ...rows]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^params\.data\.file: data\/cell\.xlsx: read sheet "Record" \(neware layout\)/);
  });

  it("tells workbooks from text by their first bytes, and words what cannot be read", async () => {
    const csv = new File([readFileSync(NEWARE)], "cell.csv");
    const legacy = new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])], "old.xls");
    const broken = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])], "broken.xlsx");
    expect(await Promise.all([csv, legacy, broken].map(workbookKind))).toEqual([undefined, "xls", "xlsx"]);
    const workbooks = await readWorkbooks([csv, legacy, broken], readUniversal);
    expect(workbooks.has(csv)).toBe(false);
    const read = pickedFilesReader([csv, legacy, broken], workbooks);
    expect(refusal(() => read("old.xls", "params.data.file"))).toEqual({
      path: "params.data.file",
      message:
        'cannot read data file "old.xls": a legacy .xls workbook (Excel 97-2003); save it as .xlsx or CSV',
    });
    expect(refusal(() => read("broken.xlsx", "f")).message).toMatch(
      /^cannot read Excel workbook "broken\.xlsx": /,
    );
  });
});
