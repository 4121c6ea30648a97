/**
 * What an input shows for a value and the value an edit writes back. Edits never judge the value: a
 * wrong unit or a word in a number box goes into the scenario as typed, and the CLI's validator (run by
 * the page) says what is wrong with it, at that field.
 */

/** A quantity split for a number box and a unit box; `separator` keeps "10um" and "10 um" as written. */
export interface QuantityInput {
  value: string;
  unit: string;
  separator: string;
}

const NUMBER_THEN_REST = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(\s*)(.*?)\s*$/;

export function quantityToInput(value: unknown): QuantityInput {
  if (value === undefined || value === null) return { value: "", unit: "", separator: " " };
  if (typeof value === "number") return { value: String(value), unit: "", separator: " " };
  const text = String(value);
  const match = NUMBER_THEN_REST.exec(text);
  if (!match) return { value: text, unit: "", separator: " " };
  return { value: match[1], unit: match[3], separator: match[3] === "" ? " " : match[2] };
}

/**
 * "<value> <unit>" as the CLI reads it; without a unit a number stays a bare number, which the CLI
 * takes as SI (src/units/quantity.ts).
 */
export function quantityFromInput(input: QuantityInput): unknown {
  const value = input.value.trim();
  const unit = input.unit.trim();
  // The unit box starts filled with the usual unit, so an empty number box alone means unset.
  if (value === "") return undefined;
  if (unit === "") return numberOrText(value);
  return `${value}${input.separator}${unit}`;
}

/** A number when the text is one, else the text itself, for the validator to name. */
export function numberOrText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) && !/^0[xob]/i.test(trimmed) ? number : trimmed;
}

export function textToString(text: string): string | undefined {
  return text === "" ? undefined : text;
}

export function valueToText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** How a default or an option reads in the form (objects compact, one line). */
export function display(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value)
    .replace(/"([^"]*)"/g, "$1")
    .replace(/,/g, ", ")
    .replace(/:/g, ": ");
}
