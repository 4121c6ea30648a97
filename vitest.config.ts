import { configDefaults, defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The test files `npm run test:fast` leaves out, the slowest first, each with why it is slow.
 * `npm test` (`vitest run`) runs them all; they start first, so the longest ones do not end last
 * (order: wall time of each file run alone, one after another, on the loaded machine, 2026-11-30
 * 23:30; the browser test from an earlier whole run).
 */
const SLOW_FILES: Record<string, string> = {
  "src/cli/reproduce/reproduceAll.test.ts":
    "every paper reproduction (--fast), the verdict check of npm test",
  "web/test/app.test.ts": "builds the production site with Vite and drives headless chromium",
  "src/cli/sweep/queue/queue.process.test.ts": "starts redis-server and worker processes",
  "src/cell/eis/bootstrap.test.ts": "coverage of bootstrap intervals over many seeded refits",
  "src/thermo/clusters/ising.test.ts": "Monte Carlo against the exact 2D Ising solution",
  "src/cli/cli.process.test.ts": "the CLI as real processes: stdin, a parallel sweep, signals",
  "src/interface/creep/creep.test.ts": "3D creep unit-cell solves up to 12 cells",
  "src/cell/eis/fit.test.ts": "every circuit element fitted from five starts, with and without noise",
  "src/cell/cell.test.ts": "equivalent-circuit fits of many seeded 1%-noise spectra (coverage)",
  "src/cli/reproduce/concurrent.test.ts": "reproductions run twice, on threads and in sequence",
};

/**
 * The slow files that mostly wait on other processes (the CLI, chromium, redis-server): each runs
 * in a process of its own beside the computing files (project `slow`, pool `forks`), so two of
 * them can wait while two files compute. The other slow files compute in this process's worker
 * threads with the fast files and share their module graph: a fork imports the library and vitest
 * afresh, ~1.9 s of processor time per file (2026-12-01: the ten slow files with no test selected,
 * 18.7 s beyond vitest's fixed cost).
 */
const WAITING_FILES = [
  "src/cli/reproduce/reproduceAll.test.ts",
  "web/test/app.test.ts",
  "src/cli/sweep/queue/queue.process.test.ts",
  "src/cli/cli.process.test.ts",
];

const slowFirst = Object.keys(SLOW_FILES);

/** `npm run test:fast` (npm names the script it runs) leaves every slow file out. */
const leftOut = process.env.npm_lifecycle_event === "test:fast" ? slowFirst : WAITING_FILES;

/**
 * Fast files that need a module graph of their own (the others share one per worker thread, see
 * below): they replace a library module with vi.mock, which cannot reach a module that another file
 * already loaded into a shared graph, or change the process's working folder.
 */
const ISOLATED_FILES = ["src/cli/output.test.ts"];

/** Slow files in the order above, then vitest's usual order for the rest. */
class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = slowFirst.findIndex((path) => file.moduleId.endsWith(path));
      return index < 0 ? slowFirst.length : index;
    };
    const rest = await super.sort(files.filter((f) => rank(f) === slowFirst.length));
    return [...files.filter((f) => rank(f) < slowFirst.length).sort((a, b) => rank(a) - rank(b)), ...rest];
  }
}

export default defineConfig({
  resolve: {
    alias: [{ find: /^\.\/mathjsModule\.ts$/, replacement: "./mathjsNotBundled.ts" }],
  },
  test: {
    // Generous limits: tests assert results, never speed, and must pass on a busy 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // One event-loop turn after each test, so back-to-back synchronous tests cannot starve vitest's
    // RPC into "Timeout calling onTaskUpdate" on a busy machine (see the file).
    setupFiles: ["src/testing/yieldBetweenTests.ts"],
    // The CLI bundled once for the tests that spawn it (see the file).
    globalSetup: ["src/testing/bundle.globalSetup.ts"],
    // Two test files at once per pool (fast: threads, slow: forks) even on 2 cores (vitest's default
    // there is one): the browser, queue and process tests spend most of their time waiting on
    // chromium, redis-server and child processes, and long computations run in worker threads
    // (src/testing/inWorker.ts), so the second file fills that time and no event loop is starved.
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
    // The fast files share their worker thread's module graph (isolate: false): each file no
    // longer imports the library, vitest and their packages afresh (~1.5 s of processor time per
    // file, 209 -> 94 s for the fast project). Threads rather than processes: the fast project
    // 112 / 117 -> 102 / 97 s of processor time (alternating, load 11-14, 2026-12-01). A pool's
    // isolation is set here for all its projects, and vitest runs the projects of a non-isolated
    // pool one after another: the files that need isolation (fast-isolated, slow) go to the other
    // pool, forks, isolated, which runs beside it.
    poolOptions: { threads: { isolate: false } },
    projects: [
      // The fast files, and under `npm test` the slow files that compute (the waiting ones are below).
      {
        extends: true,
        test: {
          name: "fast",
          pool: "threads",
          include: ["src/**/*.test.ts", "web/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...leftOut, ...ISOLATED_FILES],
        },
      },
      {
        extends: true,
        test: { name: "fast-isolated", include: ISOLATED_FILES, pool: "forks" },
      },
      // The waiting files: a fresh process per file, in the isolated pool (forks), beside the threads.
      { extends: true, test: { name: "slow", include: WAITING_FILES, pool: "forks" } },
    ],
  },
});
