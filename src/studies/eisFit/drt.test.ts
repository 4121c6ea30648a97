import { describe, expect, it } from "vitest";
import { linesRelativeTo } from "../../cli/lines.js";
import { renderSvg } from "../../report/svg.js";
import { findStudy, runScenario } from "../index.js";

const run = (params: Record<string, unknown>) =>
  runScenario({ study: "eis-fit", params }, { readLines: linesRelativeTo("/nonexistent/scenario.yaml") });

const rc = {
  circuit: "R0-p(R1,C1)",
  data: { synthetic: { parameters: { R0: 10, R1: 100, C1: "100 uF" }, from: "100 kHz", to: "0.1 Hz" } },
};

describe("eis-fit with a drt block", () => {
  it("reports the RC element's relaxation at tau = RC carrying R, and draws it", async () => {
    const result = run({
      ...rc,
      drt: { lambda: 1e-4, shortestTau: "1 us", longestTau: "100 s", tauPoints: 81 },
    });
    const drt = result.metrics.drt as {
      polarisation_ohm: number;
      resistanceInfinity_ohm: number;
      lambda: number;
    };
    expect(Math.abs(drt.polarisation_ohm - 100) / 100).toBeLessThan(0.01);
    expect(drt.lambda).toBe(1e-4);
    const { tau_s, gamma_ohm } = result.series.drt;
    expect(tau_s).toHaveLength(81);
    const peak = gamma_ohm.indexOf(Math.max(...gamma_ohm));
    // 81 points over 8 decades: one step is 0.1 decade.
    expect(Math.abs(Math.log10(tau_s[peak] / 1e-2))).toBeLessThanOrEqual(0.1 + 1e-9);
    const plot = findStudy("eis-fit")
      .plots(result)
      .find((p) => p.name === "drt");
    expect(plot?.title).toMatch(/λ = 1\.0e-4/);
    expect(await renderSvg(plot?.spec ?? {}, result.series)).toContain("<svg");
  });

  it("chooses lambda by cross-validation when asked, and adds nothing without the block", () => {
    const chosen = run({ ...rc, drt: { lambda: "cross-validate" } }).metrics.drt as {
      lambdaChosenBy: string;
    };
    expect(chosen.lambdaChosenBy).toBe("generalised cross-validation");
    const plain = run(rc);
    expect(plain.metrics.drt).toBeUndefined();
    expect(plain.series.drt).toBeUndefined();
    expect(
      findStudy("eis-fit")
        .plots(plain)
        .map((p) => p.name),
    ).not.toContain("drt");
  });
});
