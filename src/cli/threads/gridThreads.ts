import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { type GridExecutor, runSlabTask, type SlabTask } from "../../numerics/parallel/index.js";
import { FAILED, type GridThreadData, IDLE, STARTING, STOP, TASK } from "./protocol.js";

/** A GridExecutor on the caller plus worker threads sharing memory; close() ends the threads. */
export interface GridThreadPool extends GridExecutor {
  /** Resolves when every thread has started (run() before that runs every share on the caller). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** Whether this build has the thread's entry file (a bundle without it keeps one thread). */
export function gridThreadsAvailable(): boolean {
  return (
    import.meta.url.endsWith(".ts") || existsSync(fileURLToPath(new URL("./gridThread.js", import.meta.url)))
  );
}

function startThread(data: GridThreadData): Worker {
  const options = { workerData: data, transferList: [data.port] };
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./gridThread.js", import.meta.url), options);
  // Under tsx the thread loads TypeScript through the launcher of `reproduce --jobs`.
  return new Worker(new URL("../reproduce/tsxThread.mjs", import.meta.url), {
    ...options,
    workerData: { ...data, module: new URL("./gridThread.ts", import.meta.url).href },
  });
}

/**
 * `threads` threads in all: the caller and threads - 1 workers. The workers are unref'd, so an idle
 * pool does not keep the process alive.
 */
export function startGridThreads(threads: number, options: { minUnknowns?: number } = {}): GridThreadPool {
  const helpers = threads - 1;
  const state = new Int32Array(new SharedArrayBuffer(4 * Math.max(helpers, 1)));
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  const failures: Error[] = [];
  for (let index = 0; index < helpers; index++) {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1);
    const worker = startThread({ state, index, port: port2 });
    worker.on("error", (error) => failures.push(error));
    worker.unref();
    workers.push(worker);
  }
  const ready = Promise.all(
    workers.map(async (_, index) => {
      while (Atomics.load(state, index) === STARTING) {
        if (failures.length > 0) throw failures[0];
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }),
  ).then(() => undefined);
  // A failing start is reported by run() or by awaiting ready, not as an unhandled rejection.
  ready.catch(() => undefined);
  return {
    threads,
    ...options,
    ready,
    allocate: (length) => new Float64Array(new SharedArrayBuffer(8 * length)),
    run(tasks: readonly SlabTask[]) {
      // The shares are independent, so the caller may run them all itself with the same arithmetic:
      // it does so while a thread is still starting (loading its modules takes ~1 s, which the
      // first solve of a process would otherwise wait out) and when a thread failed to start.
      let waiting = failures.length > 0;
      for (let index = 0; index < tasks.length - 1; index++) {
        if (Atomics.load(state, index) === STARTING) waiting = true;
      }
      if (waiting) {
        for (const task of tasks) runSlabTask(task);
        return;
      }
      for (let t = 1; t < tasks.length; t++) {
        const index = t - 1;
        ports[index].postMessage(tasks[t]);
        Atomics.store(state, index, TASK);
        Atomics.notify(state, index);
      }
      runSlabTask(tasks[0]);
      let failure: string | null = null;
      for (let t = 1; t < tasks.length; t++) {
        const index = t - 1;
        while (Atomics.load(state, index) === TASK) Atomics.wait(state, index, TASK);
        if (Atomics.load(state, index) === FAILED) {
          failure ??= String(receiveMessageOnPort(ports[index])?.message ?? "a grid thread failed");
        }
        Atomics.store(state, index, IDLE);
      }
      if (failure !== null) throw new Error(failure);
    },
    async close() {
      for (let index = 0; index < helpers; index++) {
        Atomics.store(state, index, STOP);
        Atomics.notify(state, index);
      }
      await Promise.all(workers.map((worker) => worker.terminate()));
      for (const port of ports) port.close();
    },
  };
}
