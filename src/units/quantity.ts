import type { Unit } from "mathjs";
import { type Dimension, withArticle } from "./dimensions.js";
import { unitsLibrary } from "./library.js";

export type QuantityInput = string | number;

export type ParsedQuantity = { ok: true; value: number } | { ok: false; message: string };

const referenceUnits = new Map<string, Unit>();
function reference(dimension: Dimension): Unit {
  let ref = referenceUnits.get(dimension.si);
  if (!ref) {
    ref = unitsLibrary().unit(dimension.si);
    referenceUnits.set(dimension.si, ref);
  }
  return ref;
}

function expected(dimension: Dimension, got: QuantityInput): string {
  return `expected ${withArticle(dimension)} (e.g. "${dimension.example}"), got ${JSON.stringify(got)}`;
}

/**
 * Converts a quantity as written in a scenario ("5 um", "25 degC", or a bare number meaning SI)
 * to its SI value, checking that its dimension is the one expected.
 */
export function parseQuantity(input: QuantityInput, dimension: Dimension): ParsedQuantity {
  if (typeof input === "number") {
    return Number.isFinite(input)
      ? { ok: true, value: input }
      : { ok: false, message: expected(dimension, input) };
  }
  const text = input.trim();
  if (text !== "" && Number.isFinite(Number(text))) return { ok: true, value: Number(text) };
  let parsed: Unit;
  try {
    parsed = unitsLibrary().unit(text);
  } catch {
    return { ok: false, message: `${expected(dimension, input)}, which is not a number with a unit` };
  }
  if (parsed.value === null)
    return { ok: false, message: `${expected(dimension, input)}, which has no number` };
  if (!parsed.equalBase(reference(dimension))) return { ok: false, message: expected(dimension, input) };
  const value = parsed.toNumber(dimension.si);
  if (!Number.isFinite(value)) return { ok: false, message: expected(dimension, input) };
  return { ok: true, value };
}

/** Formats an SI value in a chosen unit, for messages and reports ("4.85 um"). */
export function formatQuantity(
  valueSI: number,
  dimension: Dimension,
  displayUnit: string,
  digits = 4,
): string {
  const shown = unitsLibrary().unit(valueSI, dimension.si).toNumber(displayUnit);
  return `${Number(shown.toPrecision(digits))} ${displayUnit}`;
}
