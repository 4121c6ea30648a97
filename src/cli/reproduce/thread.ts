import { parentPort } from "node:worker_threads";
import { runReproduction, selectReproductions } from "../../studies/index.js";
import { type ReproductionReply, type ReproductionTask, threadFailure } from "./protocol.js";

/**
 * A thread of `reproduce --jobs N`: runs one reproduction per message with the same runReproduction
 * as the sequential run and answers with its report or its failure.
 */
parentPort?.on("message", (task: ReproductionTask) => {
  let reply: ReproductionReply;
  try {
    const entry = selectReproductions(task.id).find((e) => e.study.id === task.study);
    if (!entry) throw new Error(`no reproduction ${task.study}/${task.id} in this thread's registry`);
    reply = { index: task.index, report: runReproduction(entry, { fast: task.fast }) };
  } catch (error) {
    reply = { index: task.index, failure: threadFailure(error) };
  }
  parentPort?.postMessage(reply);
});
