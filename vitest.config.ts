import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "web/**/*.test.ts"],
    // Generous limits: tests assert results, never speed, and must pass on a busy 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Two test files at once even on 2 cores (vitest's default there is one): the browser, queue and
    // process tests spend most of their time waiting on chromium, redis-server and child processes,
    // and long computations run in worker threads (src/testing/inWorker.ts), so the second file
    // fills that time and no event loop is starved.
    maxWorkers: 2,
  },
});
