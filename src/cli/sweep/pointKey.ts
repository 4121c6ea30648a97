import { validateScenario } from "../../studies/index.js";
import { VERSION } from "../../version.js";
import { canonicalJson } from "./canonicalJson.js";
import { type DataFile, renameStrings, sha256 } from "./dataFiles.js";

/** A sweep point ready to run anywhere: its key and the scenario that names files by content. */
export interface KeyedPoint {
  /** sha256 of what determines the result: see pointKey. */
  key: string;
  /** The scenario with data files named `<hash>/<file name>`, as a queue worker runs it. */
  portable: unknown;
  files: DataFile[];
}

/**
 * The key of a point: a hash of the canonical JSON of its validated parameters (SI values, defaults
 * filled in, so `2 um` and `2e-6` are one point), the study, and the package version, with data
 * files named by content hash. A rerun finds its earlier results by it, a changed point or data file
 * gets a new key, and a point that occurs twice is computed once.
 */
export function keyPoint(
  scenario: { params?: unknown; [key: string]: unknown },
  files: DataFile[],
): KeyedPoint {
  const byName = new Map(files.map((file) => [file.given, file.portable]));
  const portable = { ...scenario, params: renameStrings(scenario.params, (text) => byName.get(text)) };
  const { study, params } = validateScenario(portable);
  const key = sha256(canonicalJson({ version: VERSION, study: study.id, params }));
  return { key, portable, files };
}
