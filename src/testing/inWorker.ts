import { Worker } from "node:worker_threads";

/**
 * Test support: runs an exported function of a module in a worker thread and resolves with its
 * result (arguments and result cross by structured clone, typed arrays included). A computation
 * that holds the event loop for over a minute makes vitest's worker miss its RPC deadline
 * ("Timeout calling onTaskUpdate") on a busy machine; in a thread it cannot.
 */
export function inWorker<T>(module: URL, exportName: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./workerEntry.mjs", import.meta.url), {
      workerData: { module: module.href, exportName, args },
    });
    worker.once("message", (message: { result?: T; error?: string }) => {
      void worker.terminate();
      if (message.error !== undefined) reject(new Error(`in worker: ${message.error}`));
      else resolve(message.result as T);
    });
    worker.once("error", reject);
  });
}
