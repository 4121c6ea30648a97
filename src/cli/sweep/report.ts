import type { StudyResult } from "../../studies/index.js";
import type { PointFailure } from "./failure.js";
import type { PreparedPoint } from "./prepare.js";

/** Where a runner (local pool or queue) hands each point's outcome as it comes in. */
export interface ResultSink {
  result(point: PreparedPoint, result: StudyResult): Promise<void>;
  failure(point: PreparedPoint, failure: PointFailure): void;
}

/** A point as the user wrote it: its index and swept values. */
export const pointLabel = (point: PreparedPoint) =>
  `sweep point ${point.index} (${Object.entries(point.values)
    .map(([path, value]) => `${path} = ${JSON.stringify(value)}`)
    .join(", ")})`;

/** One line per failed point (every point sharing a failed key), residual included for numerical ones. */
export function failureLines(points: PreparedPoint[], failures: Map<string, PointFailure>): string[] {
  return points
    .filter((point) => failures.has(point.key))
    .map((point) => {
      const failure = failures.get(point.key) as PointFailure;
      const kind = { input: "bad input", numerical: "numerical failure", internal: "internal error" }[
        failure.kind
      ];
      return `${pointLabel(point)}: ${kind}: ${failure.message.replaceAll("\n", "\n  ")}`;
    });
}
