import { inputError } from "../../errors.js";
import { findHeader, type Layout } from "./layouts.js";
import { type ColumnHeader, unitFactor } from "./tabular.js";

export interface ColumnRule {
  field: string;
  siUnit: string;
  /** Header names recognised without a column map (lower case, unit stripped). */
  aliases: string[];
  required: boolean;
}

export interface ResolvedColumn {
  index: number;
  factor: number;
  /** Where the unit came from; "assumed" means none was given and the values are taken as SI. */
  unitFrom: "header" | "scenario" | "cycler" | "assumed";
}

/**
 * Finds each wanted column in a header: by the user's column map, else by the file's layout
 * (layouts.ts), else by the rule's aliases. The unit comes from the header, else from `units`, else
 * from the unit the layout's cycler writes; a header unit and a scenario unit at once must agree.
 * `unknown` words the error for a required field found nowhere.
 */
export function resolveColumns(
  headers: ColumnHeader[],
  rules: ColumnRule[],
  columnMap: Record<string, string> = {},
  units: Record<string, string> = {},
  layout?: Layout,
  unknown?: (rule: ColumnRule) => Error,
): Record<string, ResolvedColumn | undefined> {
  const names = headers.map((h) => h.name.toLowerCase());
  const resolved: Record<string, ResolvedColumn | undefined> = {};
  for (const rule of rules) {
    const wanted = columnMap[rule.field];
    let index: number;
    if (wanted !== undefined) {
      index = headers.findIndex(
        (h) => h.name === wanted || `${h.name} / ${h.unit}` === wanted || `${h.name}/${h.unit}` === wanted,
      );
      if (index < 0) {
        throw inputError(
          `data.columns.${rule.field}`,
          `unknown column "${wanted}"; the file has ${headers.map((h) => (h.unit ? `${h.name} / ${h.unit}` : h.name)).join(", ")}`,
        );
      }
    } else {
      const known = layout?.fields[rule.field as keyof Layout["fields"]];
      index = known ? findHeader(headers, known.names) : -1;
      if (index < 0) index = names.findIndex((n) => rule.aliases.includes(n));
      if (index < 0) {
        if (rule.required) {
          if (unknown) throw unknown(rule);
          throw inputError(
            "data.columns",
            `no ${rule.field} column found (looked for ${rule.aliases.join(", ")}); name it in data.columns.${rule.field}`,
          );
        }
        resolved[rule.field] = undefined;
        continue;
      }
    }
    const header = headers[index];
    const given = units[rule.field];
    if (
      header.unit &&
      given &&
      unitFactor(header.unit, rule.siUnit, `data.units.${rule.field}`) !==
        unitFactor(given, rule.siUnit, `data.units.${rule.field}`)
    ) {
      throw inputError(
        `data.units.${rule.field}`,
        `mixed units: the header says "${header.unit}", the scenario says "${given}"`,
      );
    }
    const cyclerUnit = layout?.fields[rule.field as keyof Layout["fields"]];
    const unitText =
      header.unit ??
      given ??
      (cyclerUnit && findHeader(headers, cyclerUnit.names) === index ? cyclerUnit.unit : undefined);
    resolved[rule.field] = {
      index,
      factor: unitText ? unitFactor(unitText, rule.siUnit, `data.units.${rule.field}`) : 1,
      unitFrom: header.unit ? "header" : given ? "scenario" : unitText ? "cycler" : "assumed",
    };
  }
  return resolved;
}
