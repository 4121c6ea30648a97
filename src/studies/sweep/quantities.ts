import type { Unit } from "mathjs";
import { unitsLibrary } from "../../units/index.js";

/**
 * Swept values as a researcher writes them ("25 um", 0.4, "Li"), read through the units library
 * (mathjs, which src/units also uses) so that axes can check their units agree and generate new
 * values in the unit they were written in.
 */
export interface Quantity {
  /** The number as written, in `unitText`. */
  magnitude: number;
  /** The unit as written ("um", "ohm*cm^2"); "" for a bare number. */
  unitText: string;
  unit?: Unit;
}

const NUMBER_THEN_UNIT = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$/;

/** The quantity a value holds, or undefined when it is not a number with an optional known unit. */
export function readQuantity(value: unknown): Quantity | undefined {
  if (typeof value === "number")
    return Number.isFinite(value) ? { magnitude: value, unitText: "" } : undefined;
  if (typeof value !== "string") return undefined;
  const match = NUMBER_THEN_UNIT.exec(value);
  if (!match) return undefined;
  const magnitude = Number(match[1]);
  if (!match[2]) return { magnitude, unitText: "" };
  try {
    const parsed = unitsLibrary().unit(value);
    return parsed.value === null ? undefined : { magnitude, unitText: match[2], unit: parsed };
  } catch {
    return undefined;
  }
}

/** Whether two quantities have the same dimension (a bare number only matches a bare number). */
export function sameDimension(a: Quantity, b: Quantity): boolean {
  if (!a.unit || !b.unit) return !a.unit && !b.unit;
  return a.unit.equalBase(b.unit);
}

/** The magnitude of `q` in the unit `unitText` (same dimension assumed). */
export function magnitudeIn(q: Quantity, unitText: string): number {
  return q.unit && unitText ? q.unit.toNumber(unitText) : q.magnitude;
}

/**
 * A generated value written in `unitText`, to 12 significant digits: enough for any physics input,
 * and it keeps 0.1 + 0.2 from showing up as 0.30000000000000004 in file names and tables.
 */
export function writeQuantity(magnitude: number, unitText: string): string | number {
  const rounded = Number(magnitude.toPrecision(12));
  return unitText ? `${rounded} ${unitText}` : rounded;
}
