/**
 * Wall times of what a new user types (`npm ci`, `npm start`, `npm test`) on a fresh clone of the
 * committed HEAD, with ../shared beside it as in CI, and the processor time (user + sys) of each
 * command with all its descendants, orphans included (needs python3 for the count): on a machine
 * shared with other work the wall time swings with their load, the processor time much less.
 *
 *   npm run bench:fresh-clone                       # npm start and npm test once each
 *   npm run bench:fresh-clone -- --burn --repeat 3  # npm test three times while a CPU-burning
 *                                                   # process occupies one core (the load-proof check)
 *
 * Exits 1 if any command fails, so the load-proof check is a yes/no answer.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repository = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const burn = process.argv.includes("--burn");
const repeatAt = process.argv.indexOf("--repeat");
const repeat = repeatAt > 0 ? Number(process.argv[repeatAt + 1]) : 1;

const logs = mkdtempSync(join(tmpdir(), "anodefree-fresh-logs-"));

interface Outcome {
  seconds: number;
  /** User + system processor seconds of the command and every descendant, orphans included. */
  cpuSeconds: number;
  code: number;
  log: string;
}

/**
 * Runs argv[2:] and prints the processor time (user + sys) of its whole process tree to argv[1].
 * As a child subreaper (Linux prctl PR_SET_CHILD_SUBREAPER) it adopts the tree's orphans (chromium's
 * helpers, detached workers) and reaps them too: the shell's `times` only counts children their
 * parents waited for, which made this figure ~20 % low (docs/testing.md).
 */
const SUBREAPER = `
import ctypes, os, subprocess, sys, time
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)
code = subprocess.call(sys.argv[2:])
deadline = time.time() + 30
while time.time() < deadline:
    try:
        pid, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        break
    if pid == 0:
        time.sleep(0.1)
t = os.times()
open(sys.argv[1], "w").write(str(t.children_user + t.children_system))
sys.exit(code)
`;

/** Runs a command in the clone, its output kept in a log file (named when it fails). */
function timed(label: string, command: string, args: string[], cwd: string) {
  const log = join(logs, `${label.replaceAll(" ", "-")}.log`);
  const cpuLog = `${log}.cpu`;
  const output = openSync(log, "w");
  const started = performance.now();
  return new Promise<Outcome>((done) => {
    const child = spawn("python3", ["-c", SUBREAPER, cpuLog, command, ...args], {
      cwd,
      stdio: ["ignore", output, output],
      env: { ...process.env, CI: "true" },
    });
    child.on("close", (code) => {
      closeSync(output);
      const cpuSeconds = existsSync(cpuLog) ? Number(readFileSync(cpuLog, "utf8")) : Number.NaN;
      done({ seconds: (performance.now() - started) / 1000, cpuSeconds, code: code ?? 1, log });
    });
  });
}

function report(label: string, outcome: Outcome): boolean {
  const failed = outcome.code !== 0;
  console.log(
    `  ${label.padEnd(18)} ${outcome.seconds.toFixed(0).padStart(5)} s  (CPU ${outcome.cpuSeconds.toFixed(0).padStart(4)} s)  exit ${outcome.code}${failed ? `  (output: ${outcome.log})` : ""}`,
  );
  return failed;
}

/** One core kept at 100% by a busy loop, as another job on the machine would. */
function cpuBurner(): ChildProcess {
  return spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
}

const parent = mkdtempSync(join(tmpdir(), "anodefree-fresh-"));
const clone = join(parent, "main");
execFileSync("git", ["clone", "--quiet", "--no-hardlinks", repository, clone]);
symlinkSync(resolve(repository, "..", "shared"), join(parent, "shared"));
const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: clone, encoding: "utf8" }).trim();
console.log(`fresh clone of ${head} in ${clone}${burn ? ", one core kept busy by a CPU burner" : ""}`);

let failed = false;
const burner = burn ? cpuBurner() : undefined;
try {
  failed ||= report("npm ci", await timed("npm ci", "npm", ["ci", "--no-audit", "--no-fund"], clone));
  if (!burn && !failed) failed ||= report("npm start", await timed("npm start", "npm", ["start"], clone));
  for (let k = 1; k <= repeat && !failed; k++) {
    const label = `npm test ${k} of ${repeat}`;
    failed ||= report(label, await timed(label, "npm", ["test"], clone));
  }
} finally {
  burner?.kill();
  rmSync(parent, { recursive: true, force: true });
}
console.log(failed ? "  result: FAILED" : "  result: all passed");
process.exitCode = failed ? 1 : 0;
