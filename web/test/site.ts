import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Browser, chromium, type Page } from "playwright-core";
import { build, preview } from "vite";

const configFile = fileURLToPath(new URL("../vite.config.ts", import.meta.url));

/** Screenshots of the main views, kept as test artefacts (git-ignored). */
export const SCREENSHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));

/**
 * Debian's chromium (CI installs it with apt); CHROMIUM overrides the path. Debian's
 * `chromium-headless-shell` first when installed: the old headless mode's own binary (no browser
 * UI code behind the headless page), same Blink and V8 (version 156 of both), runs this file on
 * ~15 s less processor time than `chromium` in headless mode (the whole file: 59 -> 45.6 s idle;
 * 85.3 / 71.6 -> 67.1 / 56.3 s alternating at load 11-16, 2026-12-01).
 */
async function chromiumPath(): Promise<string> {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  const { stdout } = await promisify(execFile)("sh", [
    "-c",
    "command -v chromium-headless-shell || command -v chromium || command -v chromium-browser",
  ]);
  return stdout.trim();
}

export interface Site {
  url: string;
  /** The built site (removed by `close`). */
  outDir: string;
  browser: Browser;
  /** A fresh page whose console errors and uncaught exceptions are collected in `errors`. */
  open(hash?: string): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/**
 * Builds the web app once into a temporary folder, serves it on a free 127.0.0.1 port with Vite's
 * static preview server (the production bundle, as a static host would serve it) and starts a
 * headless chromium. Everything is stopped by `close`.
 */
export async function startSite(): Promise<Site> {
  const outDir = await mkdtemp(join(tmpdir(), "anodefree-web-"));
  await build({ configFile, logLevel: "error", build: { outDir, emptyOutDir: true } });
  const server = await preview({
    configFile,
    logLevel: "error",
    build: { outDir },
    preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("the preview server did not report its address");
  const browser = await chromium.launch({
    executablePath: await chromiumPath(),
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
  return {
    url,
    outDir,
    browser,
    async open(hash = "") {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      // Generous: the machine may be busy with other tests; every wait is for a condition.
      page.setDefaultTimeout(120_000);
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(url + hash);
      await page.locator("body[data-ready]").waitFor();
      return { page, errors };
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve, reject) =>
        server.httpServer.close((error) => (error ? reject(error) : resolve())),
      );
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
