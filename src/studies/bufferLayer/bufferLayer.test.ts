import { describe, expect, it } from "vitest";
import { inputErrorMessage } from "../../testing/inputErrorMessage.js";
import { runScenario } from "../registry.js";

const inputErrorOf = (params: Record<string, unknown>) =>
  inputErrorMessage(() => runScenario({ study: "buffer-layer", params: { duration: "10 min", ...params } }));

describe("buffer-layer study", () => {
  it("rejects bad input with the field, the value and what was expected", () => {
    expect(inputErrorOf({ layer: { porosity: 1.2 } })).toMatch(/params\.layer\.porosity.*\(0, 1\).*1\.2/);
    expect(inputErrorOf({ layer: { porosity: 0.1 }, particles: { volumeFraction: 0.2 } })).toMatch(
      /params\.metal\.volumeFraction.*porosity 0\.1.*0\.2/,
    );
    expect(inputErrorOf({ interfaces: { cc: { asr: "-2 ohm*cm^2" } } })).toMatch(/interfaces\.cc\.asr/);
    expect(inputErrorOf({ metal: "Unobtainium" })).toMatch(/params\.metal/);
    expect(inputErrorOf({ particles: { diameter: "20 um" } })).toMatch(
      /particleDiameter.*smaller than the layer/,
    );
    expect(inputErrorOf({ layer: { electronicConductivity: "0.01 mS/cm" } })).toMatch(
      /electronicConductivity.*equipotential/,
    );
    expect(
      inputErrorOf({
        lithiationPotential: {
          model: "table",
          points: [
            { y: 1, potential: "10 mV" },
            { y: 1, potential: "5 mV" },
          ],
        },
      }),
    ).toMatch(/distinct y/);
  });

  it("gives every Table 2 metal and Mg a lithiation potential and runs the comparison", () => {
    const result = runScenario({ study: "buffer-layer", params: { duration: "2 h", compareMetals: true } });
    const rows = result.metrics.metalComparison as { metal: string; fillsPores: boolean }[];
    expect(rows).toHaveLength(17);
    // A metal that stops at its Table 2 phase fills the pores only if R >= (porosity + f) / f = 21.
    for (const row of rows.filter((r) => !["Ag", "Mg"].includes(r.metal))) expect(row.fillsPores).toBe(false);
  });
});
