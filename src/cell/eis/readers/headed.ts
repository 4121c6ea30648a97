import { inputError } from "../../../errors.js";
import type { CellFile } from "../../data/stream.js";
import { streamCellColumns } from "../../data/stream.js";
import { type ColumnHeader, headerName, unitFactor } from "../../data/tabular.js";
import type { ReadWarning, SpectrumCollector } from "./collect.js";
import { IMPEDANCE_RULES } from "./layouts.js";

const ruleOf = (field: string) => IMPEDANCE_RULES.find((r) => r.field === field);

/** The header names a field is found under without a column map (lower case, unit stripped). */
const aliasIndex = (headers: ColumnHeader[], field: string) =>
  headers.findIndex((h) => ruleOf(field)?.aliases.includes(h.name.trim().toLowerCase()));

/**
 * Checks a header before any row is read, so the message can name the file, the header line and the
 * column: an impedance unit that is not a resistance (or a frequency unit that is not one), and a
 * table with no imaginary part at all.
 */
export function checkImpedanceHeader(
  headers: ColumnHeader[],
  source: CellFile & { field: string },
  line: number,
): void {
  const where = `${source.file}, line ${line}`;
  for (const rule of IMPEDANCE_RULES) {
    const index = aliasIndex(headers, rule.field);
    const unit = headers[index]?.unit;
    if (index < 0 || !unit || source.columns?.[rule.field]) continue;
    try {
      unitFactor(unit, rule.siUnit, source.field);
    } catch {
      throw inputError(
        source.field,
        `${where}, column "${headerName(headers[index])}": unit "${unit}" is not a unit of ${rule.siUnit}`,
      );
    }
  }
  const mapped = source.columns?.imaginary ?? source.columns?.negativeImaginary;
  if (!mapped && aliasIndex(headers, "imaginary") < 0 && aliasIndex(headers, "negativeImaginary") < 0) {
    throw inputError(
      source.field,
      `${where}: no imaginary-impedance column (looked for ${[
        ...(ruleOf("imaginary")?.aliases ?? []),
        ...(ruleOf("negativeImaginary")?.aliases ?? []),
      ].join(", ")}); the header has ${headers.map(headerName).join(", ")}. ` +
        "Or name it in data.columns.imaginary or data.columns.negativeImaginary",
    );
  }
}

/** Our own series name their unit in a suffix (`frequency_Hz`, `real_ohm`): not a guess. */
const SI_SUFFIX = /_(hz|ohm)$/i;

/**
 * Streams a table whose header names its columns (the cycler reader layer, src/cell/data) into the
 * collector. Z'' is taken from an Im(Z) column, else negated from a -Im(Z) column (EC-Lab writes that).
 * Returns a warning for each column read as SI only because nothing named its unit.
 */
export function collectHeadedTable(
  lines: Iterable<string>,
  source: CellFile & { field: string },
  collector: SpectrumCollector,
): ReadWarning[] {
  const summary = streamCellColumns(lines, source, IMPEDANCE_RULES, (v, line) => {
    collector.add(v[0], v[1], Number.isNaN(v[2]) ? -v[3] : v[2], line);
  });
  return Object.entries(summary.columns).flatMap(([field, column]) =>
    column?.unitFrom === "assumed" && !SI_SUFFIX.test(column.header)
      ? [
          {
            about: `units.${field}` as const,
            message: `unit guessed; column "${column.header}" of ${source.file} names none and is read as ${ruleOf(field)?.siUnit}`,
          },
        ]
      : [],
  );
}
