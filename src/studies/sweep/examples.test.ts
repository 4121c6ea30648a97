import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateScenario } from "../registry.js";
import { planSweep } from "./plan.js";

/** Plans an example sweep (every point validated) and checks no point draws a plausibility warning. */
function planExample(file: string) {
  const plan = planSweep(parse(readFileSync(`examples/${file}`, "utf8")));
  for (const point of plan.points)
    expect(validateScenario(point.scenario).warnings, `${file} ${point.index}`).toEqual([]);
  return plan;
}

describe("example sweeps", () => {
  it("Zhang2025 Fig. 4: a 5 x 5 grid over the (101) barrier and E_s(101)", () => {
    const plan = planExample("grain-selection-fig4-phase-map-sweep.yaml");
    expect(plan.points).toHaveLength(25);
    expect(plan.points[24].values).toEqual({
      "surfaces.101.diffusionBarrier": "0.14 eV",
      "surfaces.101.surfaceEnergy": "0.57 J/m^2",
    });
  });

  it("Zhang2024 Fig. 3: 16 contours less the 3 steeper than pi H / S = 2", () => {
    const plan = planExample("critical-current-fig3-map-sweep.yaml");
    expect(plan.points).toHaveLength(13);
    expect(plan.dropped).toBe(3);
    // Both cuts of the reproduction are in the map.
    const at = (h: string, s: string) =>
      plan.points.some((p) => p.values["contour.height"] === h && p.values["contour.period"] === s);
    for (const h of ["5 um", "25 um", "50 um", "75 um"]) expect(at(h, "150 um")).toBe(true);
    for (const s of ["50 um", "100 um", "150 um", "250 um"]) expect(at("25 um", s)).toBe(true);
  });

  it("Wang2024 Fig. 4c: seven log-spaced diffusivities over three decades times four currents", () => {
    const plan = planExample("alloy-film-fig4c-sweep.yaml");
    expect(plan.points).toHaveLength(28);
    expect([...new Set(plan.points.map((p) => p.values["film.diffusivity"]))]).toEqual([
      "1e-12 cm^2/s",
      "3.16227766017e-12 cm^2/s",
      "1e-11 cm^2/s",
      "3.16227766017e-11 cm^2/s",
      "1e-10 cm^2/s",
      "3.16227766017e-10 cm^2/s",
      "1e-9 cm^2/s",
    ]);
  });

  it("buffer-layer sensitivity: a Saltelli design of N (d + 2) points over six properties", () => {
    const plan = planExample("buffer-layer-sensitivity-sweep.yaml");
    expect(plan.design?.method).toBe("saltelli");
    expect(plan.points).toHaveLength(128 * (6 + 2));
    for (const point of plan.points) {
      const porosity = point.values["layer.porosity"] as number;
      expect(porosity).toBeGreaterThanOrEqual(0.2);
      expect(porosity).toBeLessThanOrEqual(0.6);
    }
  });
});
