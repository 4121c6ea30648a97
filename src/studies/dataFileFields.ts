import type { RunContext } from "./types.js";
import { formatPath } from "./validate.js";

/** The path of the first string equal to `file` in a scenario, e.g. ["params", "data", "file"]. */
function pathOfFile(value: unknown, file: string, path: PropertyKey[]): PropertyKey[] | undefined {
  if (value === file) return path;
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = pathOfFile(inner, file, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * A study may read a file without saying which field named it; then the field is the one of the
 * scenario whose value is that file name, so that a missing TDB is reported at params.system.tdb
 * and not at some other field.
 */
export function withDataFileFields(context: RunContext, scenario: unknown): RunContext {
  const { readLines } = context;
  if (!readLines) return context;
  const fieldNaming = (file: string) => {
    const path = pathOfFile(scenario, file, []);
    return path && formatPath(path);
  };
  return { ...context, readLines: (file, field) => readLines(file, field ?? fieldNaming(file)) };
}
