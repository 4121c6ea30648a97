import { createRequire } from "node:module";
import type * as CliProgress from "cli-progress";
import type { Io } from "./io.js";

const silent = { update: () => {}, stop: () => {} };

// Loaded on the first bar (only on a terminal): its modules are a start-up cost for every command.
const cliProgress = () => createRequire(import.meta.url)("cli-progress") as typeof CliProgress;

function bar(format: string, total: number) {
  const drawn = new (cliProgress().SingleBar)({ stream: process.stderr, format, hideCursor: true });
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
 * Progress through named steps (reproductions) that may run several at once: a bar with the steps
 * running now on a terminal, otherwise one line per step as it starts on stderr, so a log shows what
 * runs and how far it is.
 */
export function stepProgress(label: string, total: number, io: Io) {
  let started = 0;
  let done = 0;
  const running: string[] = [];
  const drawn = io.progressOnTerminal
    ? bar(`${label} [{bar}] {value}/{total} | {duration_formatted} | {step}`, total)
    : undefined;
  const draw = () => {
    drawn?.update(done, { step: running.join(", ") || "done" });
    // A step run in this thread blocks the event loop, so draw the names now.
    drawn?.render();
  };
  return {
    start(step: string) {
      started += 1;
      running.push(step);
      if (drawn) draw();
      else io.err(`${label} ${started}/${total}: ${step}\n`);
    },
    finish(step: string) {
      running.splice(running.indexOf(step), 1);
      done += 1;
      draw();
    },
    stop() {
      drawn?.update(done, { step: "done" });
      drawn?.stop();
    },
  };
}

/**
 * Progress through many independent points (a sweep): done of total, failures so far and the time
 * left at the pace so far. A bar on a terminal; otherwise a line at every tenth, so a log of a
 * 10 000-point sweep stays short.
 */
export function pointProgress(label: string, total: number, io: Io) {
  let done = 0;
  let failed = 0;
  let logged = 0;
  const drawn = io.progressOnTerminal
    ? bar(`${label} [{bar}] {value}/{total} | {failed} failed | ETA {eta_formatted}`, total)
    : undefined;
  drawn?.update(0, { failed: 0 });
  const started = Date.now();
  return {
    point(ok: boolean) {
      done += 1;
      if (!ok) failed += 1;
      if (drawn) drawn.update(done, { failed });
      else if (Math.floor((10 * done) / total) > logged || done === total) {
        logged = Math.floor((10 * done) / total);
        const left = ((Date.now() - started) / done) * (total - done);
        io.err(
          `${label}: ${done}/${total} points, ${failed} failed, about ${Math.ceil(left / 1000)} s left\n`,
        );
      }
    },
    stop() {
      drawn?.stop();
    },
  };
}
