import { runScenario } from "../../studies/index.js";
import { linesRelativeTo } from "../lines.js";
import { failureOf } from "./failure.js";
import type { ComputeReply, ComputeTask } from "./pool.js";

/**
 * A long-lived compute process of the sweep pool: runs one point per message and answers with the
 * result or the failure. It loads only the studies (not the report and plot stack), so it starts
 * quickly, and it ends when its parent goes (IPC disconnect), even after a SIGKILL of the parent.
 */
process.on("message", (task: ComputeTask) => {
  let reply: ComputeReply;
  try {
    reply = { id: task.id, result: runScenario(task.scenario, { readLines: linesRelativeTo(task.anchor) }) };
  } catch (error) {
    reply = { id: task.id, failure: failureOf(error) };
  }
  process.send?.(reply);
});
process.on("disconnect", () => process.exit(0));
process.send?.({ ready: true });
