import { availableParallelism } from "node:os";
import { setGridExecutorProvider } from "../../numerics/parallel/gridExecutor.js";
import { type GridThreadPool, gridThreadsAvailable, startGridThreads } from "./gridThreads.js";

/**
 * Lets the CLI's big 3D solves (PARALLEL_MIN_UNKNOWNS and up) split their grid over two threads:
 * the pool starts on the first such solve, so other commands pay nothing.
 * ANODEFREE_GRID_THREADS=1 keeps every solve on one thread.
 */
export function installGridThreads(env: NodeJS.ProcessEnv = process.env): void {
  const requested = Number(env.ANODEFREE_GRID_THREADS ?? 2);
  const threads = Math.min(Number.isInteger(requested) ? requested : 2, availableParallelism());
  if (threads < 2 || !gridThreadsAvailable()) return;
  let pool: GridThreadPool | null = null;
  setGridExecutorProvider(() => {
    pool ??= startGridThreads(threads);
    return pool;
  });
}
