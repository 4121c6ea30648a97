import { describe, expect, it, vi } from "vitest";
import { NumericalError } from "../errors.js";

vi.mock("../studies/index.js", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../studies/index.js")>()),
  runScenario: () => {
    throw new NumericalError("diffusion step: Newton did not converge", 3.2e-4);
  },
}));

const { main } = await import("./main.js");

describe("exit codes", () => {
  it("exits 3 on a numerical failure and reports the residual reached", async () => {
    const errors: string[] = [];
    const code = await main(["run", "examples/alloy-film-fig4a.yaml"], {
      columns: 100,
      out: () => {},
      err: (t) => errors.push(t),
    });
    expect(code).toBe(3);
    expect(errors.join("")).toContain("residual reached: 3.200e-4");
  });
});
