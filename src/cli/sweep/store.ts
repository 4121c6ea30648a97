import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { StudyResult } from "../../studies/index.js";
import { writeFileAtomically } from "../output.js";

/**
 * Per-point results under <out>/points, one file per point key: what makes a sweep resumable, and
 * where the local pool and the queue coordinator put what they collect. A file is written
 * atomically, so a result is either there whole or not at all, and never twice.
 */
export function pointStore(out: string) {
  const directory = join(out, "points");
  const file = (key: string) => join(directory, `${key}.json`);
  return {
    async read(key: string): Promise<StudyResult | undefined> {
      try {
        const saved = JSON.parse(await readFile(file(key), "utf8"));
        return saved.key === key ? saved.result : undefined;
      } catch {
        return undefined;
      }
    },
    async write(key: string, scenario: unknown, result: StudyResult): Promise<void> {
      await mkdir(directory, { recursive: true });
      await writeFileAtomically(file(key), JSON.stringify({ key, scenario, result }));
    },
  };
}

export type PointStore = ReturnType<typeof pointStore>;
