import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "web/**/*.test.ts"],
    // Generous limits: tests assert results, never speed, and must pass on a busy 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
