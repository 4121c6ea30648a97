import { describe, expect, it } from "vitest";
import { scenarioFromHash, scenarioHash } from "./share.js";

describe("scenario links", () => {
  const scenario = {
    study: "interface-2d",
    name: "Xie2024 Fig. 8b – µm tip",
    params: { layer: { thickness: "10 um", ionicConductivity: "1 mS/cm" }, tips: [{ x: 0 }] },
  };

  it("round-trips a scenario through the URL hash, URL-safe and shorter than its JSON once it grows", async () => {
    const hash = await scenarioHash(scenario);
    expect(hash).toMatch(/^#scenario=[A-Za-z0-9_-]+$/);
    expect(await scenarioFromHash(hash)).toEqual(scenario);
    const large = { ...scenario, params: { ...scenario.params, tips: Array(200).fill({ x: "1 um" }) } };
    const longHash = await scenarioHash(large);
    expect(longHash.length).toBeLessThan(JSON.stringify(large).length / 5);
    expect(await scenarioFromHash(longHash)).toEqual(large);
  });

  it("gives undefined for a URL without a scenario", async () => {
    expect(await scenarioFromHash("")).toBeUndefined();
    expect(await scenarioFromHash("#gallery")).toBeUndefined();
  });

  it("says that a cut or altered link does not decode", async () => {
    const hash = await scenarioHash(scenario);
    await expect(scenarioFromHash(hash.slice(0, hash.length - 12))).rejects.toThrow(/does not decode/);
    await expect(scenarioFromHash("#scenario=not-a-deflated-scenario")).rejects.toThrow(/does not decode/);
  });
});
