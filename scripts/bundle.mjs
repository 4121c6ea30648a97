/**
 * Bundles the built library and CLI with esbuild. Node's ESM loader pays per module (resolve, read,
 * compile, link): the unbundled build loaded ~380 files (95 of them zod's) before `anodefree studies`
 * printed a line. Bundled, Node loads a handful of files; code splitting keeps the commands' own
 * modules (sweep, queue, PNG) in chunks loaded only when used. Declarations still come from tsc.
 *
 * Every output file sits flat in dist/, so that `new URL("./thread.js", import.meta.url)` and
 * `new URL("./computeProcess.js", import.meta.url)` find the worker entries from whichever chunk holds
 * the code that starts them.
 *
 * Into dist/ (not into a named folder) it also copies the library's declarations, which the type
 * checks (`tsc -b tsconfig.checks.json`, run first by `npm run build`) leave in node_modules/.cache.
 */
import { cp, readdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
// An output folder may be named (the test suite bundles into node_modules/.cache, where the
// bundle's external packages still resolve); dist/ otherwise.
const dist = process.argv[2] ? resolve(process.argv[2]) : join(root, "dist");

/** Pure-JS packages inlined into the bundle (checked by running every command); the rest stay packages. */
const INLINED = new Set(["zod", "csv-parse", "jstat", "ml-matrix", "commander", "yaml"]);
// Left out on purpose: native code (@resvg/resvg-js), packages that read files beside themselves
// (bullmq's Lua scripts, dejavu-fonts-ttf), packages our code loads by path through createRequire
// (mathjs's prebuilt file in src/units/library.ts, cli-progress, read-excel-file), and vega.

/**
 * Inlined CommonJS (commander) calls `require("node:events")`; an ES module has no
 * `require`, so every output file gets one.
 */
const REQUIRE_SHIM =
  'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);';

const ENTRY_POINTS = [
  "src/index.ts",
  "src/cli/bin.ts",
  "src/cli/reproduce/thread.ts",
  "src/cli/threads/gridThread.ts",
  "src/cli/sweep/computeProcess.ts",
];

/**
 * zod's error messages in 40 languages are half of its code, parsed at every start; we never switch
 * language (`z.config(z.locales.xx())`), so only English, zod's default, is bundled.
 */
const zodInEnglishOnly = {
  name: "zod-in-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      importer.includes("/node_modules/zod/") ? { path: "zod-locales", namespace: "zod-locales" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, () => ({
      contents: 'export { default as en } from "zod/v4/locales/en.js";',
      resolveDir: root,
    }));
  },
};

/**
 * yaml's Node build is CommonJS that fails once inlined (it requires "process"); its ESM build, the
 * same code, inlines cleanly.
 */
const yamlAsEsm = {
  name: "yaml-as-esm",
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: join(root, "node_modules/yaml/browser/index.js") }));
  },
};

async function cleanJavaScript() {
  // dist/web is the web page (`npm run build:web`), not ours to remove.
  for (const entry of await readdir(dist, { withFileTypes: true }).catch(() => [])) {
    if (entry.name !== "web") await rm(join(dist, entry.name), { recursive: true, force: true });
  }
}

const { dependencies } = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
await cleanJavaScript();
await build({
  absWorkingDir: root,
  entryPoints: ENTRY_POINTS,
  outdir: dist,
  entryNames: "[name]",
  chunkNames: "[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: Object.keys(dependencies).filter((name) => !INLINED.has(name)),
  minifySyntax: true,
  minifyWhitespace: true,
  sourcemap: true,
  sourcesContent: false,
  banner: { js: REQUIRE_SHIM },
  plugins: [zodInEnglishOnly, yamlAsEsm],
  logLevel: "warning",
});
if (!process.argv[2]) {
  const declarations = join(root, "node_modules/.cache/tsc/core");
  await cp(declarations, dist, { recursive: true }).catch(() => {
    console.error(`no declarations in ${declarations}: run npx tsc -b tsconfig.checks.json first`);
    process.exit(2);
  });
}
