/**
 * Sweep execution (issue 21): the local work-stealing pool against one process and against the
 * fixed split by index it replaced, on points of tenfold different cost; then BullMQ on a private
 * redis-server on loopback: the overhead per job of trivial points, points per second with 1, 2 and
 * 4 worker processes, Redis commands and payload bytes per job (docs/queue.md scales them up).
 * BENCH_QUEUE_POINTS sets the number of trivial points (default 10 000).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import { computePool } from "../src/cli/sweep/pool.js";
import { prepareSweep } from "../src/cli/sweep/prepare.js";
import { BULL_PREFIX, connectQueue, queueName } from "../src/cli/sweep/queue/connection.js";
import { runOnQueue } from "../src/cli/sweep/queue/coordinator.js";
import { pointStore } from "../src/cli/sweep/store.js";
import { runScenario } from "../src/studies/index.js";
import { startRedisServer } from "../src/testing/redisServer.js";

const silentIo = { out: () => {}, err: () => {}, columns: 100, progressOnTerminal: false };
const seconds = (start: number) => (performance.now() - start) / 1000;
const work = mkdtempSync(join(tmpdir(), "anodefree-bench-sweep-"));

/** Alloy-film points whose cost differs tenfold with the cell count (timeSteps fixed). */
const point = (cells: number, k: number) => ({
  study: "alloy-film",
  params: { numerics: { cells, timeSteps: 4000 }, film: { thickness: `${2 + k * 0.01} um` } },
});

/**
 * Compute time of the sweep on warm pools: every process is started and has run one tiny point
 * before the clock starts, on both sides of each comparison. Start-up (~1 s per process built, a few
 * seconds under tsx, which compiles the sources in each process) is paid once per sweep and is
 * reported on its own.
 */
async function timePool(
  groups: unknown[][],
  processes: number,
): Promise<{ compute: number; startUp: number }> {
  const anchor = join(work, "x.yaml");
  const warmUp = point(10, 0);
  const started = performance.now();
  // One pool per group: a fixed split; one group in a pool of several: work stealing.
  const pools = groups.map(() => computePool(processes));
  await Promise.all(
    pools.map((pool) => Promise.all(Array.from({ length: processes }, () => pool.run(warmUp, anchor)))),
  );
  const startUp = seconds(started);
  const start = performance.now();
  await Promise.all(
    groups.map((group, g) => Promise.all(group.map((scenario) => pools[g].run(scenario, anchor)))),
  );
  const compute = seconds(start);
  await Promise.all(pools.map((pool) => pool.close()));
  return { compute, startUp };
}

async function benchLocalPool() {
  const jobs = availableParallelism();
  // A grid whose fast axis has the period of the job count: the fixed split gives every dear point
  // to one process (the worst case); the shuffled order is the typical case.
  const alternating = Array.from({ length: 24 }, (_, k) => point(k % jobs === 0 ? 800 : 80, k));
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const shuffled = [...alternating].sort(() => random() - 0.5);
  console.log(`sweep, local pool: 24 alloy-film points, cost 10:1 (800 vs 80 cells), ${jobs} cores`);
  for (const [name, points] of [
    [`dear points at k mod ${jobs} = 0`, alternating],
    ["shuffled", shuffled],
  ] as const) {
    const one = await timePool([points], 1);
    const fixed = await timePool(
      Array.from({ length: jobs }, (_, g) => points.filter((_, k) => k % jobs === g)),
      1,
    );
    const stealing = await timePool([points], jobs);
    const speedUp = (run: { compute: number }) => (one.compute / run.compute).toFixed(2);
    console.log(
      `  ${name}, warm pools: one process ${one.compute.toFixed(1)} s; fixed split ${fixed.compute.toFixed(1)} s (x${speedUp(fixed)}); work stealing ${stealing.compute.toFixed(1)} s (x${speedUp(stealing)}); start-up of the ${jobs} processes beforehand ${stealing.startUp.toFixed(1)} s`,
    );
  }
}

