// Runs shell commands at the same time and exits with the first non-zero exit code among them
// (0 if all pass). Each command's output is printed in one piece when it ends, so the logs of the
// type checks and the linter do not interleave; a command after `--live` writes straight to the
// terminal as it runs (vitest's progress). `npm test` runs its checks beside vitest this way: the
// type checks (`tsc -b tsconfig.checks.json`: the library core once, then the Node side and the web
// app against its declarations) and biome are single-threaded and fill the cores while test files
// wait on chromium, redis or child processes. Forty lines of glue, so no dependency.
//
//   node src/testing/runTogether.mjs "tsc -b tsconfig.checks.json" "biome check ." --live "vitest run"
import { spawn } from "node:child_process";

const args = process.argv.slice(2);
const live = args.indexOf("--live");
const commands = args.filter((_, k) => k !== live);
if (commands.length === 0 || (live >= 0 && live === args.length - 1)) {
  console.error('usage: node src/testing/runTogether.mjs <command> [<command> ...] [--live "<command>"]');
  process.exit(2);
}
const isLive = (command) => live >= 0 && command === args[live + 1];

const codes = await Promise.all(
  commands.map(
    (command) =>
      new Promise((resolve) => {
        const chunks = [];
        const started = performance.now();
        const stdio = isLive(command) ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"];
        const child = spawn(command, { shell: true, stdio });
        child.stdout?.on("data", (chunk) => chunks.push(chunk));
        child.stderr?.on("data", (chunk) => chunks.push(chunk));
        child.on("error", (error) => chunks.push(Buffer.from(`${error.message}\n`)));
        child.on("close", (code, signal) => {
          const seconds = ((performance.now() - started) / 1000).toFixed(0);
          const outcome = code === 0 ? "ok" : `failed (${signal ?? `exit ${code}`})`;
          process.stdout.write(`> ${command}: ${outcome}, ${seconds} s\n${Buffer.concat(chunks).toString()}`);
          resolve(code ?? 1);
        });
      }),
  ),
);
process.exitCode = codes.find((code) => code !== 0) ?? 0;
