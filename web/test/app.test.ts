import { mkdir, readdir, readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolveCsvTables } from "../../src/studies/csvTables.js";
import { bundledLibrary } from "../../src/testing/anodefreeProcess.js";
import { scenarioHash } from "../src/share.js";
import { SCREENSHOTS, type Site, startSite } from "./site.js";

/**
 * The web app in a real browser (Debian's chromium-headless-shell, else chromium: site.ts): the
 * production build served statically, driven through the page as a user would. Every wait is for a
 * condition on the page.
 *
 * Most tests share one page, as a visitor goes from one scenario to the next in one tab (each loads
 * its scenario through the address bar's link or an example): a page load with its workers costs
 * several processor seconds on the 2-core machine (docs/testing.md). Only what is about opening a
 * page (a shared link, a link that does not decode) opens a fresh one.
 */

let site: Site;

// The library the page is compared with, from the test run's bundle of this checkout (see the function).
const { InputError, runScenario, validateScenario } = await bundledLibrary();

// The production build (~6 s of processor time with Vite 8, ~24 s with Vite 7) and chromium's start;
// `npm test` runs them beside the type checks and the other test files, and on a loaded machine the
// Vite 7 build took over the default 300 s hook limit (a guard against a hang, not a speed requirement).
const BUILD_TIMEOUT_MS = 1_200_000;

/**
 * Screenshots of the main views (test artefacts for a person to look at, no test reads them) only
 * when asked for with ANODEFREE_SCREENSHOTS=1: each full-page screenshot costs ~2 s of processor
 * time on the 2-core machine (docs/testing.md).
 */
const KEEP_SCREENSHOTS = process.env.ANODEFREE_SCREENSHOTS === "1";

