/**
 * Where WebAssembly is missing or refused (a Content-Security-Policy without 'wasm-unsafe-eval'
 * makes `new WebAssembly.Module` throw), no module compiles and the arena hands out plain arrays
 * and no kernel: the sampler then runs its JavaScript kernels (the same chain, kernel.test.ts).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { compileKernelModule, KernelArena } from "./kernelArena.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the WebAssembly kernel's module and memory", () => {
  it("compiles and is instantiated on the arena's memory where WebAssembly runs", () => {
    expect(compileKernelModule()).toBeInstanceOf(WebAssembly.Module);
    const arena = new KernelArena(1000, true);
    expect(arena.kernel).not.toBeNull();
    expect(arena.kernel?.field).toBeTypeOf("function");
  });

  it("does not compile where compiling WebAssembly is refused or WebAssembly does not exist", () => {
    vi.stubGlobal("WebAssembly", {
      ...WebAssembly,
      Module: class {
        constructor() {
          throw new EvalError("Refused to compile WebAssembly: 'wasm-unsafe-eval' is not allowed");
        }
      },
    });
    expect(compileKernelModule()).toBeNull();
    vi.stubGlobal("WebAssembly", undefined);
    expect(compileKernelModule()).toBeNull();
  });

  it("without WebAssembly hands out working arrays on a plain buffer and no kernel", () => {
    const arena = new KernelArena(1000, false);
    expect(arena.kernel).toBeNull();
    const a = arena.float64(3);
    a.set([1, 2, 3]);
    expect(Array.from(a)).toEqual([1, 2, 3]);
    expect(a.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it("refuses to hand out more than it was sized for", () => {
    const arena = new KernelArena(800, false);
    arena.float64(100);
    expect(() => arena.float64(100000)).toThrow(/more asked than sized for/);
  });
});
