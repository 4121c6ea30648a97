import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { markerFile, OUTPUT_MARKER, planOutput, writeFileAtomically } from "../output.js";

/**
 * The sweep's folder: new, empty, or an earlier sweep output (resumed, or started afresh with
 * --overwrite); anything else was refused by planOutput before any point ran.
 */
export async function prepareSweepFolder(out: string, options: { overwrite?: boolean }): Promise<void> {
  const plan = await planOutput(out, "sweep", { overwrite: options.overwrite, resume: true });
  if (plan.existing !== "sweep" && plan.existing !== "none" && plan.existing !== "empty")
    await rm(plan.target, { recursive: true });
  if (plan.existing === "sweep" && options.overwrite)
    await rm(join(plan.target, "points"), { recursive: true, force: true });
  await mkdir(plan.target, { recursive: true });
  await writeFileAtomically(join(plan.target, OUTPUT_MARKER), markerFile("sweep"));
}
