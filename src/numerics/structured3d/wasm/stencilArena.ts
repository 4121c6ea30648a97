/**
 * A WebAssembly memory holding a StencilMatrix3D's coefficients and the vectors its sweeps work on,
 * with the kernels of sweep3d.as.ts instantiated on it. Arrays are Float64Array views on the memory
 * (allocated here, never moved: the memory has a fixed size, since growing it would detach every
 * view). Null where WebAssembly is missing or refused (a Content-Security-Policy without
 * 'wasm-unsafe-eval'): the matrix then keeps its JavaScript kernels.
 */
import { SWEEP3D_WASM_BASE64 } from "./sweep3d.wasm.js";

/** The exports of sweep3d.as.ts (byte addresses and node indices, see there). */
export interface Sweep3DKernel {
  backwardLine(
    c0: number,
    c1: number,
    c2: number,
    c3: number,
    c4: number,
    x0: number,
    x1: number,
    x2: number,
    x3: number,
    x4: number,
    x5: number,
    x6: number,
    x7: number,
    x8: number,
    bl: number,
    nx: number,
    wrap: boolean,
  ): void;
}

const PAGE = 65536;

let compiled: WebAssembly.Module | null | undefined;

function sweepModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const text = atob(SWEEP3D_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
    compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/** The first bytes of memory are the kernel's (ANCHOR in sweep3d.as.ts). */
const RESERVED = 64;

export class StencilArena {
  readonly kernel: Sweep3DKernel;
  readonly buffer: ArrayBuffer;
  /** Byte address of 14 nx zeros: the coefficients and x of a missing neighbour line. */
  readonly zeros: number;
  private next = RESERVED;

  private constructor(kernel: Sweep3DKernel, buffer: ArrayBuffer, nx: number) {
    this.kernel = kernel;
    this.buffer = buffer;
    this.zeros = this.allocate(14 * nx).byteOffset;
  }

  /**
   * An arena with room for arrays of `doubles` float64 in all, for grids of lines up to `nx` nodes;
   * null without WebAssembly.
   */
  static create(doubles: number, nx: number): StencilArena | null {
    const module = sweepModule();
    if (!module) return null;
    try {
      const pages = Math.ceil((RESERVED + 8 * (doubles + 14 * nx)) / PAGE);
      const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
      const instance = new WebAssembly.Instance(module, { env: { memory } });
      return new StencilArena(instance.exports as unknown as Sweep3DKernel, memory.buffer, nx);
    } catch {
      return null;
    }
  }

  /** A zeroed array of `length` float64 in the arena; throws when it is full. */
  allocate(length: number): Float64Array {
    const array = this.tryAllocate(length);
    if (!array) throw new Error(`StencilArena: no room for ${length} more doubles`);
    return array;
  }

  /** A zeroed array of `length` float64 in the arena; null when it is full. */
  tryAllocate(length: number): Float64Array | null {
    if (this.next + 8 * length > this.buffer.byteLength) return null;
    const array = new Float64Array(this.buffer, this.next, length);
    this.next += 8 * length;
    return array;
  }

  /** Whether every array lives in this arena. */
  holds(...arrays: Float64Array[]): boolean {
    return arrays.every((array) => array.buffer === this.buffer);
  }
}
