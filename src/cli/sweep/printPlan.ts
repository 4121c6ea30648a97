import type { Io } from "../io.js";
import { formatTable } from "../table.js";
import type { PreparedSweep } from "./prepare.js";

/** `--dry-run`: every point with its values, key and data files; nothing runs. */
export function printPlan(sweep: PreparedSweep, io: Io, json: boolean): void {
  const { plan, points } = sweep;
  if (json) {
    const rows = points.map((p) => ({
      point: p.index,
      key: p.key,
      values: p.values,
      dataFiles: p.files.map((f) => ({ file: f.given, sha256: f.hash })),
    }));
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const distinct = new Set(points.map((p) => p.key)).size;
  const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
  const rows = points.map((p) => [
    String(p.index),
    ...plan.paths.map((path) => text(p.values[path])),
    p.key.slice(0, 16),
  ]);
  io.out(
    `${plan.name} (${plan.study}): ${points.length} points, ${distinct} distinct (dry run, nothing ran)\n${formatTable(["point", ...plan.paths, "key"], rows, io.columns)}\n`,
  );
  const files = new Map(points.flatMap((p) => p.files.map((f) => [f.hash, f] as const)));
  for (const file of files.values()) io.out(`data file ${file.given}: sha256 ${file.hash}\n`);
}
