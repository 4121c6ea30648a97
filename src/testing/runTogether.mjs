// Runs shell commands at the same time and exits with the first non-zero exit code among them
// (0 if all pass). Each command's output is printed in one piece when it ends, so the logs of the
// two type checks and the linter do not interleave. `npm test` runs its checks this way: tsc of the
// library and tsc of the web app (which checks the library again, without Node's types) are
// single-threaded, and side by side they use both cores. Thirty lines of glue, so no dependency.
//
//   node src/testing/runTogether.mjs "tsc --noEmit" "tsc --noEmit -p web" "biome check ."
import { spawn } from "node:child_process";

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error("usage: node src/testing/runTogether.mjs <command> [<command> ...]");
  process.exit(2);
}

const codes = await Promise.all(
  commands.map(
    (command) =>
      new Promise((resolve) => {
        const chunks = [];
        const started = performance.now();
        const child = spawn(command, { shell: true, stdio: ["ignore", "pipe", "pipe"] });
        child.stdout.on("data", (chunk) => chunks.push(chunk));
        child.stderr.on("data", (chunk) => chunks.push(chunk));
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