async function screenshot(page: Page, name: string): Promise<void> {
  if (KEEP_SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

beforeAll(async () => {
  if (KEEP_SCREENSHOTS) await mkdir(SCREENSHOTS, { recursive: true });
  site = await startSite();
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await site?.close();
});

const yamlView = (page: Page) =>
  page.locator("#editor textarea.af-yaml-text, #editor textarea[data-scenario-yaml]").first();

/** Edits the scenario through the editor's YAML view, as a user typing there. */
async function editYaml(page: Page, edit: (text: string) => string): Promise<void> {
  const view = yamlView(page);
  const before = await view.inputValue();
  const after = edit(before);
  expect(after).not.toBe(before);
  await view.fill(after);
}

/**
 * Clicks Run (or another button that starts a run) and waits for this run's outcome: "done", or the
 * state (failed, refused, cancelled) and why.
 */
async function run(page: Page, button = page.locator("#run")): Promise<string> {
  const status = page.locator("#status");
  const previous = Number((await status.getAttribute("data-run")) ?? 0);
  await button.click();
  const finished = page.locator(`#status[data-run="${previous + 1}"]:not([data-state="running"])`);
  await finished.waitFor();
  const state = (await finished.getAttribute("data-state")) ?? "";
  return state === "done" ? state : `${state}: ${await finished.textContent()}`;
}

/** Keeps a screenshot of the view if asked for, checks the console stayed clean, closes. */
async function finish(page: Page, errors: string[], name?: string): Promise<void> {
  if (name) await screenshot(page, name);
  expect(errors).toEqual([]);
  await page.close();
}

/**
 * Loads a scenario into the open page through its link (the address bar's `#scenario=`), as a
 * visitor pasting a link into the same tab, and waits until the editor shows it.
 */
async function loadLink(page: Page, scenario: unknown): Promise<void> {
  const hash = await scenarioHash(scenario);
  await page.evaluate((next) => {
    location.hash = next;
  }, hash);
  await expect.poll(async () => parse(await yamlView(page).inputValue()), POLL).toEqual(scenario);
}

/** Chooses an example in the open page and waits until the editor shows it. */
async function loadExample(page: Page, file: string): Promise<void> {
  await page.locator("#example").selectOption(file);
  const scenario = parse(await readFile(`examples/${file}`, "utf8"));
  await expect.poll(async () => parse(await yamlView(page).inputValue()), POLL).toEqual(scenario);
}

/** Drops a file on the page's drop zone, as a user dragging it from their file manager. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  await page.locator("#drop").evaluate(
    (zone, [fileName, content]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], fileName, { type: "text/csv" }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    [name, text],
  );
  await page.locator(`#file-list [data-file="${name}"]`).waitFor();
}

const metric = async (page: Page, path: string) =>
  Number(await page.locator(`#results tr[data-path="${path}"] td.value`).textContent());

/** expect.poll waits 1 s by default: too short for a worker loading on a busy machine. */
const POLL = { timeout: 120_000 };

const TIP_FRACTION = "regions/tip/current fraction";

describe("the web app in chromium, one page for a visit", () => {
  let page: Page;
  let errors: string[];
  /** Console errors before this index were reported by an earlier test. */
  let seen = 0;

  beforeAll(async () => {
    ({ page, errors } = await site.open());
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await page?.close();
  });

  // Each test starts from the run view with nothing running, whatever the previous one left.
  beforeEach(async () => {
    if (await page.locator("#cancel").isEnabled()) await page.locator("#cancel").click();
    await page.locator('#status:not([data-state="running"])').waitFor({ state: "attached" });
    await page.locator("#tab-run").click();
  });

  afterEach(() => {
    seen = errors.length;
  });

  /** Keeps a screenshot of the view if asked for and checks this test left the console clean. */
  async function clean(name?: string): Promise<void> {
    if (name) await screenshot(page, name);
    expect(errors.slice(seen)).toEqual([]);
  }

  it("loads with no console errors and offers every study and example", async () => {
    const studies = await page.locator("#study option").allTextContents();
    expect(studies).toContain("interface-2d");
    expect(studies).toContain("eis-fit");
    const examples = await page.locator("#example option").allTextContents();
    const files = (await readdir("examples")).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(examples).toContain(file);
    await clean("start");
  });

  it("interface-2d: a ten times less conducting layer (1 -> 0.1 mS/cm) sends more current to the tip; its shared link restores it in a new page with the same metrics", async () => {
    await loadExample(page, "interface-2d-fig8b.yaml");
    expect(await yamlView(page).inputValue()).toContain("ionicConductivity: 1 mS/cm");
    expect(await run(page)).toBe("done");
    const conducting = await metric(page, TIP_FRACTION);
    await page.locator("#results figure[data-drawn]").first().waitFor();
    await screenshot(page, "interface-2d");

    await editYaml(page, (text) =>
      text.replace("ionicConductivity: 1 mS/cm", "ionicConductivity: 0.1 mS/cm"),
    );
    expect(await run(page)).toBe("done");
    const resistive = await metric(page, TIP_FRACTION);
    // A poorer buffer layer spreads the current less (Xie2024 Fig. 8): the tip takes a larger share.
    expect(conducting).toBeGreaterThan(0);
    expect(resistive).toBeGreaterThan(conducting);
    expect(resistive).toBeLessThan(1);

    // The edited scenario's link, opened in a new page (a run of its own there, not a third here: a
    // run with its figures costs about a processor second in the page).
    const scenario = parse(await yamlView(page).inputValue());
    const metrics = await page.locator("#results table.metrics tbody").textContent();
    const link = page.url();
    expect(link).toContain("#scenario=");
    const second = await site.open(link.slice(link.indexOf("#")));
    expect(parse(await yamlView(second.page).inputValue())).toEqual(scenario);
    expect(await run(second.page)).toBe("done");
    expect(await second.page.locator("#results table.metrics tbody").textContent()).toBe(metrics);
    expect(second.errors).toEqual([]);
    await second.page.close();
    await clean();
  });

  it("a wrong unit for a thickness shows the CLI's message at that field and does not run", async () => {
    await loadExample(page, "interface-2d-fig8b.yaml");
    await editYaml(page, (text) => text.replace("thickness: 10 um", "thickness: 10 mA"));
    // The CLI's own wording, from the same validator the CLI runs.
    const scenario = parse(await yamlView(page).inputValue());
    const refused = (() => {
      try {
        validateScenario(scenario);
      } catch (error) {
        if (error instanceof InputError) return error.problems;
      }
      throw new Error("the scenario with 10 mA for a thickness was accepted");
    })();
    expect(refused).toEqual([{ path: "params.layer.thickness", message: expect.stringContaining("10 mA") }]);
    const field = page.locator('#editor [data-path="params.layer.thickness"]').first();
    await expect.poll(() => field.textContent(), POLL).toContain(refused[0].message);
    // Nothing ran: a run would first clear the results the page shows (the previous test's).
    const shown = await page.locator("#results").innerHTML();
    expect(await run(page)).toMatch(/^refused/);
    expect(await page.locator("#results").innerHTML()).toBe(shown);
    await clean("wrong-unit");
  });

  it("Cancel stops a long grain-selection run within a second, and the next run works", async () => {
    // Long enough to be still running well after the cancel: t = 2000 (five times Zhang2025's run)
    // on a 120 x 60 grid. The first progress the page shows comes at 2 % of the run, which the test
    // waits for; in Node that took 0.33-0.39 s and the whole run 5.5 s (idle, 2026-12-01): ~5 s of
    // work still to do, so a Cancel that waited for the run would take far longer than the second
    // allowed. (At t = 400 the run takes 1.7 s: the study solves one row for all of them.)
    const long = {
      study: "grain-selection",
      name: "long",
      params: { metal: "Li", environment: "liquid", grid: { nx: 120, ny: 60 }, nuclei: 40, endTime: 2000 },
    };
    await loadLink(page, long);
    const previous = Number((await page.locator("#status").getAttribute("data-run")) ?? 0);
    await page.locator("#run").click();
    // Wait until the worker is computing this run (progress reported), then cancel.
    await page.waitForFunction(
      (run) =>
        (document.getElementById("status") as HTMLElement).dataset.run === String(run) &&
        (document.querySelector("progress") as HTMLProgressElement).value > 0,
      previous + 1,
    );
    const elapsed = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const status = document.getElementById("status") as HTMLElement;
          const started = performance.now();
          new MutationObserver(() => {
            if (status.dataset.state === "cancelled") resolve(performance.now() - started);
          }).observe(status, { attributes: true });
          (document.getElementById("cancel") as HTMLButtonElement).click();
        }),
    );
    expect(elapsed).toBeLessThan(1000);
    const stopped = await page.locator("progress").evaluate((p) => (p as HTMLProgressElement).value);
    expect(stopped).toBeLessThan(1);
    // A fresh worker takes the next run: any run to its end tells, so a tiny one (12 ms in Node
    // against 0.7 s at 40 x 20 with 10 nuclei to t = 5).
    await editYaml(page, (text) =>
      text
        .replace("endTime: 2000", "endTime: 1")
        .replace("nx: 120", "nx: 20")
        .replace("ny: 60", "ny: 10")
        .replace("nuclei: 40", "nuclei: 4"),
    );
    expect(await run(page)).toBe("done");
    await clean();
  });

  it("eis-fit fits a dropped CSV file and shows the Nyquist plot", async () => {
    await loadLink(page, parse(await readFile("examples/eis-fit.yaml", "utf8")));
    await dropFile(
      page,
      "eis-wang2024-like.csv",
      await readFile("examples/data/eis-wang2024-like.csv", "utf8"),
    );
    expect(await run(page)).toBe("done");
    // The file's header states the circuit it was generated with: R0 = 54 ohm.
    expect(await metric(page, "parameters/R0/value")).toBeCloseTo(54, 1);
    const nyquist = page.locator('#results figure[data-figure="nyquist"]');
    await nyquist.locator("svg").first().waitFor();
    expect(await nyquist.getAttribute("data-drawn")).toBe("true");
    await clean("eis-fit");
  });

  it("a scenario's CSV table is read from a dropped file, refused at its field until then", async () => {
    const scenario = parse(await readFile("examples/interface-2d-measured-profile.yaml", "utf8"));
    const csv = await readFile("examples/data/collector-profile.csv", "utf8");
    expect(await page.locator('#file-list [data-file="collector-profile.csv"]').count()).toBe(0);
    await loadLink(page, scenario);
    expect(await run(page)).toMatch(/^refused/);
    await dropFile(page, "collector-profile.csv", csv);
    expect(await run(page)).toBe("done");
    // The same scenario in Node, its table read by the same core function from the same text.
    const inNode = runScenario(resolveCsvTables(scenario, () => csv.split("\n")));
    // The page prints 4 significant digits; a flat collector would give 1 for both.
    for (const [path, key] of [
      ["area ratio", "areaRatio"],
      ["peak to mean", "peakToMean"],
    ])
      expect(Math.abs((await metric(page, path)) / (inNode.metrics[key] as number) - 1)).toBeLessThan(1e-3);
    await clean();
  });

  it("a two-point sweep returns both rows", async () => {
    const sweep = {
      study: "interface-2d",
      name: "layer conductivity",
      params: {
        layer: { thickness: "10 um", width: "50 um", ionicConductivity: "1 mS/cm" },
        collector: {
          kinetics: { type: "linear", asr: "2 ohm*cm^2" },
          tips: [{ name: "tip", x: "0 um", height: "2 um", width: "2 um" }],
        },
        currentDensity: "0.68 mA/cm^2",
      },
      sweep: { over: { "layer.ionicConductivity": ["1 mS/cm", "0.1 mS/cm"] } },
    };
    await loadLink(page, sweep);
    expect(await run(page)).toBe("done");
    const rows = page.locator("#results table.sweep-table tbody tr");
    expect(await rows.count()).toBe(2);
    const columns = await page.locator("#results table.sweep-table thead th").allTextContents();
    const tip = columns.indexOf("regions.tip.currentFraction");
    expect(tip).toBeGreaterThan(0);
    const fractions = await Promise.all(
      [0, 1].map(async (r) => Number(await rows.nth(r).locator("td").nth(tip).textContent())),
    );
    expect(fractions[1]).toBeGreaterThan(fractions[0]);
    await clean("sweep");
  });

  it("the gallery runs a reproduction with fast settings and shows paper against ours", async () => {
    await page.locator("#tab-gallery").click();
    const entry = page.locator('section[data-reproduction="alloy-film/fig4a"]');
    expect(await run(page, entry.locator("button"))).toBe("done");
    const verdicts = await entry
      .locator("table.reproduction tbody tr")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-verdict")));
    expect(verdicts.length).toBeGreaterThan(0);
    // As `npm test` demands of `anodefree reproduce --fast`: no paper value fails.
    for (const verdict of verdicts) expect(["match", "differs"]).toContain(verdict);
    // Figures of the runs sit in closed <details>: drawn, but not visible.
    await entry.locator('figure[data-drawn="true"]').first().waitFor({ state: "attached" });
    await clean("gallery");
  });
});

describe("the web app in chromium, opening a page", () => {
  it("a link that does not decode says so and leaves an empty form", async () => {
    const { page, errors } = await site.open("#scenario=not-a-deflated-scenario");
    await expect.poll(() => page.locator("#url-error").textContent(), POLL).toContain("does not decode");
    expect(await page.locator("#url-error").isVisible()).toBe(true);
    expect(await page.locator("#study").inputValue()).toBeTruthy();
    await finish(page, errors);
  });
});
