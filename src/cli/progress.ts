import { SingleBar } from "cli-progress";
import type { Io } from "./io.js";

const silent = { update: () => {}, stop: () => {} };

function bar(format: string, total: number) {
  const drawn = new SingleBar({ stream: process.stderr, format, hideCursor: true });
  drawn.start(total, 0, { step: "" });
  return drawn;
}

/** A progress bar on stderr (never stdout, which may carry JSON); drawn only on a terminal. */
export function progressBar(label: string, io: Io): { update: (fraction: number) => void; stop: () => void } {
  if (!io.progressOnTerminal) return silent;
  const drawn = bar(`${label} [{bar}] {percentage}% | {duration_formatted}`, 1000);
  return {
    update: (fraction) => drawn.update(Math.round(1000 * Math.min(1, Math.max(0, fraction)))),
    stop: () => drawn.stop(),
  };
}

/**
 * Progress through named steps (reproductions, sweep points): a bar with the current step's name on
 * a terminal, otherwise one line per step on stderr, so a log shows what runs and how far it is.
 */
export function stepProgress(label: string, total: number, io: Io) {
  let done = 0;
  const drawn = io.progressOnTerminal
    ? bar(`${label} [{bar}] {value}/{total} | {duration_formatted} | {step}`, total)
    : undefined;
  return {
    start(step: string) {
      if (drawn) {
        drawn.update(done, { step });
        // The computation that follows blocks the event loop, so draw the step's name now.
        drawn.render();
      } else io.err(`${label} ${done + 1}/${total}: ${step}\n`);
      done += 1;
    },
    stop() {
      drawn?.update(done, { step: "done" });
      drawn?.stop();
    },
  };
}
