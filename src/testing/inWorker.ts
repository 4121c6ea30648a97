import { Worker } from "node:worker_threads";

/**
 * Workers whose last call has ended, kept for the next one: a worker pays ~1 s of processor time
 * loading tsx and the library's TypeScript, and a file may call several times (the Ising test five).
 * They are unreferenced while idle, so they never keep a test process alive.
 */
const idle: Worker[] = [];

/**
 * Test support: runs an exported function of a module in a worker thread and resolves with its
 * result (arguments and result cross by structured clone, typed arrays included). A computation
 * that holds the event loop for over a minute makes vitest's worker miss its RPC deadline
 * ("Timeout calling onTaskUpdate") on a busy machine; in a thread it cannot. Calls at the same time
 * run on workers of their own.
 */
export function inWorker<T>(module: URL, exportName: string, ...args: unknown[]): Promise<T> {
  const worker = idle.pop() ?? new Worker(new URL("./workerEntry.mjs", import.meta.url));
  worker.ref();
  return new Promise((resolve, reject) => {
    const answered = (message: { result?: T; error?: string }) => {
      worker.off("error", failed);
      worker.unref();
      idle.push(worker);
      if (message.error !== undefined) reject(new Error(`in worker: ${message.error}`));
      else resolve(message.result as T);
    };
    // The worker itself failed (not the function, whose errors come as messages): it is not reused.
    const failed = (error: Error) => {
      worker.off("message", answered);
      void worker.terminate();
      reject(error);
    };
    worker.once("message", answered);
    worker.once("error", failed);
    worker.postMessage({ module: module.href, exportName, args });
  });
}
