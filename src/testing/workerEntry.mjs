// Worker side of inWorker.ts: loads TypeScript through tsx, calls one exported function, posts its result.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
try {
  const module = await import(workerData.module);
  parentPort.postMessage({ result: await module[workerData.exportName](...workerData.args) });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
