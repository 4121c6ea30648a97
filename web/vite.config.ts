import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The web app: a static site (no back end) whose physics runs in a module Web Worker importing the
 * library's public face from ../src. `base: "./"` lets the built site work from any folder of any
 * static host.
 */
export default defineConfig({
  root: here("."),
  base: "./",
  build: { outDir: here("../dist/web"), emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 4000 },
  worker: { format: "es" },
  // The page imports the examples and the library from outside web/.
  server: { fs: { allow: [here("..")] } },
});
