import { constants } from "node:fs";
import { access, lstat, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { InputError, inputError } from "../errors.js";
import type { FileSet } from "../report/index.js";
import { VERSION } from "../version.js";
import { fileProblem } from "./fileProblem.js";

/**
 * Output folders (SPEC 1.6): `--out` never destroys what we did not write. A folder we wrote carries
 * this marker; only such a folder may be replaced, and only when the user asks with --overwrite.
 */
export const OUTPUT_MARKER = ".anodefree-output.json";

export type OutputKind = "run" | "reproduce" | "sweep";

export interface OutputPlan {
  /** Absolute path of the folder. */
  target: string;
  /** What is there now: nothing, an empty folder, or an earlier anodefree output of this kind. */
  existing: "none" | "empty" | OutputKind;
}

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? "";

async function markerKind(directory: string): Promise<OutputKind | undefined> {
  try {
    const marker = JSON.parse(await readFile(join(directory, OUTPUT_MARKER), "utf8"));
    return ["run", "reproduce", "sweep"].includes(marker.kind) ? marker.kind : undefined;
  } catch {
    return undefined;
  }
}

/** The nearest existing ancestor must be a writable folder, or the folder cannot be created. */
async function checkCreatable(target: string, given: string): Promise<void> {
  let ancestor = dirname(target);
  for (;;) {
    try {
      const stat = await lstat(ancestor);
      if (!stat.isDirectory())
        throw inputError("--out", `cannot create ${JSON.stringify(given)}: ${ancestor} is not a directory`);
      break;
    } catch (error) {
      if (errnoOf(error) !== "ENOENT") throw error;
      if (dirname(ancestor) === ancestor) break;
      ancestor = dirname(ancestor);
    }
  }
  try {
    await access(ancestor, constants.W_OK | constants.X_OK);
  } catch {
    throw inputError(
      "--out",
      `cannot write into ${ancestor} (permission denied), needed for ${JSON.stringify(given)}`,
    );
  }
}

/**
 * Decides before any computation whether `--out DIR` may be written, and refuses with exit 2 when it
 * would replace a file, a special file, the working folder or a folder we did not write.
 */
export async function planOutput(
  given: string,
  kind: OutputKind,
  options: { overwrite?: boolean; resume?: boolean } = {},
): Promise<OutputPlan> {
  const target = resolve(given);
  const fromHere = relative(target, process.cwd());
  if (fromHere === "" || !fromHere.startsWith(".."))
    throw inputError(
      "--out",
      `${JSON.stringify(given)} is the working folder or contains it; name a new folder, e.g. out/${kind}`,
    );
  let stat: Awaited<ReturnType<typeof lstat>>;
  try {
    stat = await lstat(target);
  } catch (error) {
    if (errnoOf(error) === "ENOTDIR")
      throw inputError("--out", `cannot create ${JSON.stringify(given)}: a part of the path is a file`);
    if (errnoOf(error) !== "ENOENT") throw error;
    await checkCreatable(target, given);
    return { target, existing: "none" };
  }
  if (!stat.isDirectory())
    throw inputError(
      "--out",
      `${JSON.stringify(given)} exists and is ${stat.isSymbolicLink() ? "a symbolic link" : stat.isFile() ? "a file" : "a special file"}; --out needs a new folder (nothing was written)`,
    );
  await checkCreatable(target, given);
  if ((await readdir(target)).length === 0) return { target, existing: "empty" };
  const existing = await markerKind(target);
  if (!existing)
    throw inputError(
      "--out",
      `${JSON.stringify(given)} already exists and was not written by anodefree; choose a new folder (nothing was written or deleted)`,
    );
  if (options.resume && existing === kind && !options.overwrite) return { target, existing };
  if (!options.overwrite)
    throw inputError(
      "--out",
      `${JSON.stringify(given)} holds an earlier anodefree ${existing} output; add --overwrite to replace it, or choose a new folder`,
    );
  return { target, existing };
}

/** The marker that makes a folder ours: what wrote it, and when. */
export function markerFile(kind: OutputKind): string {
  return `${JSON.stringify({ tool: "anodefree", version: VERSION, kind, written: new Date().toISOString() }, null, 2)}\n`;
}

/** Writes one file by temp sibling + rename, so a reader (or a resumed sweep) never sees half of it. */
export async function writeFileAtomically(path: string, content: string | Uint8Array): Promise<void> {
  const staging = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    await writeFile(staging, content);
    await rename(staging, path);
  } finally {
    await rm(staging, { force: true });
  }
}

/**
 * Writes a whole output folder so that readers never see it half-written: everything goes to a
 * temporary sibling, which then takes the target's place by rename. A folder is replaced only as
 * `planOutput` allowed (checked again here, in case it changed during the computation).
 */
export async function writeDirectoryAtomically(
  plan: OutputPlan,
  kind: OutputKind,
  files: FileSet,
  options: { overwrite?: boolean } = {},
): Promise<void> {
  const { target } = plan;
  const now = await planOutput(target, kind, options);
  const staging = `${target}.tmp-${process.pid}-${Date.now()}`;
  const retired = `${target}.old-${process.pid}-${Date.now()}`;
  try {
    for (const [path, content] of [...files, [OUTPUT_MARKER, markerFile(kind)] as const]) {
      const file = join(staging, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    await mkdir(dirname(target), { recursive: true });
    if (now.existing === "none" || now.existing === "empty") {
      // rename(2) replaces an empty folder and fails if something appeared in it meanwhile.
      await rename(staging, target);
      return;
    }
    await rename(target, retired);
    await rename(staging, target);
    await rm(retired, { recursive: true, force: true });
  } catch (error) {
    if (error instanceof InputError || !errnoOf(error)) throw error;
    throw inputError(
      "--out",
      `cannot write ${JSON.stringify(target)}: ${fileProblem(error)} (nothing was replaced)`,
    );
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
