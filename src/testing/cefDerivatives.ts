import { expect } from "vitest";
import { type CefModel, derivatives, formulaUnitEnergy } from "../thermo/cef/model.js";

/**
 * Checks a CEF phase's analytic gradient and Hessian against central differences of its energy and
 * gradient in the first `free` site fractions of `y` (three-site layout, as the tests use).
 */
export function expectDerivativesMatchDifferences(model: CefModel, y: number[], free = 2): void {
  const at = (v: number[]) => {
    const d = derivatives(3);
    formulaUnitEnergy(model, v, d);
    return d;
  };
  const d = at(y);
  const h = 1e-6;
  for (let i = 0; i < free; i++) {
    const plus = [...y];
    const minus = [...y];
    plus[i] += h;
    minus[i] -= h;
    expect(d.gradient[i]).toBeCloseTo((at(plus).value - at(minus).value) / (2 * h), 3);
    for (let j = 0; j < free; j++)
      expect(d.hessian[i * 3 + j]).toBeCloseTo((at(plus).gradient[j] - at(minus).gradient[j]) / (2 * h), 2);
  }
}
