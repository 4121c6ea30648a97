import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { FileSet } from "../report/index.js";

/**
 * Writes a whole output directory so that readers never see it half-written: everything goes to a
 * temporary sibling first, which then replaces the target by rename.
 */
export async function writeDirectoryAtomically(directory: string, files: FileSet): Promise<void> {
  const target = resolve(directory);
  const staging = `${target}.tmp-${process.pid}-${Date.now()}`;
  const retired = `${target}.old-${process.pid}-${Date.now()}`;
  try {
    for (const [path, content] of files) {
      const file = join(staging, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    await mkdir(dirname(target), { recursive: true });
    let hadPrevious = true;
    try {
      await rename(target, retired);
    } catch {
      hadPrevious = false;
    }
    await rename(staging, target);
    if (hadPrevious) await rm(retired, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
