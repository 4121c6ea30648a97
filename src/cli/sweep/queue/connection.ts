import { Redis } from "ioredis";
import { inputError } from "../../../errors.js";
import { VERSION } from "../../../version.js";

/**
 * The queue of this package version: a worker of another version never takes a job it might run
 * differently (the point keys hold the version too); it sees the jobs and says why it leaves them.
 */
export const QUEUE_PREFIX = "anodefree-sweep-v";
export const queueName = (version = VERSION) => `${QUEUE_PREFIX}${version}`;

/** BullMQ's own keys live under this prefix (its default); data files under FILE_KEY. */
export const BULL_PREFIX = "bull";
export const fileKey = (hash: string) => `anodefree:file:${hash}`;

export interface QueueConnection {
  /** The URL with any password replaced by ***, for messages. */
  label: string;
  /** A new ioredis client as BullMQ wants it (no per-command retry limit; reconnects). */
  client(): Redis;
  /** The client for our own keys (data files). */
  redis: Redis;
  close(): Promise<void>;
}

function parseQueueUrl(given: string): URL {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw inputError(
      "--queue",
      `expected redis://HOST:PORT[/db] or rediss://..., got ${JSON.stringify(given)}`,
    );
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:")
    throw inputError(
      "--queue",
      `expected a redis:// or rediss:// URL (redis://HOST:PORT[/db]), got ${JSON.stringify(url.protocol)} in ${JSON.stringify(redact(url))}`,
    );
  const db = url.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d+$/.test(db))
    throw inputError(
      "--queue",
      `the database after the port must be a number (redis://HOST:PORT/0), got ${JSON.stringify(db)}`,
    );
  return url;
}

function redact(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = "***";
  return copy.href;
}

/**
 * Connects to the Redis behind a --queue URL (rediss:// and passwords go to ioredis as written) and
 * checks it answers, within seconds: an unreachable or refusing server is bad input (exit 2), never
 * an endless reconnect, and nothing is enqueued.
 */
export async function connectQueue(given: string, timeoutMs = 5000): Promise<QueueConnection> {
  const url = parseQueueUrl(given);
  const label = redact(url);
  const probe = new Redis(given, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let failure: unknown;
  probe.on("error", (error) => {
    failure ??= error;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    probe.disconnect();
    const reason = ((failure ?? error) as Error).message || String(failure ?? error);
    throw inputError(
      "--queue",
      `cannot reach Redis at ${label}: ${reason} (is redis-server running there? see README, "Sweeps on many machines"); nothing was enqueued`,
    );
  }
  probe.disconnect();
  const clients: Redis[] = [];
  const client = () => {
    const made = new Redis(given, { maxRetriesPerRequest: null });
    // BullMQ reports connection trouble through its own objects; this keeps ioredis from printing it twice.
    made.on("error", () => {});
    clients.push(made);
    return made;
  };
  const redis = client();
  return {
    label,
    client,
    redis,
    async close() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
