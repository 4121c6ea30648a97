/**
 * The hand-off between the caller and a grid thread, one Int32 state per thread in shared memory:
 * the caller posts a task on the thread's port and sets TASK; the thread runs it and sets DONE (or
 * FAILED after posting the error's message back). Both sides block in Atomics.wait, so a kernel
 * split over threads stays a synchronous call.
 */
import type { MessagePort } from "node:worker_threads";

export const STARTING = 0;
export const IDLE = 1;
export const TASK = 2;
export const DONE = 3;
export const FAILED = 4;
export const STOP = 5;

export interface GridThreadData {
  /** One state per thread (see above). */
  state: Int32Array;
  index: number;
  port: MessagePort;
}
