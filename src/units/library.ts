/// <reference types="vite/client" />
import type * as MathJs from "mathjs";

/** The units library (mathjs): units, conversions and the sweep constraints' expression parser. */
export type UnitsLibrary = typeof MathJs;

let loaded: UnitsLibrary | undefined;

function configured(math: UnitsLibrary): UnitsLibrary {
  // Battery capacities are written in mAh and Ah, which the units library does not define.
  math.createUnit("Ah", { definition: "3600 C", prefixes: "short" }, { override: true });
  // Storage and corrosion times are quoted in days ("7 d").
  math.createUnit("d", { definition: "1 day" }, { override: true });
  return math;
}

/**
 * Vite replaces this call by a static import, so the page's worker loads mathjs with itself (a
 * browser cannot load a module synchronously later); in Node `import.meta.glob` does not exist and
 * this returns nothing. vitest.config.ts points the import at mathjsNotBundled.ts, so tests take
 * Node's path.
 */
function bundled(): UnitsLibrary | undefined {
  try {
    const modules = import.meta.glob<UnitsLibrary>("./mathjsModule.ts", { eager: true, import: "default" });
    return Object.values(modules)[0];
  } catch {
    return undefined;
  }
}

/**
 * Node loads the units library on first use: importing the full ESM mathjs costs ~1 s, the price
 * of every CLI start and sweep child even when no quantity string is parsed. Its prebuilt single
 * file loads in a fifth of that. `process.getBuiltinModule` (Node >= 20.16) is reached through
 * `globalThis`, so this file imports nothing from Node and runs unchanged in a browser worker.
 */
function nodeRequired(): UnitsLibrary | undefined {
  const nodeProcess = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const moduleApi = nodeProcess?.getBuiltinModule?.("module") as
    | { createRequire(from: string): (id: string) => unknown }
    | undefined;
  return moduleApi?.createRequire(import.meta.url)("mathjs/lib/browser/math.js") as UnitsLibrary | undefined;
}

/** The units library, loaded and given our units (Ah, d) on first call. */
export function unitsLibrary(): UnitsLibrary {
  if (loaded) return loaded;
  const math = bundled() ?? nodeRequired();
  if (!math) throw new Error("the units library (mathjs) could not be loaded in this environment");
  loaded = configured(math);
  return loaded;
}
