import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The built CLI's entry (bin.js of an esbuild bundle of this checkout), for tests that spawn it. */
    bundledCli: string;
  }
}

const root = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Global setup of the test run: bundles the CLI once (scripts/bundle.mjs, as `npm run build` does)
 * so that the tests of real processes spawn what users run. A process started through tsx pays
 * ~2 s of processor time loading TypeScript (the bundled CLI ~0.4 s), and the sweep's compute
 * processes of a bundled CLI are bundled too. The bundle goes under node_modules/.cache, where its
 * external packages resolve, in a folder of its own per run (several runs may share a checkout).
 */
export default async function setup(project: TestProject) {
  const cache = join(root, "node_modules", ".cache");
  await mkdir(cache, { recursive: true });
  const folder = await mkdtemp(join(cache, "anodefree-test-bundle-"));
  const remove = () => rm(folder, { recursive: true, force: true });
  try {
    await promisify(execFile)(process.execPath, [join(root, "scripts", "bundle.mjs"), folder], { cwd: root });
  } catch (error) {
    // Source that does not bundle fails the run (esbuild's message is in the error); no folder stays.
    await remove();
    throw error;
  }
  project.provide("bundledCli", join(folder, "bin.js"));
  return remove;
}
