/**
 * Start-up: what every CLI call and every sweep child pays before any physics, beside `node -e ''`
 * (Node's own start) measured in the same run. The built CLI (`npm run build` first, done here: the
 * esbuild bundle of scripts/bundle.mjs) is what users run; `tsx src/cli/bin.ts` is what tests and
 * developers run.
 */
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = 7;
const TARGET_MS = 300;
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

function wallMs(args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`${args.join(" ")}: exit ${code}`)),
    );
  });
}

/**
 * User-space instructions of one run under valgrind (callgrind): unlike wall time, independent of the
 * load of a shared machine. Their ratio to `node -e ''` matched the idle wall-time ratio of the
 * unbundled CLI (4.28x vs 4.33x), so the ratio times Node's idle start estimates the idle wall time.
 */
function instructions(args: string[]): Promise<number | undefined> {
  return new Promise((resolve) => {
    const child = spawn(
      "valgrind",
      ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, ...args],
      {
        cwd: root,
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let log = "";
    child.stderr.on("data", (chunk) => {
      log += chunk;
    });
    child.on("error", () => resolve(undefined));
    child.on("close", () => {
      const refs = /I\s+refs:\s+([\d,]+)/.exec(log)?.[1];
      resolve(refs === undefined ? undefined : Number(refs.replaceAll(",", "")));
    });
  });
}

/** `node -e ''` on this machine when idle (end of the previous session), for the estimate above. */
const IDLE_NODE_MS = 130;

const CASES: [label: string, meaning: string, args: string[]][] = [
  ["node -e ''", "Node's own start: the floor no change of ours can go below", ["-e", ""]],
  [
    "import the library",
    "import of the built dist/index.js (every study registered), nothing run",
    [
      "--input-type=module",
      "-e",
      `await import(${JSON.stringify(pathToFileURL(`${root}dist/index.js`).href)})`,
    ],
  ],
  [
    "anodefree studies",
    "the built CLI listing the studies (the issue's 300 ms target, as is the import)",
    ["bin/anodefree.js", "studies"],
  ],
  [
    "anodefree --help",
    "the built CLI's help: commander and the static study catalog",
    ["bin/anodefree.js", "--help"],
  ],
  [
    "tsx anodefree studies",
    "the same from the TypeScript sources through tsx",
    ["--import", tsx, "src/cli/bin.ts", "studies"],
  ],
];

export async function benchStartup(): Promise<void> {
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  console.log(`start-up: wall time of a fresh process, best and median of ${ROUNDS} (interleaved rounds)`);
  const times = CASES.map((): number[] => []);
  // Interleaved, so that a burst of load on the machine hits every case alike.
  for (let round = 0; round < ROUNDS; round++)
    for (const [k, [, , args]] of CASES.entries()) times[k].push(await wallMs(args));
  for (const [k, [label, meaning]] of CASES.entries()) {
    const sorted = [...times[k]].sort((a, b) => a - b);
    console.log(
      `  ${label.padEnd(22)} best ${sorted[0].toFixed(0).padStart(5)} ms, median ${sorted[ROUNDS >> 1].toFixed(0).padStart(5)} ms  (${meaning})`,
    );
  }
  // The issue's target holds on an idle machine; under load, Node's own start shows how far off it is.
  for (const k of [1, 2]) {
    const best = Math.min(...times[k]);
    console.log(
      `  target: ${CASES[k][0]} under ${TARGET_MS} ms (best) -> ${best < TARGET_MS ? "met" : "NOT met"} (${best.toFixed(0)} ms, ${(best - Math.min(...times[0])).toFixed(0)} ms over node -e '')`,
    );
  }
  await instructionCounts();
}

async function instructionCounts(): Promise<void> {
  // tsx is left out: under valgrind it takes minutes.
  const cases = CASES.filter(([label]) => !label.startsWith("tsx"));
  const counts: number[] = [];
  for (const [, , args] of cases) {
    const count = await instructions(args);
    if (count === undefined) {
      console.log("  instructions: valgrind not found, skipped (apt install valgrind)");
      return;
    }
    counts.push(count);
  }
  console.log(
    `instructions (valgrind callgrind, independent of load), and idle wall time estimated as the ratio to node -e '' times ${IDLE_NODE_MS} ms:`,
  );
  for (const [k, [label]] of cases.entries()) {
    const ratio = counts[k] / counts[0];
    const estimate = ratio * IDLE_NODE_MS;
    console.log(
      `  ${label.padEnd(22)} ${(counts[k] / 1e6).toFixed(0).padStart(6)} M  ${ratio.toFixed(2)}x node  ~${estimate.toFixed(0)} ms idle${k > 0 && k < 3 ? ` (target ${TARGET_MS} ms: ${estimate < TARGET_MS ? "met" : "NOT met"})` : ""}`,
    );
  }
}
