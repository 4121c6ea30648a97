// Under tsx (tests, `tsx src/cli/bin.ts`) a thread starts here: it loads TypeScript through tsx, then
// the thread module named by the parent. The built CLI starts thread.js directly.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.module);
