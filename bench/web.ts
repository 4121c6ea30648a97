/**
 * `npm run bench -- web`: the web app against its targets (issue 19). A model's run time in the
 * page's worker against the same run in Node (target: within 1.5x), the page's initial JavaScript
 * gzipped (target: under 400 kB), navigation to an interactive form on localhost (target: under 1 s).
 * Run times are the registry's own `wallSeconds` on both sides, medians after a warm-up run.
 */
import { readFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { parse } from "yaml";
import { runScenario } from "../src/index.js";
import { scenarioHash } from "../web/src/share.js";
import { startSite } from "../web/test/site.js";

const REPEATS = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const CASES = [
  { label: "Xie2024 Fig. 8b (interface-2d)", file: "examples/interface-2d-fig8b.yaml" },
  { label: "Wang2024 Fig. 4c map (alloy-film)", file: "examples/alloy-film-fig4c-map.yaml" },
];

function nodeSeconds(scenario: unknown): number {
  runScenario(scenario); // warm-up: JIT compilation
  return median(Array.from({ length: REPEATS }, () => runScenario(scenario).diagnostics.wallSeconds));
}

async function workerSeconds(page: Page): Promise<number> {
  const seconds: number[] = [];
  for (let k = 0; k <= REPEATS; k++) {
    const status = page.locator("#status");
    const previous = Number((await status.getAttribute("data-run")) ?? 0);
    await page.locator("#run").click();
    await page
      .locator(`#status[data-run="${previous + 1}"][data-state="done"]`)
      .waitFor({ timeout: 600_000 });
    const wall = Number(await page.locator("#results .diagnostics").getAttribute("data-wall-seconds"));
    if (k > 0) seconds.push(wall);
  }
  return median(seconds);
}

/** Gzipped size of the JavaScript index.html loads before anything lazy (worker, plots). */
async function initialJsBytes(outDir: string): Promise<number> {
  const html = await readFile(join(outDir, "index.html"), "utf8");
  const scripts = [
    ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.\/([^"]+\.js)"/g),
  ];
  let total = 0;
  for (const [, file] of scripts) total += gzipSync(await readFile(join(outDir, file))).length;
  return total;
}

export async function benchWeb(): Promise<void> {
  const load = loadavg()[0].toFixed(1);
  console.log(
    `web app (production build, headless chromium; load average ${load} on ${cpus().length} cores):`,
  );
  const site = await startSite();
  try {
    const kB = (await initialJsBytes(site.outDir)) / 1000;
    console.log(
      `  initial JavaScript: ${kB.toFixed(1)} kB gzipped; target under 400 kB -> ${kB < 400 ? "met" : "NOT met"}`,
    );

    const page = await site.browser.newPage();
    const loads: number[] = [];
    for (let k = 0; k <= REPEATS; k++) {
      await page.goto(`${site.url}?load=${k}`);
      await page.locator("body[data-ready]").waitFor({ timeout: 120_000 });
      const ms = await page.evaluate(
        () => performance.getEntriesByName("anodefree:interactive")[0]?.startTime,
      );
      if (k > 0) loads.push(ms);
    }
    const interactive = median(loads);
    console.log(
      `  navigation to an interactive form: ${interactive.toFixed(0)} ms (median of ${REPEATS}); target under 1 s -> ${interactive < 1000 ? "met" : "NOT met"}`,
    );

    for (const { label, file } of CASES) {
      const scenario = parse(await readFile(file, "utf8"));
      const node = nodeSeconds(scenario);
      await page.goto(`${site.url}${await scenarioHash(scenario)}`);
      await page.locator("body[data-ready]").waitFor({ timeout: 120_000 });
      const worker = await workerSeconds(page);
      const ratio = worker / node;
      console.log(
        `  ${label}: worker ${(worker * 1000).toFixed(0)} ms, Node ${(node * 1000).toFixed(0)} ms (medians of ${REPEATS}), ratio ${ratio.toFixed(2)}; target at most 1.5 -> ${ratio <= 1.5 ? "met" : "NOT met"}`,
      );
    }
  } finally {
    await site.close();
  }
}

// `npx tsx bench/web.ts` runs this bench alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchWeb();
