import { describe, expect, it } from "vitest";
import { type Dimension, dimensions, parseQuantity, plausibilityWarning } from "./index.js";

const si = (text: string | number, dimension: Dimension) => {
  const parsed = parseQuantity(text, dimension);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

/** The warning for a bare number (meaning SI), as a scenario would trigger it. */
const bare = (value: number | string, dimension: Dimension) =>
  plausibilityWarning(value, si(value, dimension), dimension);

describe("plausibility of bare numbers", () => {
  it.each([
    [5, "5 m", "5 um", dimensions.length],
    [25, "25 K", "25 degC", dimensions.temperature],
    [10000, "10000 A/m^2", "10000 uA/cm^2", dimensions.currentDensity],
    [0.14, "0.14 J", "0.14 eV", dimensions.energy],
    [13, "13 m^3/mol", "13 cm^3/mol", dimensions.molarVolume],
  ] as const)("questions a bare %s (%s) and suggests %s", (value, meaning, suggestion, dimension) => {
    const warning = bare(value, dimension);
    expect(warning).toContain(`${value} (bare number, so ${meaning}) is implausible for`);
    expect(warning).toContain(dimension.name);
    expect(warning).toContain(`did you mean "${suggestion}"?`);
  });

  it("questions values no habitual unit rescues, without a suggestion", () => {
    expect(bare(1e-9, dimensions.currentDensity)).toMatch(/^1e-9 \(bare number, so 1e-9 A\/m\^2\)[^;]*$/);
    expect(bare(1, dimensions.diffusivity)).toMatch(/implausible for a diffusivity/);
  });

  it("treats a numeric string like a bare number", () => {
    expect(bare("5", dimensions.length)).toContain('"5" (bare number, so 5 m)');
  });

  it("never questions a value written with a unit, zero, or a plausible bare number", () => {
    expect(plausibilityWarning("5 m", 5, dimensions.length)).toBeUndefined();
    expect(plausibilityWarning("25 K", 25, dimensions.temperature)).toBeUndefined();
    expect(bare(0, dimensions.length)).toBeUndefined();
    expect(bare(5e-6, dimensions.length)).toBeUndefined();
    expect(bare(298.15, dimensions.temperature)).toBeUndefined();
  });

  it("judges the magnitude, whatever the sign", () => {
    expect(bare(-342, dimensions.potential)).toMatch(/did you mean "-342 mV"/);
    expect(bare(-0.342, dimensions.potential)).toBeUndefined();
  });

  it.each(Object.values(dimensions))("finds the example of a $name plausible", (dimension) => {
    expect(bare(si(dimension.example, dimension), dimension)).toBeUndefined();
  });

  it.each(Object.values(dimensions))("suggests only plausible values for a $name", (dimension) => {
    for (let exponent = -30; exponent <= 15; exponent++) {
      const value = 3 * 10 ** exponent;
      const suggestion = /did you mean "(.*)"\?$/.exec(bare(value, dimension) ?? "")?.[1];
      if (suggestion === undefined) continue;
      expect(suggestion.startsWith(`${value} `)).toBe(true);
      expect(
        plausibilityWarning(si(suggestion, dimension), si(suggestion, dimension), dimension),
      ).toBeUndefined();
    }
  });
});
