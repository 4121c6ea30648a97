import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";
import { defineConfig, type Plugin } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const CATALOG = "virtual:study-catalog";

/**
 * The study list and schemas as a module computed from the registry at build time (web/src/catalog.ts
 * run in Node through tsx: Vite's own module runner gives up after 60 s, which a busy machine can
 * take to load the registry), so the form needs no round trip to the physics worker. The dev server
 * computes it once at start: restart it after changing a schema.
 */
function studyCatalog(): Plugin {
  let source: Promise<string> | undefined;
  return {
    name: "anodefree-study-catalog",
    resolveId: (id) => (id === CATALOG ? `\0${CATALOG}` : undefined),
    load(id) {
      if (id !== `\0${CATALOG}`) return undefined;
      source ??= (
        tsImport(here("./src/catalog.ts"), import.meta.url) as Promise<typeof import("./src/catalog.js")>
      ).then((module) => `export default ${JSON.stringify(module.studyCatalog())};`);
      return source;
    },
  };
}

/**
 * The web app: a static site (no back end) whose physics runs in a module Web Worker importing the
 * library's public face from ../src. `base: "./"` lets the built site work from any folder of any
 * static host.
 */
export default defineConfig({
  root: here("."),
  base: "./",
  plugins: [studyCatalog()],
  // The worker's units library: mathjs's prebuilt file (web/src/mathjsPrebuilt.ts says why).
  resolve: { alias: [{ find: /^\.\/mathjsModule\.ts$/, replacement: here("./src/mathjsPrebuilt.ts") }] },
  // Vite 8 bundles and minifies with Rolldown and Oxc (Rust): the build takes ~6 s of processor time
  // against ~24 s with Vite 7's Rollup and esbuild, and the site is smaller (2.57 -> 2.51 MB, gzip
  // 808 -> 772 kB), on default tree-shaking (Rolldown has no "smallest" preset). Vitest 3 keeps its
  // own Vite 7.
  build: {
    outDir: here("../dist/web"),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 4000,
    // Rolldown's timing warning blamed the catalogue's load hook on every build: its 387 calls all
    // await the one registry load through tsx, a few seconds of wall time that is not plugin work.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  worker: { format: "es" },
  // The page imports the examples and the library from outside web/.
  server: { fs: { allow: [here("..")] } },
});
