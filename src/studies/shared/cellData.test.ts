import { describe, expect, it } from "vitest";
import { linesRelativeTo } from "../../cli/lines.js";
import { InputError } from "../../errors.js";
import { runScenario } from "../index.js";

/** Scenario files would sit in the repository root; the real exports are in ../shared/data/cell. */
const readLines = linesRelativeTo("scenario.yaml");
const CELL = "../shared/data/cell";

describe("the cell studies read real cycler exports end to end with default settings", () => {
  it("cycling and ccd-ramp stream every row of a Neware export (9065 rows below its header)", () => {
    for (const study of ["cycling", "ccd-ramp"]) {
      const result = runScenario(
        { study, params: { data: { file: `${CELL}/neware/neware_uio.csv` } } },
        { readLines },
      );
      expect(result.diagnostics.rows).toBe(9065);
    }
  });

  it("an empty EC-Lab export is refused at params.data.file with 'no data rows'", () => {
    const run = () =>
      runScenario(
        { study: "cycling", params: { data: { file: `${CELL}/biologic/noData.mpt` } } },
        { readLines },
      );
    expect(run).toThrow(InputError);
    expect(run).toThrow(
      /params\.data\.file: .*noData\.mpt: the file is empty: no header line and no data rows/,
    );
  });
});
