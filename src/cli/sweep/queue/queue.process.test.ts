import type { ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../../studies/index.js";
import { startAnodefree } from "../../../testing/anodefreeProcess.js";
import { freePort, startRedisServer } from "../../../testing/redisServer.js";
import { linesRelativeTo } from "../../lines.js";
import { cli } from "../../testing.js";
import { BULL_PREFIX, queueName } from "./connection.js";

// Sweeps through BullMQ on a real Redis with real worker processes, one test after another (this
// file is sequential). Every wait is for a condition (a log line, a job count, an exit), with
// generous limits: each process pays seconds of start-up on a busy machine. Whatever the outcome,
// every process started here is killed in afterAll.
const work = mkdtempSync(join(tmpdir(), "anodefree-queue-"));
const elsewhere = mkdtempSync(join(tmpdir(), "anodefree-worker-cwd-"));
const WAIT_S = 240;
const started: ChildProcess[] = [];

async function until(condition: () => Promise<boolean> | boolean, seconds = WAIT_S): Promise<boolean> {
  for (const deadline = Date.now() + seconds * 1000; Date.now() < deadline; ) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** An anodefree process (the bundled CLI) with its output recorded as it comes. */
function anodefree(args: string[], cwd?: string) {
  const run = startAnodefree(args, { cwd });
  started.push(run.child);
  return run;
}

const worker = (url: string, cwd?: string) =>
  anodefree(["worker", "--queue", url, "--jobs", "1", "--stall-interval", "1000"], cwd);

/**
 * Two workers in a folder of their own, started by the first test that needs them and kept for the
 * next ones: each start is a worker and a compute process (~2 s of processor time together). A
 * failed test takes them down (afterEach), and the next one starts them again.
 */
let shared: ReturnType<typeof anodefree>[] = [];
const sharedWorkers = () => {
  if (
    shared.length === 0 ||
    shared.some((run) => run.child.exitCode !== null || run.child.signalCode !== null)
  )
    shared = [worker(url, elsewhere), worker(url, elsewhere)];
  return shared;
};

/** SIGTERM once the worker says it runs (before that, Node's default ends it by the signal). */
async function stop(run: ReturnType<typeof anodefree>) {
  expect(await until(() => run.stderr.includes(" worker on ")), run.stderr).toBe(true);
  run.child.kill("SIGTERM");
  const code = await Promise.race([run.exit, until(() => false, 120).then(() => "still running")]);
  expect(code, run.stderr).toBe(0);
}

let server: Awaited<ReturnType<typeof startRedisServer>>;
let url: string;
let queue: Queue;

beforeAll(async () => {
  server = await startRedisServer();
  url = server.url;
  queue = new Queue(queueName(), { connection: server.redis, prefix: BULL_PREFIX });
}, 120_000);

const running = () => started.filter((child) => child.exitCode === null && child.signalCode === null);

// A failed test leaves neither processes (the shared workers included) nor jobs behind for the next
// one; a passing one leaves the shared workers running.
afterEach(async ({ task }) => {
  if (task.result?.state !== "pass") shared = [];
  const keep = new Set(shared.map((run) => run.child));
  await Promise.all(
    running()
      .filter((child) => !keep.has(child))
      .map((child) => {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGKILL");
        return exited;
      }),
  );
  await queue.obliterate({ force: true });
});

afterAll(async () => {
  for (const child of running()) child.kill("SIGKILL");
  await queue?.close();
  await server?.stop();
});

/**
 * A sweep over film thickness alone: what the queue does does not depend on the sweep's shape, and
 * the report of one axis is half that of two (five plots instead of ten, ~1 s of processor time
 * for each sweep a coordinator in this process completes).
 */
const sweepFile = (name: string, thicknesses: string[], numerics = "") => {
  const file = join(work, `${name}.yaml`);
  writeFileSync(
    file,
    [
      "study: alloy-film",
      "params:",
      "  film: { maxConcentration: 69.6 mmol/cm^3, diffusivity: 6e-11 cm^2/s }",
      "  currentDensity: 1 mA/cm^2",
      ...(numerics ? [`  numerics: ${numerics}`] : []),
      "sweep:",
      "  over:",
      `    film.thickness: [${thicknesses.join(", ")}]`,
    ].join("\n"),
  );
  return file;
};

const points = (folder: string) => readdirSync(join(folder, "points")).filter((f) => f.endsWith(".json"));

describe("sweeps through BullMQ on Redis", { timeout: 900_000 }, () => {
  it("refuses an unreachable queue URL quickly with exit 2, writing and enqueuing nothing", async () => {
    const file = sweepFile("unreachable", ["1 um"]);
    const out = join(work, "unreachable");
    const closed = await freePort();
    const run = await cli("sweep", file, "--out", out, "--queue", `redis://:secret@127.0.0.1:${closed}`);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^error: --queue: cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/?: /,
    );
    expect(run.stderr).not.toContain("secret");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    const bad = await cli("sweep", file, "--out", out, "--queue", "http://127.0.0.1:6379");
    expect(bad.stderr).toMatch(/--queue: expected a redis:\/\/ or rediss:\/\/ URL/);
  });

  it("runs 40 points on three workers, the first killed mid-job: every result once, equal to a local run", async () => {
    const file = sweepFile(
      "forty",
      Array.from({ length: 40 }, (_, k) => `${(1 + 0.1 * k).toFixed(1)} um`),
      "{ cells: 500, timeSteps: 500 }",
    );
    const out = join(work, "forty-queue");
    // A job of another version waiting: a worker leaves it, and says why.
    await server.redis.lpush(`${BULL_PREFIX}:anodefree-sweep-v9.9.9:wait`, "someone-elses-job");
    const coordinator = cli("sweep", file, "--out", out, "--queue", url, "--json");
    expect(await until(async () => (await queue.getJobCounts("wait")).wait === 40)).toBe(true);
    // Alone on the queue the victim holds one job from its first fetch until the queue is empty
    // (BullMQ hands it the next job as it finishes the last); each point takes ~0.1 s of processor
    // time (500 cells x 500 steps; 40 points, computed on the queue and again locally, are most of
    // this file's cost: 1000 x 1000 took 0.27 s), so after two it still has ~4 s of work to go
    // while this test reacts within a poll of 100 ms.
    const victim = worker(url);
    const done = (text: string) => text.split("\n").filter((l) => l.startsWith("done")).length;
    expect(await until(() => done(victim.stderr) >= 2), victim.stderr).toBe(true);
    const held = await queue.getJobCounts("active", "wait");
    expect(held.active, "the victim holds a job").toBe(1);
    expect(held.wait).toBeGreaterThan(0);
    victim.child.kill("SIGKILL");
    sharedWorkers();
    const queued = await coordinator;
    expect(queued.code, queued.stderr).toBe(0);
    expect(victim.stderr).toMatch(
      /note: 1 job\(s\) of anodefree 9\.9\.9 wait in anodefree-sweep-v9\.9\.9; this worker runs \S+ and leaves them/,
    );
    expect(await server.redis.llen(`${BULL_PREFIX}:anodefree-sweep-v9.9.9:wait`)).toBe(1);
    await server.redis.del(`${BULL_PREFIX}:anodefree-sweep-v9.9.9:wait`);

    // Exactly once: 40 stored results under 40 distinct keys, 40 completed jobs.
    expect(points(out)).toHaveLength(40);
    expect((await queue.getJobCounts("completed")).completed).toBe(40);
    // The job the killed worker held lost its lock, went back after the stall interval, and was
    // completed by another worker.
    const retried = (await queue.getJobs(["completed"], 0, -1)).filter((job) => job.stalledCounter >= 1);
    expect(retried.length, "jobs taken again after a stall").toBeGreaterThanOrEqual(1);
    for (const job of retried) expect(job.attemptsStarted).toBeGreaterThanOrEqual(2);

    // The local reference in this process with --jobs 1 (no CLI and compute processes to start;
    // sweep.test checks that parallel local points equal single runs): ~4 s of computing in the
    // test's thread, well within vitest's RPC limit. Without --out: its JSON summary is what is
    // compared, and no point store or report (ten plots) is written for it.
    const local = await cli("sweep", file, "--jobs", "1", "--json");
    expect(local.code, local.stderr).toBe(0);
    expect(JSON.parse(queued.stdout)).toEqual(JSON.parse(local.stdout));
    expect(JSON.parse(queued.stdout)).toHaveLength(40);
  });

  it("carries data files to a worker in another folder by content; a bad-input point fails once, reported", async () => {
    const folder = mkdtempSync(join(work, "data-"));
    copyFileSync(
      fileURLToPath(new URL("../../../../examples/data/halfcell-bdf.csv", import.meta.url)),
      join(folder, "halfcell-bdf.csv"),
    );
    writeFileSync(join(folder, "broken.csv"), "Test Time / s,Voltage / V\n0,3.1\n");
    const file = join(folder, "cycling.yaml");
    writeFileSync(
      file,
      "study: cycling\nparams:\n  area: 1 cm^2\nsweep:\n  over:\n    data.file: [halfcell-bdf.csv, broken.csv]\n",
    );
    // The workers run in a folder of their own (the note about another version's jobs: above).
    sharedWorkers();
    const out = join(work, "cycling-queue");
    const run = await cli("sweep", file, "--out", out, "--queue", url);

    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(
      /error: sweep point 1 \(data\.file = "broken\.csv"\): bad input: params\.data\.file: .*broken\.csv/,
    );
    expect(run.stderr).toMatch(/1 of 2 points failed/);
    const failed = await queue.getJobs(["failed"], 0, -1);
    const broken = failed.filter((job) => JSON.stringify(job.data).includes("broken.csv"));
    expect(broken).toHaveLength(1);
    expect(broken[0].attemptsMade, "bad input is not retried").toBe(1);

    // The good point ran on the worker from the file's content, and equals a run here.
    const [saved] = points(out).map((f) => JSON.parse(readFileSync(join(out, "points", f), "utf8")));
    expect(points(out)).toHaveLength(1);
    const here = runScenario(
      { study: "cycling", params: { area: "1 cm^2", data: { file: "halfcell-bdf.csv" } } },
      { readLines: linesRelativeTo(file) },
    );
    expect(saved.result.metrics).toEqual(JSON.parse(JSON.stringify(here.metrics)));
    expect(saved.result.inputs.data.file).toBe("halfcell-bdf.csv");
  });

  it("a coordinator restarted mid-sweep takes what is done and waits for the rest", async () => {
    const file = sweepFile("restart", ["1.25 um", "1.5 um", "1.75 um", "2 um", "2.25 um", "2.5 um"]);
    const out = join(work, "restart");
    const workers = sharedWorkers();
    const first = anodefree(["sweep", file, "--out", out, "--queue", url]);
    const enqueued = await until(async () => {
      const counts = await queue.getJobCounts("wait", "active", "completed");
      return counts.wait + counts.active + counts.completed >= 6;
    });
    expect(enqueued, first.stderr).toBe(true);
    expect(
      await until(() => existsSync(join(out, "points")) && points(out).length >= 1),
      workers.map((w) => w.stderr).join("\n"),
    ).toBe(true);
    first.child.kill("SIGKILL");
    await first.exit;

    const second = await cli("sweep", file, "--out", out, "--queue", url);
    // Told to stop, each worker finishes what it holds and exits 0.
    await Promise.all(workers.map(stop));
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/6 points, [1-6] reused/);
    expect(points(out)).toHaveLength(6);
    expect(readFileSync(join(out, "sweep.csv"), "utf8").trim().split("\n")).toHaveLength(7);
  });
});
