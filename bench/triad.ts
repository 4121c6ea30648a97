/**
 * The physical limit of a memory-bound kernel in this JavaScript engine: the STREAM triad
 * a = b + s c (McCalpin, STREAM benchmark) on arrays far larger than the caches, and each stencil
 * kernel's bandwidth as a fraction of it, measured alternately in the same run so that the load of
 * a shared machine affects both sides alike.
 */

export interface MemoryKernel {
  name: string;
  /** Bytes one call moves to or from memory (stated beside each kernel's code). */
  bytes: number;
  run: () => void;
}

const TRIAD_LENGTH = 1 << 23; // 3 arrays x 64 MB
const ROUNDS = 5;

function triad(a: Float64Array, b: Float64Array, c: Float64Array, s: number): void {
  for (let i = 0; i < a.length; i++) a[i] = b[i] + s * c[i];
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

function seconds(run: () => void): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

/**
 * Prints the triad bandwidth and each kernel's bandwidth and fraction of it: medians over ROUNDS
 * rounds, each round timing the triad and then every kernel once (after one warm-up call each).
 */
export function printMemoryFractions(kernels: MemoryKernel[]): void {
  const a = new Float64Array(TRIAD_LENGTH);
  const b = new Float64Array(TRIAD_LENGTH).fill(1);
  const c = new Float64Array(TRIAD_LENGTH).fill(2);
  const runTriad = () => triad(a, b, c, 3);
  runTriad();
  for (const kernel of kernels) kernel.run();
  const triadTimes: number[] = [];
  const kernelTimes = kernels.map((): number[] => []);
  for (let round = 0; round < ROUNDS; round++) {
    triadTimes.push(seconds(runTriad));
    for (const [k, kernel] of kernels.entries()) kernelTimes[k].push(seconds(kernel.run));
  }
  const triadRate = (3 * 8 * TRIAD_LENGTH) / median(triadTimes);
  console.log(
    `  JS triad a = b + s c (3 x 64 MB arrays): ${(triadRate / 1e9).toFixed(2)} GB/s, the memory limit the kernels below are measured against`,
  );
  kernels.forEach((kernel, k) => {
    const time = median(kernelTimes[k]);
    const rate = kernel.bytes / time;
    console.log(
      `  ${kernel.name}: ${(time * 1000).toFixed(1)} ms per call, ${(rate / 1e9).toFixed(2)} GB/s = ${((100 * rate) / triadRate).toFixed(0)} % of the triad (target >= 50 %)`,
    );
  });
}
