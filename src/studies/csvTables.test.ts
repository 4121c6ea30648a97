import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { resolveCsvTables } from "./csvTables.js";

/** A reader over in-memory files, recording which field asked for which file. */
function memoryReader(files: Record<string, string>) {
  const asked: [string, string][] = [];
  const read = (file: string, field: string) => {
    asked.push([file, field]);
    if (!(file in files)) throw new InputError([{ path: field, message: `no ${file}` }]);
    return files[file].split("\n");
  };
  return { read, asked };
}

const refusal = (value: unknown, files: Record<string, string>) => {
  try {
    resolveCsvTables(value, memoryReader(files).read);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems[0];
  }
  throw new Error("expected a refusal");
};

describe("resolveCsvTables", () => {
  const scenario = (csv: unknown) => ({ params: { collector: { profile: { csv } }, tips: [{ csv }] } });

  it("turns each row into quantity strings with the header's units, at every { csv } in the tree", () => {
    const { read, asked } = memoryReader({
      "p.csv": "\uFEFF# measured\nx / um, height / um,label\n\n0,1.5,a\n2, 3 ,b\n",
    });
    const rows = [
      { x: "0 um", height: "1.5 um", label: "a" },
      { x: "2 um", height: "3 um", label: "b" },
    ];
    expect(resolveCsvTables(scenario("p.csv"), read)).toEqual({
      params: { collector: { profile: rows }, tips: [rows] },
    });
    expect(asked).toEqual([
      ["p.csv", "params.collector.profile.csv"],
      ["p.csv", "params.tips[0].csv"],
    ]);
  });

  it("leaves a value that is not a lone csv key alone", () => {
    const value = { a: { csv: "x.csv", other: 1 }, b: [1, "two", null] };
    expect(resolveCsvTables(value, memoryReader({}).read)).toEqual(value);
  });

  it("names the file's own line (comments and blank lines counted) when a row has the wrong length", () => {
    const problem = refusal(scenario("p.csv"), { "p.csv": "x / um,h / um\n# note\n\n0,1\n2\n" });
    expect(problem).toEqual({
      path: "params.collector.profile.csv",
      message: "p.csv line 5: expected 2 values, got 1",
    });
  });

  it("refuses a header without rows, text that is not CSV, and a file name that is not a string", () => {
    expect(refusal(scenario("h.csv"), { "h.csv": "x / um\n" }).message).toBe(
      "h.csv needs a header line and at least one row",
    );
    expect(refusal(scenario("q.csv"), { "q.csv": 'x\n"open\n' }).message).toMatch(
      /^q\.csv is not valid CSV: /,
    );
    expect(refusal(scenario(3), {})).toEqual({
      path: "params.collector.profile.csv",
      message: "expected a CSV file name, got 3",
    });
  });

  it("passes the reader's own refusal through, at the csv field", () => {
    expect(refusal(scenario("gone.csv"), {})).toEqual({
      path: "params.collector.profile.csv",
      message: "no gone.csv",
    });
  });
});
