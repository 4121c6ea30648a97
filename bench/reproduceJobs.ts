/**
 * Both cores for independent work: `anodefree reproduce alloy-film --fast` (five reproductions) with
 * one thread and with one per core, the built CLI, wall time of the whole process each. The ideal
 * ratio is the core count when the reproductions are of equal cost; the largest one bounds it.
 */
import { execFileSync, spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = 3;

function wallSeconds(jobs: number): Promise<number> {
  const started = performance.now();
  const args = ["bin/anodefree.js", "reproduce", "alloy-film", "--fast", "--json", "--jobs", String(jobs)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: "ignore" });
    child.on("close", (code) =>
      code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`exit ${code}`)),
    );
  });
}

export async function benchReproduceJobs(): Promise<void> {
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  const cores = availableParallelism();
  const one: number[] = [];
  const all: number[] = [];
  // Interleaved rounds, so that load from elsewhere hits both alike.
  for (let round = 0; round < ROUNDS; round++) {
    one.push(await wallSeconds(1));
    all.push(await wallSeconds(cores));
  }
  const best = (values: number[]) => Math.min(...values);
  console.log(`reproduce alloy-film --fast (5 reproductions), built CLI, best of ${ROUNDS}:`);
  console.log(`  --jobs 1:        ${best(one).toFixed(1)} s  (in the main thread, as before --jobs)`);
  console.log(`  --jobs ${cores}:        ${best(all).toFixed(1)} s  (one worker thread per core)`);
  console.log(
    `  speed-up on ${cores} cores: ${(best(one) / best(all)).toFixed(2)}x  (process start-up included on both sides)`,
  );
}
