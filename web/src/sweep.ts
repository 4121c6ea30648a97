import type { StudyResult } from "../../src/index.js";
import { PhysicsWorker, RequestFailed } from "./client.js";
import type { ResultView, SweepPlanView, SweepSummaryView } from "./protocol.js";

export interface SweepOutcome {
  plan: SweepPlanView;
  results: StudyResult[];
  summary: SweepSummaryView;
}

/**
 * A sweep in the page: the page's `runner` expands and validates the points (planSweep, as the
 * CLI), a pool of `navigator.hardwareConcurrency` workers runs them, `runner` builds the summary
 * table and plots. `runner` is the pool's first worker (it has loaded already when the page
 * validated the scenario); the others are started for this sweep and ended with it. `cancel`
 * terminates the pool at once.
 */
export class SweepRun {
  private pool: PhysicsWorker[] = [];
  private cancelled = false;

  constructor(private readonly runner: PhysicsWorker) {}

  async run(scenario: unknown, files: File[], onProgress: (fraction: number) => void): Promise<SweepOutcome> {
    const plan = await this.runner.request<SweepPlanView>({ type: "planSweep", scenario, files });
    if (this.cancelled) throw new RequestFailed({ kind: "cancelled" });
    const size = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, plan.points.length));
    this.pool = [this.runner, ...Array.from({ length: size - 1 }, () => new PhysicsWorker())];
    const fractions = plan.points.map(() => 0);
    const report = () => onProgress(fractions.reduce((a, b) => a + b, 0) / plan.points.length);
    const results: StudyResult[] = new Array(plan.points.length);
    let next = 0;
    try {
      await Promise.all(
        this.pool.map(async (worker) => {
          while (next < plan.points.length) {
            // A cancelled worker would start afresh on its next request.
            if (this.cancelled) throw new RequestFailed({ kind: "cancelled" });
            const k = next++;
            const view = await worker.request<ResultView>(
              { type: "run", scenario: plan.points[k].scenario, files },
              (fraction) => {
                fractions[k] = fraction;
                report();
              },
            );
            results[k] = view.result;
            fractions[k] = 1;
            report();
          }
        }),
      );
    } catch (error) {
      // A failed point ends the sweep: the runner stops what it still computes.
      this.runner.cancel();
      throw error;
    } finally {
      for (const worker of this.pool) if (worker !== this.runner) worker.cancel();
    }
    if (this.cancelled) throw new RequestFailed({ kind: "cancelled" });
    const summary = await this.runner.request<SweepSummaryView>({
      type: "summarizeSweep",
      scenario,
      files,
      results,
    });
    return { plan, results, summary };
  }

  /** Stops the sweep wherever it is: planning, running the points or summarising. */
  cancel(): void {
    this.cancelled = true;
    this.runner.cancel();
    for (const worker of this.pool) worker.cancel();
  }
}
