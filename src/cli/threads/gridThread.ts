import { receiveMessageOnPort, workerData } from "node:worker_threads";
import { runSlabTask, type SlabTask } from "../../numerics/parallel/index.js";
import { DONE, FAILED, type GridThreadData, IDLE, STOP, TASK } from "./protocol.js";

/**
 * A grid thread: waits for its state to become TASK, takes the task from its port, runs it with
 * the same code as the caller's share (runSlabTask) and reports DONE or FAILED.
 */
const { state, index, port } = workerData as GridThreadData;
Atomics.store(state, index, IDLE);
Atomics.notify(state, index);
for (;;) {
  let now = Atomics.load(state, index);
  while (now !== TASK && now !== STOP) {
    Atomics.wait(state, index, now);
    now = Atomics.load(state, index);
  }
  if (now === STOP) break;
  let message = receiveMessageOnPort(port);
  // The caller posts before it sets TASK; should the message still be in transit, wait for it.
  while (!message) {
    Atomics.wait(state, index, TASK, 1);
    message = receiveMessageOnPort(port);
  }
  try {
    runSlabTask(message.message as SlabTask);
    Atomics.store(state, index, DONE);
  } catch (error) {
    port.postMessage(error instanceof Error ? error.message : String(error));
    Atomics.store(state, index, FAILED);
  }
  Atomics.notify(state, index);
}
port.close();
