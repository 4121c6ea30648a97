import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";

/** A data file a scenario names (TDB, cycler export, impedance CSV, POSCAR), known by its content. */
export interface DataFile {
  /** The string as written in the scenario, relative to the scenario file. */
  given: string;
  path: string;
  /** sha256 of the content, hex. */
  hash: string;
  /** How the scenario names it once the file travels by content: `<hash>/<file name>`. */
  portable: string;
}

export const sha256 = (content: string | Uint8Array) => createHash("sha256").update(content).digest("hex");

/**
 * Finds the data files of scenarios by looking at their strings: a string that names an existing
 * regular file next to the scenario file is one. Studies read such files only through readLines
 * with the name as written, so every file a run can read is found this way, whatever field holds it.
 * Hashes are cached: a 10 000-point sweep over one TDB reads it once.
 */
export function dataFileFinder(scenarioFile: string) {
  const found = new Map<string, Promise<DataFile | undefined>>();
  const lookUp = async (given: string): Promise<DataFile | undefined> => {
    const path = resolve(dirname(scenarioFile), given);
    try {
      if (!(await stat(path)).isFile()) return undefined;
      const hash = sha256(await readFile(path));
      return { given, path, hash, portable: `${hash}/${basename(path)}` };
    } catch {
      // Not a file (a quantity, a name): nothing to carry. A file that vanished is reported by the run.
      return undefined;
    }
  };
  const candidates = (value: unknown, into: Set<string>): Set<string> => {
    if (typeof value === "string" && value.length > 0 && value.length < 4096 && !value.includes("\n"))
      into.add(value);
    else if (value !== null && typeof value === "object")
      for (const inner of Object.values(value)) candidates(inner, into);
    return into;
  };
  return async function dataFilesOf(scenario: unknown): Promise<DataFile[]> {
    const files = await Promise.all(
      [...candidates(scenario, new Set())].map((given) => {
        if (!found.has(given)) found.set(given, lookUp(given));
        return found.get(given) as Promise<DataFile | undefined>;
      }),
    );
    return files.filter((file): file is DataFile => file !== undefined);
  };
}

/** The scenario with each data file string replaced (`rename` gives the new string, or undefined). */
export function renameStrings<T>(value: T, rename: (text: string) => string | undefined): T {
  if (typeof value === "string") return (rename(value) ?? value) as T;
  if (Array.isArray(value)) return value.map((inner) => renameStrings(inner, rename)) as T;
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, renameStrings(inner, rename)]),
    ) as T;
  return value;
}