function startWorkers(url: string, count: number): ChildProcess[] {
  const entry = fileURLToPath(new URL("../src/cli/bin.ts", import.meta.url));
  return Array.from({ length: count }, () =>
    spawn(process.execPath, ["--import", "tsx", entry, "worker", "--queue", url, "--jobs", "1"], {
      stdio: "ignore",
    }),
  );
}

async function stopWorkers(workers: ChildProcess[]) {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          w.once("exit", () => resolve());
          w.kill("SIGTERM");
        }),
    ),
  );
}

/** Sum of Redis command calls from INFO commandstats. */
async function redisCalls(redis: Awaited<ReturnType<typeof startRedisServer>>["redis"]): Promise<number> {
  const info = await redis.info("commandstats");
  return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

async function benchQueue() {
  const count = Number(process.env.BENCH_QUEUE_POINTS ?? 10_000);
  const server = await startRedisServer();
  try {
    // Corrosion-growth fits: a few milliseconds each, so the queue's own cost dominates.
    const values = Array.from({ length: count }, (_, k) => `${(462 + k * 0.001).toFixed(3)} nm`);
    const file = join(work, "trivial.yaml");
    writeFileSync(
      file,
      [
        "study: corrosion-growth",
        "params:",
        "  series:",
        "    - temperature: 23 degC",
        "      points: [{ time: 1 d, thickness: 62 nm }, { time: 4 d, thickness: 83 nm }, { time: 7 d, thickness: 462 nm }]",
        "sweep:",
        "  over:",
        `    series.0.points.2.thickness: [${values.join(", ")}]`,
      ].join("\n"),
    );
    let start = performance.now();
    const sweep = await prepareSweep(file);
    const prepare = seconds(start);
    start = performance.now();
    for (let k = 0; k < 200; k++) runScenario(sweep.points[k % count].scenario);
    const compute = seconds(start) / 200;
    console.log(
      `sweep, BullMQ on loopback redis-server: ${count} trivial points (corrosion-growth, ${(compute * 1000).toFixed(2)} ms each in-process); planning, validating and keying them: ${prepare.toFixed(1)} s`,
    );
    for (const workerCount of [1, 2, 4]) {
      await server.redis.flushall();
      const workers = startWorkers(server.url, workerCount);
      const probe = new Queue(queueName(), { connection: server.redis, prefix: BULL_PREFIX });
      while ((await probe.getWorkersCount()) < workerCount) await new Promise((r) => setTimeout(r, 200));
      const connection = await connectQueue(server.url);
      const store = pointStore(mkdtempSync(join(work, "out-")));
      const callsBefore = await redisCalls(server.redis);
      start = performance.now();
      await runOnQueue(
        connection,
        sweep.points,
        {
          result: (p, result) => store.write(p.key, p.portable, result),
          failure: (p, failure) => {
            throw new Error(`point ${p.index} failed: ${failure.message}`);
          },
        },
        silentIo,
      );
      const wall = seconds(start);
      const calls = (await redisCalls(server.redis)) - callsBefore;
      const sample = sweep.points[0].key;
      const key = `${BULL_PREFIX}:${queueName()}:${sample}`;
      const [dataBytes, resultBytes] = await Promise.all([
        server.redis.hstrlen(key, "data"),
        server.redis.hstrlen(key, "returnvalue"),
      ]);
      const perJob = wall / count;
      console.log(
        `  ${workerCount} worker${workerCount === 1 ? " " : "s"}: ${(count / wall).toFixed(0)} points/s, ${(perJob * 1000).toFixed(2)} ms per job end to end (${((perJob * workerCount - compute) * 1000).toFixed(2)} ms of it queue, IPC and storage per worker), ${(calls / count).toFixed(1)} Redis commands per job, job data ${dataBytes} B, result ${resultBytes} B`,
      );
      await connection.close();
      await probe.close();
      await stopWorkers(workers);
    }
  } finally {
    await server.stop();
  }
}

export async function benchSweep() {
  await benchLocalPool();
  console.log();
  await benchQueue();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSweep();
