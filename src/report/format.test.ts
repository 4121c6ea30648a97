import { describe, expect, it } from "vitest";
import { flattenMetricRows, formatNumber, formatValue, labelAndUnit, metricRows } from "./format.js";

describe("formatNumber", () => {
  it("keeps 4 significant digits and drops float noise", () => {
    expect(formatNumber(54.000000000000995)).toBe("54.00");
    expect(formatNumber(0.850000000000132)).toBe("0.8500");
    expect(formatNumber(1976.5458423504115)).toBe("1977");
    expect(formatNumber(-0.03500000000000003)).toBe("-0.03500");
  });

  it("writes very small and very large values with an exponent", () => {
    expect(formatNumber(1.23456e-7)).toBe("1.235e-7");
    expect(formatNumber(1.3122503418166507e-11)).toBe("1.312e-11");
    expect(formatNumber(6.02214076e23)).toBe("6.022e23");
    expect(formatNumber(0.000999951)).toBe("0.001000");
    expect(formatNumber(0.00099)).toBe("9.900e-4");
    expect(formatNumber(0.001)).toBe("0.001000");
    // 99999.9 rounds up to 1.000e5, so it crosses into exponent form.
    expect(formatNumber(99999.9)).toBe("1.000e5");
  });

  it("prints counts exactly and names non-finite values", () => {
    expect(formatNumber(626)).toBe("626");
    expect(formatNumber(87723)).toBe("87723");
    expect(formatNumber(3000000)).toBe("3.000e6");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(Number.NaN)).toBe("NaN");
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe("-∞");
  });
});

describe("formatValue", () => {
  it("shows booleans and strings as they are", () => {
    expect(formatValue(true)).toBe("true");
    expect(formatValue("SOLN")).toBe("SOLN");
    expect(formatValue(null)).toBe("none");
  });

  it("shortens long arrays of numbers to their ends and count", () => {
    expect(formatValue([1.23456, 2, 3])).toBe("[1.235, 2, 3]");
    const long = Array.from({ length: 20 }, (_, i) => i + 0.5);
    expect(formatValue(long)).toBe("[0.5000, 1.500, 2.500, 3.500, …, 19.50] (20 values)");
  });
});

describe("labelAndUnit", () => {
  it.each([
    ["saturationTime_s", "saturation time", "s"],
    ["criticalCurrent_A_m2", "critical current", "A/m²"],
    ["lithiumThickness_m", "lithium thickness", "m"],
    ["creepPressure_Pa", "creep pressure", "Pa"],
    ["totalPotentialDifference_V", "total potential difference", "V"],
    ["surfaceEnergy_J_m2", "surface energy", "J/m²"],
    ["concentration_mol_m3", "concentration", "mol/m³"],
    ["resistance_ohm", "resistance", "Ω"],
    ["temperature_K", "temperature", "K"],
    ["diffusivity_m2_s", "diffusivity", "m²/s"],
    ["molarVolume_m3_mol", "molar volume", "m³/mol"],
    ["asr_ohm_m2", "asr", "Ω·m²"],
    ["fractureToughness_Pa_m05", "fracture toughness", "Pa·√m"],
    ["meanEnergy_eV_per_atom", "mean energy", "eV/atom"],
    ["utilization", "utilization", ""],
    ["CPE1_alpha", "CPE1_alpha", ""],
    ["R0", "R0", ""],
  ])("%s → %s [%s]", (name, label, unit) => {
    expect(labelAndUnit(name)).toEqual({ label, unit });
  });
});

describe("metricRows", () => {
  it("turns nested objects into nested rows with units from their names", () => {
    const rows = metricRows({
      saturationTime_s: 1976.5458423504115,
      kramersKronig: { valid: true, maxResidual: 1.517933147843209e-6 },
    });
    expect(rows).toEqual([
      { label: "saturation time", value: "1977", unit: "s" },
      {
        label: "kramers kronig",
        value: "",
        unit: "",
        children: [
          { label: "valid", value: "true", unit: "" },
          { label: "max residual", value: "1.518e-6", unit: "" },
        ],
      },
    ]);
  });

  it("writes a fitted parameter as value ± standard error in its own unit", () => {
    const rows = metricRows({
      parameters: {
        R0: { value: 54.000000000000995, standardError: 1.3122503418166507e-11, unit: "ohm" },
        CPE1_Q: { value: 2.0000000000036748e-6, unit: "ohm^-1 s^alpha" },
      },
    });
    expect(rows[0].children).toEqual([
      { label: "R0", value: "54.00 ± 1.312e-11", unit: "Ω" },
      { label: "CPE1_Q", value: "2.000e-6", unit: "Ω⁻¹·sᵅ" },
    ]);
  });

  it("names array items by their name; fields keep their own units, the group's unit stays on the group", () => {
    const rows = metricRows({
      regions: [
        { name: "tip", current_A_m2: 12.5 },
        { name: "flat", current_A_m2: 6.8, converged: true },
      ],
      groundStates_eV_per_atom: [{ x: 0.5, energy: 0.05 }],
      profiles_m: [[1e-6], [2.5e-6, 3e-6]],
    });
    const flat = flattenMetricRows(rows);
    expect(flat.map((r) => [r.depth, r.label, r.value, r.unit])).toEqual([
      [0, "regions", "", ""],
      [1, "tip", "", ""],
      [2, "current", "12.50", "A/m²"],
      [1, "flat", "", ""],
      [2, "current", "6.800", "A/m²"],
      [2, "converged", "true", ""],
      [0, "ground states", "", "eV/atom"],
      [1, "#1", "", ""],
      [2, "x", "0.5000", ""],
      [2, "energy", "0.05000", ""],
      [0, "profiles", "", "m"],
      [1, "#1", "[1.000e-6]", "m"],
      [1, "#2", "[2.500e-6, 3.000e-6]", "m"],
    ]);
  });
});
