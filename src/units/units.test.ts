import { describe, expect, it } from "vitest";
import { dimensions, parseQuantity } from "./index.js";

const si = (text: string | number, dimension: (typeof dimensions)[keyof typeof dimensions]) => {
  const parsed = parseQuantity(text, dimension);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

describe("parseQuantity", () => {
  it.each([
    ["5 um", dimensions.length, 5e-6],
    ["140 nm", dimensions.length, 1.4e-7],
    ["6e-11 cm^2/s", dimensions.diffusivity, 6e-15],
    ["1 mA/cm^2", dimensions.currentDensity, 10],
    ["69.6 mmol/cm^3", dimensions.concentration, 69600],
    ["25 degC", dimensions.temperature, 298.15],
    ["300 K", dimensions.temperature, 300],
    ["2 ohm*cm^2", dimensions.arealResistance, 2e-4],
    ["1 mS/cm", dimensions.conductivity, 0.1],
    ["1 mAh/cm^2", dimensions.arealCapacity, 36000], // 3.6 C per 1e-4 m^2
    ["9.3 kJ/mol", dimensions.molarEnergy, 9300],
    ["342 mV", dimensions.potential, 0.342],
  ] as const)("converts %s to SI", (text, dimension, expected) => {
    expect(si(text, dimension) / expected).toBeCloseTo(1, 12);
  });

  it("takes a bare number, or a numeric string, as SI", () => {
    expect(si(5e-6, dimensions.length)).toBe(5e-6);
    expect(si("5e-6", dimensions.length)).toBe(5e-6);
  });

  it("refuses a wrong dimension, naming the expected one and the value", () => {
    expect(parseQuantity("10 mA", dimensions.length)).toEqual({
      ok: false,
      message: 'expected a length (e.g. "5 um"), got "10 mA"',
    });
  });

  it("refuses text that is not a quantity", () => {
    const parsed = parseQuantity("five microns", dimensions.length);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/expected a length .*got "five microns"/);
  });
});
