// Worker side of inWorker.ts: loads TypeScript through tsx, then for each message calls one exported
// function and posts its result.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
parentPort.on("message", async ({ module, exportName, args }) => {
  try {
    const loaded = await import(module);
    parentPort.postMessage({ result: await loaded[exportName](...args) });
  } catch (error) {
    parentPort.postMessage({
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
