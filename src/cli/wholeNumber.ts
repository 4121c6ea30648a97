import { inputError } from "../errors.js";

/** A count option such as --jobs: a whole number >= 1, or `fallback` when not given. */
export function wholeNumberOption(
  name: string,
  given: string | undefined,
  fallback: number,
  unit: string,
): number {
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!Number.isInteger(value) || value < 1)
    throw inputError(name, `expected a whole number of ${unit} >= 1, got ${JSON.stringify(given)}`);
  return value;
}
