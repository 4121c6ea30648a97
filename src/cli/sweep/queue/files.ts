import { mkdir, readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Redis } from "ioredis";
import { writeFileAtomically } from "../../output.js";
import { type DataFile, sha256 } from "../dataFiles.js";
import { fileKey } from "./connection.js";

/** Stores each data file in Redis once per content hash (SET NX: a second sweep adds nothing). */
export async function uploadDataFiles(redis: Redis, files: DataFile[]): Promise<void> {
  const distinct = new Map(files.map((file) => [file.hash, file]));
  for (const file of distinct.values()) {
    if (await redis.exists(fileKey(file.hash))) continue;
    const content = await readFile(file.path);
    // The file may have changed since it was hashed; a job must never get other content than its key says.
    if (sha256(content) !== file.hash)
      throw new Error(`${file.given} changed while the sweep was being prepared; start it again`);
    await redis.set(fileKey(file.hash), content, "NX");
  }
}

/**
 * Fetches the data files a job names (`<hash>/<file name>`) into the worker's cache folder, once
 * per hash, checking the content against its hash; the job then runs with paths relative to `cache`.
 */
export async function fetchDataFiles(redis: Redis, cache: string, portable: string[]): Promise<void> {
  for (const name of portable) {
    const hash = dirname(name);
    const target = join(cache, name);
    try {
      if ((await stat(target)).isFile()) continue;
    } catch {
      // not cached yet
    }
    const content = await redis.getBuffer(fileKey(hash));
    if (!content) throw new Error(`data file ${name} is not in Redis (key ${fileKey(hash)} missing)`);
    if (sha256(content) !== hash) throw new Error(`data file ${name} in Redis does not match its hash`);
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomically(target, content);
  }
}
