import type { Redis } from "ioredis";

/**
 * Sweep queues of other package versions that hold waiting jobs: a worker says it leaves them (and
 * why) instead of idling silently while a sweep of another version waits.
 */
export async function otherVersionsWaiting(
  redis: Redis,
  prefix: string,
  queuePrefix: string,
  current: string,
) {
  const found: { queue: string; version: string; waiting: number }[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:${queuePrefix}*:wait`, "COUNT", 1000);
    cursor = next;
    for (const key of keys) {
      const queue = key.slice(prefix.length + 1, -":wait".length);
      const version = queue.slice(queuePrefix.length);
      if (version === current) continue;
      const waiting = await redis.llen(key);
      if (waiting > 0) found.push({ queue, version, waiting });
    }
  } while (cursor !== "0");
  return found;
}
