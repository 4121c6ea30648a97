/**
 * One memory for a sampler's arrays and, where WebAssembly may run, the kernel of kernel.as.ts
 * instantiated on it: the arrays are views on the kernel's memory, so the JavaScript side (kept
 * fields, semi-grand flips, the stage averages) and the WebAssembly side work on the same data,
 * copied in once. Where WebAssembly is missing or forbidden (a Content-Security-Policy without
 * 'wasm-unsafe-eval'), or not wanted, the views sit on a plain ArrayBuffer and `kernel` is null:
 * the sampler then runs its JavaScript kernels, with the same results.
 */
import { KERNEL_WASM_BASE64 } from "./kernel.wasm.js";

/** The exports of kernel.as.ts (see there). */
export interface WasmKernel {
  init(
    intsAt: number,
    realsAt: number,
    energiesAt: number,
    weightsAt: number,
    membersAt: number,
    positionsAt: number,
    kindStartsAt: number,
    sparseCountsAt: number,
    speciesAt: number,
    scratchAt: number,
    longestRow: number,
    psiAt: number,
    kindCount: number,
  ): void;
  field(i: number): number;
  swaps(steps: number, kT: number, totalWeight: number): number;
  setRandomState(state: number): void;
  /** The mulberry32 state as a signed 32-bit integer (`>>> 0` gives SeededRandom's). */
  randomState(): number;
  setEnergy(energy_J: number): void;
  currentEnergy(): number;
}

const PAGE = 65536;
/** The first page is left to the module's own data. */
const RESERVED = PAGE;

let compiled: WebAssembly.Module | null | undefined;

/** The kernel's module compiled now; null where WebAssembly is missing or compiling it is refused. */
export function compileKernelModule(): WebAssembly.Module | null {
  try {
    const text = atob(KERNEL_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
    return new WebAssembly.Module(bytes);
  } catch {
    return null;
  }
}

/** compileKernelModule once per process. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) compiled = compileKernelModule();
  return compiled;
}

export class KernelArena {
  readonly kernel: WasmKernel | null;
  private readonly buffer: ArrayBuffer;
  private next = RESERVED;

  /** Room for arrays of `bytes` bytes in all (each is aligned to 8); the WebAssembly kernel if wanted. */
  constructor(bytes: number, webAssembly: boolean) {
    const pages = Math.ceil((RESERVED + bytes + 8 * 16) / PAGE);
    const module = webAssembly ? kernelModule() : null;
    let kernel: WasmKernel | null = null;
    let buffer: ArrayBuffer | null = null;
    if (module) {
      try {
        const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
        const instance = new WebAssembly.Instance(module, {
          env: { memory },
          "kernel.as": { exp: Math.exp },
        });
        kernel = instance.exports as unknown as WasmKernel;
        buffer = memory.buffer;
      } catch {
        kernel = null;
      }
    }
    this.kernel = kernel;
    this.buffer = buffer ?? new ArrayBuffer(pages * PAGE);
  }

  private take(bytes: number): number {
    const at = this.next;
    this.next += Math.ceil(bytes / 8) * 8;
    if (this.next > this.buffer.byteLength) throw new Error("KernelArena: more asked than sized for");
    return at;
  }

  int32(length: number): Int32Array {
    return new Int32Array(this.buffer, this.take(4 * length), length);
  }

  float64(length: number): Float64Array {
    return new Float64Array(this.buffer, this.take(8 * length), length);
  }

  int8(length: number): Int8Array {
    return new Int8Array(this.buffer, this.take(length), length);
  }
}

/** Bytes an arena needs for arrays of these lengths and element sizes (each aligned to 8). */
export function arenaBytes(...arrays: [length: number, elementBytes: number][]): number {
  return arrays.reduce((sum, [length, size]) => sum + Math.ceil((length * size) / 8) * 8, 0);
}
