import { setImmediate } from "node:timers/promises";
import { afterEach } from "vitest";

/**
 * Setup file of every test file (vitest.config.ts): after each test, one turn of the event loop.
 * vitest reports each test's start and end to its main process by RPC and runs the next test without
 * waiting, so the answer waits until the worker's event loop is free; synchronous tests back to back
 * keep it busy, and after 60 s the worker fails with `Timeout calling "onTaskUpdate"` although every
 * test passed (seen on the loaded 2-core machine: ten files of 3-25 s synchronous tests each).
 * `setImmediate` resumes only after the loop's poll phase, where the answer is read.
 */
afterEach(() => setImmediate());
