import { inputError } from "../../errors.js";
import { type ColumnRule, type ResolvedColumn, resolveColumns } from "./columns.js";
import { knownLayoutsText, type LayoutId } from "./layouts.js";
import { headerName, readTable, type TableFormat } from "./tabular.js";

export interface CellFile {
  /** The file as named in messages. */
  file: string;
  format?: TableFormat;
  /** canonical field -> column header */
  columns?: Record<string, string>;
  /** canonical field -> unit, for headers without units */
  units?: Record<string, string>;
  /** Scenario path of the file, for InputError. */
  field?: string;
}

/**
 * The file's own cycle and step counters, as the cycler numbers them (Arbin `Cycle_Index`,
 * Maccor `Cyc#`, Neware `Cycle Index`, BDF `Cycle Count`, EC-Lab `cycle number` and `Ns`). Add
 * them to a rule list to receive them; NaN where the file has none.
 */
export const CYCLE_STEP_RULES: ColumnRule[] = [
  {
    field: "cycle",
    siUnit: "",
    aliases: ["cycle", "cycle index", "cycle number", "cycle count"],
    required: false,
  },
  { field: "step", siUnit: "", aliases: ["step", "step index"], required: false },
];

/** How a file was read: its layout and, per field, the column used and where its unit came from. */
export interface ReadSummary {
  layout: LayoutId;
  headerLine: number;
  columns: Record<string, (ResolvedColumn & { header: string }) | undefined>;
}

/**
 * Streams the rows of a cycler or impedance export as SI values of the requested fields, in rule
 * order (NaN for optional fields the file lacks). `onRow` gets a reused array: copy what you keep.
 * The summary lets a study warn about a guessed unit.
 */
export function streamCellColumns(
  lines: Iterable<string>,
  source: CellFile,
  rules: ColumnRule[],
  onRow: (values: Float64Array, line: number) => void,
): ReadSummary {
  const field = source.field ?? "data";
  const table = readTable(lines, source.format, { source: source.file, field });
  const noColumn = (rule: ColumnRule) =>
    inputError(
      field,
      `${source.file}, line ${table.headerLine}: no ${rule.field} column (read as ${table.layout.id}; ` +
        `looked for ${rule.aliases.join(", ")}); the header is "${table.headerText.slice(0, 300)}". ` +
        `Known layouts: ${knownLayoutsText()}. Or name the column in data.columns.${rule.field}`,
    );
  const columns = resolveColumns(table.headers, rules, source.columns, source.units, table.layout, noColumn);
  const resolved = rules.map((r) => columns[r.field]);
  const wanted = resolved.flatMap((c) => (c ? [c.index] : []));
  const out = new Float64Array(rules.length);
  for (const { values, line } of table.rows(wanted)) {
    for (let k = 0; k < resolved.length; k++) {
      const column = resolved[k];
      out[k] = column ? values[column.index] * column.factor : Number.NaN;
      if (column && rules[k].required && Number.isNaN(out[k])) {
        throw inputError(
          field,
          `${source.file}, line ${line}, column "${headerName(table.headers[column.index])}": empty ${rules[k].field} cell`,
        );
      }
    }
    onRow(out, line);
  }
  const described = Object.entries(columns).map(([name, c]) => [
    name,
    c && { ...c, header: headerName(table.headers[c.index]) },
  ]);
  return { layout: table.format, headerLine: table.headerLine, columns: Object.fromEntries(described) };
}
