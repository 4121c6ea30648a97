import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { Redis } from "ioredis";

/** A TCP port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Test and bench support: a private redis-server (Debian package) on a free loopback port, with no
 * persistence, started asynchronously; resolves once it answers PING. `redis` is a client on it.
 */
export async function startRedisServer(timeoutSeconds = 60) {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const server = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  let spawnError: Error | undefined;
  server.once("error", (error) => {
    spawnError = error;
  });
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  redis.on("error", () => {});
  for (const deadline = Date.now() + timeoutSeconds * 1000; ; ) {
    if (spawnError) throw new Error(`cannot start redis-server: ${spawnError.message}`);
    try {
      if (redis.status === "wait" || redis.status === "end") await redis.connect();
      if ((await redis.ping()) === "PONG") break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      server.kill("SIGKILL");
      throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutSeconds} s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    redis,
    async stop() {
      redis.disconnect();
      server.kill("SIGTERM");
      await exited;
    },
  };
}
