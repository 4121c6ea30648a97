import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { inject } from "vitest";

/** A running `anodefree` process (the bundled CLI), its output recorded as it comes. */
export interface AnodefreeProcess {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  /** The exit code once the process ended and its output is read; null if a signal ended it. */
  exit: Promise<number | null>;
}

/**
 * Starts `anodefree <args>` as users run it, from the bundle the test run built once
 * (bundle.globalSetup.ts), asynchronously: the test worker keeps answering vitest while it runs.
 */
export function startAnodefree(args: string[], options: { cwd?: string; input?: string } = {}) {
  const child = spawn(process.execPath, [inject("bundledCli"), ...args], {
    cwd: options.cwd ?? process.cwd(),
    stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  const run: AnodefreeProcess = {
    child,
    stdout: "",
    stderr: "",
    exit: new Promise((resolve) => child.on("close", (code) => resolve(code))),
  };
  child.stdout?.on("data", (chunk) => {
    run.stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    run.stderr += chunk;
  });
  if (options.input !== undefined) child.stdin?.end(options.input);
  return run;
}

/**
 * Runs `anodefree <args>` to its end: exit code (-1 if a signal ended it), stdout and stderr. A
 * process still running after `timeoutMs` is killed, so a hang fails the test instead of the run.
 */
export async function runAnodefree(
  args: string[],
  options: { cwd?: string; input?: string; timeoutMs?: number } = {},
) {
  const run = startAnodefree(args, options);
  const timer = setTimeout(() => run.child.kill("SIGKILL"), options.timeoutMs ?? 240_000);
  const code = await run.exit.finally(() => clearTimeout(timer));
  return { code: code ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/**
 * The library from the bundle the test run built (this checkout's source), imported natively:
 * ~0.6 s of processor time, where a test file in a process of its own (the waiting files,
 * vitest.config.ts) pays ~5 s importing src/ through vitest's module runner (2026-12-01, the
 * reproductions' test file with no test selected against a trivial one).
 */
export function bundledLibrary(): Promise<typeof import("../index.js")> {
  return import(pathToFileURL(join(dirname(inject("bundledCli")), "index.js")).href);
}
