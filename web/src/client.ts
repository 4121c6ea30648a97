import type { Envelope, Failure, Reply, Request } from "./protocol.js";

/** A request that did not give a value: the worker's failure, or the user's cancel. */
export class RequestFailed extends Error {
  readonly failure: Failure | { kind: "cancelled" };
  constructor(failure: Failure | { kind: "cancelled" }) {
    super(
      failure.kind === "input"
        ? failure.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("\n")
        : failure.kind === "cancelled"
          ? "cancelled"
          : failure.message,
    );
    this.failure = failure;
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: RequestFailed) => void;
  onProgress?: (fraction: number) => void;
}

const spawn = () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "physics" });

/**
 * The page's handle on one physics worker. Requests queue in the worker (it runs one at a time);
 * `cancel` ends whatever runs at once by terminating the worker. The worker starts on the first
 * request, and again on the first request after a cancel: loading its bundle costs a couple of
 * processor seconds, which a visitor who never asks for it (never clicks Run) should not pay.
 */
export class PhysicsWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending = new Map<number, Pending>();

  private start(): Worker {
    const worker = spawn();
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const message = event.data;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      if (message.type === "progress") waiting.onProgress?.(message.fraction);
      else {
        this.pending.delete(message.id);
        if (message.type === "done") waiting.resolve(message.value);
        else waiting.reject(new RequestFailed(message.failure));
      }
    };
    // A worker that cannot load or throws outside a request: every waiting request hears why, and
    // the next request starts a fresh worker.
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      if (this.worker !== worker) return;
      this.stop();
      this.failAll({
        kind: "internal",
        message: `the physics worker failed: ${event.message || "unknown error"}`,
      });
    };
    return worker;
  }

  private stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }

  private failAll(failure: Failure | { kind: "cancelled" }): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(new RequestFailed(failure));
  }

  request<T>(request: Request, onProgress?: (fraction: number) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      this.worker ??= this.start();
      this.worker.postMessage({ ...request, id } satisfies Envelope);
    });
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Ends what runs now; the worker is started again by the next request. */
  cancel(): void {
    this.stop();
    this.failAll({ kind: "cancelled" });
  }
}
