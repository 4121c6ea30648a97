/** Types of buildClusterWasm.mjs, for the test that recompiles the kernel. */
export function compileKernel(): Promise<Uint8Array>;
export function generatedModule(bytes: Uint8Array): string;
