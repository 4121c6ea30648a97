import { SingleBar } from "cli-progress";

/** A progress bar on stderr (never stdout, which may carry JSON); silent when stderr is not a terminal. */
export function progressBar(label: string): { update: (fraction: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {duration_formatted}`,
    hideCursor: true,
  });
  bar.start(1000, 0);
  return {
    update: (fraction) => bar.update(Math.round(1000 * Math.min(1, Math.max(0, fraction)))),
    stop: () => bar.stop(),
  };
}
