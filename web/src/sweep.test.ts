import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PhysicsWorker, RequestFailed } from "./client.js";
import type { Envelope } from "./protocol.js";
import { SweepRun } from "./sweep.js";

/**
 * A page's Worker stand-in: it records what it is asked and answers only when the test says so, so
 * a test can cancel a sweep in each of its phases. Workers start on their first request, so a
 * worker that should stay stopped shows up here as one that was never created.
 */
class FakeWorker {
  static created: FakeWorker[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly posted: Envelope[] = [];
  terminated = false;

  constructor() {
    FakeWorker.created.push(this);
  }

  postMessage(message: Envelope): void {
    this.posted.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  answer(value: unknown): void {
    const last = this.posted[this.posted.length - 1];
    this.onmessage?.({ data: { id: last.id, type: "done", value } });
  }
}

const POINTS = 4;
const plan = { points: Array.from({ length: POINTS }, (_, k) => ({ scenario: { point: k } })) };
const result = (k: number) => ({ result: { name: `point ${k}` } });
/** Lets the sweep's awaits run up to its next request. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function cancelled(outcome: Promise<unknown>): Promise<string> {
  const error = await outcome.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RequestFailed);
  return (error as RequestFailed).failure.kind;
}

describe("a sweep in the page", () => {
  beforeEach(() => {
    FakeWorker.created = [];
    vi.stubGlobal("Worker", FakeWorker);
    vi.stubGlobal("navigator", { hardwareConcurrency: 2 });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("runs every point on a pool of two and summarises on the runner", async () => {
    const sweep = new SweepRun(new PhysicsWorker());
    const outcome = sweep.run({}, [], () => {});
    const [runner] = FakeWorker.created;
    runner.answer(plan);
    await settle();
    const helper = FakeWorker.created[1];
    for (let k = 0; k < POINTS; k++) {
      const worker = k % 2 === 0 ? runner : helper;
      expect(worker.posted.at(-1)).toMatchObject({ type: "run", scenario: { point: k } });
      worker.answer(result(k));
      await settle();
    }
    expect(runner.posted.at(-1)?.type).toBe("summarizeSweep");
    runner.answer({ rows: [] });
    const { results } = await outcome;
    expect(results.map((r) => r.name)).toEqual(["point 0", "point 1", "point 2", "point 3"]);
    expect(helper.terminated).toBe(true);
    expect(runner.terminated).toBe(false);
  });

  it("Cancel while planning ends the sweep and starts no worker for its points", async () => {
    const sweep = new SweepRun(new PhysicsWorker());
    const outcome = sweep.run({}, [], () => {});
    sweep.cancel();
    expect(await cancelled(outcome)).toBe("cancelled");
    await settle();
    expect(FakeWorker.created).toHaveLength(1);
    expect(FakeWorker.created[0].terminated).toBe(true);
  });

  it("Cancel while points run stops every worker, and no point is sent afterwards", async () => {
    const sweep = new SweepRun(new PhysicsWorker());
    const outcome = sweep.run({}, [], () => {});
    FakeWorker.created[0].answer(plan);
    await settle();
    expect(FakeWorker.created).toHaveLength(2);
    sweep.cancel();
    expect(await cancelled(outcome)).toBe("cancelled");
    await settle();
    expect(FakeWorker.created).toHaveLength(2);
    expect(FakeWorker.created.every((w) => w.terminated)).toBe(true);
  });

  it("a point that ends in the same turn as Cancel sends no further point", async () => {
    const sweep = new SweepRun(new PhysicsWorker());
    const outcome = sweep.run({}, [], () => {});
    const [runner] = FakeWorker.created;
    runner.answer(plan);
    await settle();
    // Cancel in the same task as the answer, before the point loop continues.
    runner.answer(result(0));
    sweep.cancel();
    expect(await cancelled(outcome)).toBe("cancelled");
    await settle();
    expect(FakeWorker.created).toHaveLength(2);
    expect(runner.posted.filter((m) => m.type === "run")).toHaveLength(1);
  });

  it("Cancel while summarising ends the sweep without a result", async () => {
    const sweep = new SweepRun(new PhysicsWorker());
    const outcome = sweep.run({}, [], () => {});
    const [runner] = FakeWorker.created;
    runner.answer(plan);
    await settle();
    for (let k = 0; k < POINTS; k++) {
      (k % 2 === 0 ? runner : FakeWorker.created[1]).answer(result(k));
      await settle();
    }
    expect(runner.posted.at(-1)?.type).toBe("summarizeSweep");
    sweep.cancel();
    expect(await cancelled(outcome)).toBe("cancelled");
    expect(runner.terminated).toBe(true);
  });
});
