import { inputError } from "../../../errors.js";
import { unitFactor } from "../../data/tabular.js";
import type { SpectrumCollector, SpectrumSource } from "./collect.js";
import type { LineSource } from "./lineSource.js";
import { collectRows } from "./rows.js";

/**
 * Gamry Framework's `.DTA` text (EXPLAIN format, experiments EISPOT and EISGALV). The impedance is
 * the `ZCURVE TABLE`: a row of names (`Pt Time Freq Zreal Zimag Zsig Zmod Zphz ...`), a row of units
 * (`# s Hz ohm ohm V ohm ° ...`), then one tab-indented row per frequency; Zimag is Im(Z). Layout as
 * shown in mikexstudios/impconv's README and read by impedance.py's `readGamry`.
 */
export function collectGamry(source: LineSource, file: SpectrumSource, collector: SpectrumCollector): void {
  const fail = (message: string) => inputError(file.field, `${file.file}${message}`);
  const start = source.find((text) => /^ZCURVE\s+TABLE/.test(text));
  if (!start) {
    const tag = source.find((text) => /^TAG\s/.test(text), 1, 64)?.text.split(/\s+/)[1];
    throw fail(
      `: a Gamry .DTA file${tag ? ` of experiment ${tag}` : ""} with no "ZCURVE TABLE" (no impedance in it)`,
    );
  }
  const names = source
    .at(start.line + 1)
    ?.text.split("\t")
    .map((n) => n.trim());
  const units = source
    .at(start.line + 2)
    ?.text.split("\t")
    .map((u) => u.trim());
  if (!names || !units) throw fail(`, line ${start.line}: the file ends inside the ZCURVE header`);
  const columns = (["Freq", "Zreal", "Zimag"] as const).map((name, k) => {
    const index = names.indexOf(name);
    if (index < 0) {
      throw fail(
        `, line ${start.line + 1}: no ${name} column in the ZCURVE table (it has ${names.join(" ")})`,
      );
    }
    const unit = units[index] ?? "";
    let factor: number;
    try {
      factor = unitFactor(unit, k === 0 ? "Hz" : "ohm", file.field);
    } catch {
      throw fail(
        `, line ${start.line + 2}, column "${name}": unit "${unit}" is not a unit of ${k === 0 ? "Hz" : "ohm"}`,
      );
    }
    return { index, name, factor };
  });
  const rows = (function* () {
    for (const row of source.lines()) {
      if (row.line <= start.line + 2) continue;
      // The table ends at the first line that is not tab-indented: the next section of the file.
      if (!/^\s/.test(row.text) || row.text.trim() === "") return;
      yield row;
    }
  })();
  // The names row starts with a tab (an empty first name); the rows, trimmed, do not.
  collectRows(
    rows,
    { delimiter: "\t", columns: columns.map((c) => ({ ...c, index: c.index - 1 })) },
    file,
    collector,
  );
}
