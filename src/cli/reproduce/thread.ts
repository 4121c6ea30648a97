import { parentPort } from "node:worker_threads";
import { runReproduction, runScenario, selectReproductions } from "../../studies/index.js";
import { type ReproductionReply, type ReproductionTask, threadFailure } from "./protocol.js";

/** The reply to a task: its run's result, or its whole reproduction's report. */
function perform(task: ReproductionTask): ReproductionReply {
  if (task.run) {
    const { number, name, params } = task.run;
    return { index: task.index, run: number, result: runScenario({ study: task.study, name, params }) };
  }
  const entry = selectReproductions(task.id).find((e) => e.study.id === task.study);
  if (!entry) throw new Error(`no reproduction ${task.study}/${task.id} in this thread's registry`);
  return { index: task.index, report: runReproduction(entry, { fast: task.fast }) };
}

/**
 * A thread of `reproduce --jobs N`: per message, one run of a planned reproduction or a whole
 * reproduction, with the same runScenario and runReproduction as the sequential run; answers with
 * the result, the report or the failure.
 */
parentPort?.on("message", (task: ReproductionTask) => {
  let reply: ReproductionReply;
  try {
    reply = perform(task);
  } catch (error) {
    reply = { index: task.index, failure: threadFailure(error) };
  }
  parentPort?.postMessage(reply);
});
