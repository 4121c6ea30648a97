import { z } from "zod";
import { erfc, findRoot } from "../numerics/index.js";
import { dimensions, positiveQuantity } from "../units/index.js";
import { exchangeCurrentField, temperatureField } from "./butlerVolmer.js";
import type { KineticsLaw } from "./law.js";
import { inverseThermalVoltage, thermalEnergy } from "./thermal.js";

export const marcusHushChidseySchema = z.strictObject({
  type: z.literal("marcus-hush-chidsey"),
  exchangeCurrentDensity: exchangeCurrentField,
  reorganizationEnergy: positiveQuantity(dimensions.energy, {
    description: "reorganization energy lambda of the electron transfer (Boyle2020 fit it for Li metal)",
  }),
  temperature: temperatureField,
});
export type MarcusHushChidsey = z.output<typeof marcusHushChidseySchema>;

/** lambda / (k_B T) and the erfc argument of the Zeng2014 approximation at eta / (k_B T / e) = x. */
function argument(x: number, lambda: number): number {
  return (lambda - Math.sqrt(1 + Math.sqrt(lambda) + x * x)) / (2 * Math.sqrt(lambda));
}

function scaled(k: MarcusHushChidsey) {
  const lambda = k.reorganizationEnergy / thermalEnergy(k.temperature);
  const f = inverseThermalVoltage(k.temperature);
  // i_ex / k(0): k_red(0) = k_ox(0) = (sqrt(pi lambda) / 2) erfc(a(0)), the common prefactor dropped.
  const perRate = k.exchangeCurrentDensity / (0.5 * erfc(argument(0, lambda)));
  return { lambda, f, perRate };
}

/**
 * Marcus-Hush-Chidsey kinetics (Chidsey, Science 251 (1991) 919) in the closed form of Zeng, Smith,
 * Bai & Bazant, J. Electroanal. Chem. 735 (2014) 77 (their closed-form approximation of the MHC integral): with x = e eta / (k_B T) and
 * lambda in units of k_B T,
 *   k_ox/red(x) ~ sqrt(pi lambda) / (1 + exp(-/+x)) erfc((lambda - sqrt(1 + sqrt(lambda) + x^2)) / (2 sqrt(lambda)))
 * so the net anodic rate is sqrt(pi lambda) tanh(x/2) erfc(...), scaled here so that i_ex is the
 * exchange current: i = i_ex tanh(x/2) erfc(a(x)) / (erfc(a(0)) / 2). Near equilibrium it has the
 * slope of symmetric Butler-Volmer, i_ex F/(R T); beyond |x| ~ lambda it saturates at
 * +-4 i_ex / erfc(a(0)) instead of growing exponentially, as Boyle et al., ACS Energy Lett. 5 (2020)
 * 701 measured for Li deposition.
 */
export const marcusHushChidsey: KineticsLaw<MarcusHushChidsey> = {
  type: "marcus-hush-chidsey",
  title: "Marcus-Hush-Chidsey",
  treatment: "nonlinear",
  schema: marcusHushChidseySchema,
  citations: [
    "Zeng, Smith, Bai & Bazant, J. Electroanal. Chem. 735 (2014) 77",
    "Chidsey, Science 251 (1991) 919",
    "Boyle et al., ACS Energy Lett. 5 (2020) 701",
  ],
  current(eta, k) {
    const { lambda, f, perRate } = scaled(k);
    const x = f * eta;
    return perRate * Math.tanh(x / 2) * erfc(argument(x, lambda));
  },
  slope(eta, k) {
    const { lambda, f, perRate } = scaled(k);
    const x = f * eta;
    const a = argument(x, lambda);
    const sech = 1 / Math.cosh(x / 2);
    // d erfc(a)/dx = -(2/sqrt(pi)) exp(-a^2) da/dx, da/dx = -x / (2 sqrt(lambda) sqrt(1 + sqrt(lambda) + x^2))
    const dErfc =
      ((2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * x) /
      (2 * Math.sqrt(lambda) * Math.sqrt(1 + Math.sqrt(lambda) + x * x));
    return perRate * f * (0.5 * sech * sech * erfc(a) + Math.tanh(x / 2) * dErfc);
  },
  overpotential(current, k) {
    const [low, high] = marcusHushChidsey.currentRange(k);
    if (!(current > low && current < high)) return Number.NaN;
    if (current === 0) return 0;
    const { f } = scaled(k);
    let bound = Math.sign(current) / f;
    while (Math.abs(marcusHushChidsey.current(bound, k)) < Math.abs(current)) bound *= 2;
    return findRoot((eta) => marcusHushChidsey.current(eta, k) - current, 0, bound, {
      absoluteTolerance: 1e-15,
    });
  },
  currentRange(k) {
    const { perRate } = scaled(k);
    return [-2 * perRate, 2 * perRate];
  },
  stressShift_V: () => 0,
  exchangeCurrent: (k) => k.exchangeCurrentDensity,
};
