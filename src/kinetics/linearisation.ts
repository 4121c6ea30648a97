import { findRoot } from "../numerics/index.js";
import { type Kinetics, lawOf } from "./laws.js";

/** Fraction of a bounded current range a starting point may use (MHC saturates, Tafel is one-sided). */
const RANGE_MARGIN = 0.999;

/**
 * The safe starting linearisation of a nonlinear law for a solve that will carry about `current`
 * (anodic, A/m^2): the chord conductance current / eta(current) through equilibrium and the
 * operating point, the equilibrium slope where that chord does not exist (zero current, or a current
 * the law cannot carry). Unlike the equilibrium ASR alone, the chord predicts the right overpotential
 * of a flat interface at any i/i_ex, so Newton starts inside the basin where the exponentials are
 * resolved (the equilibrium ASR over-predicts |eta| by i/i_ex / ln(i/i_ex) in the Tafel regime).
 */
export function chordConductance(k: Kinetics, current: number): number {
  const law = lawOf(k);
  const [low, high] = law.currentRange(k);
  const target = Math.min(Math.max(current, RANGE_MARGIN * low), RANGE_MARGIN * high);
  const eta = law.overpotential(target, k);
  const chord = target / eta;
  if (Number.isFinite(chord) && chord > 0) return chord;
  const equilibrium = law.slope(0, k);
  return Number.isFinite(equilibrium) && equilibrium > 0 ? equilibrium : Math.abs(target) || 1;
}

/**
 * Anodic current through the law in series with an area-specific resistance R (ohm m^2) under a
 * driving voltage E: eta + R i(eta) = E, increasing in eta, so a bracket found by stepping outwards
 * from eta = 0 holds the one root. The one-dimensional estimate of a potentiostatic solve.
 */
export function seriesCurrent(k: Kinetics, drivingVoltage_V: number, resistance_ohm_m2: number): number {
  const law = lawOf(k);
  if (law.treatment === "potential") return drivingVoltage_V / resistance_ohm_m2;
  const residual = (eta: number) => eta + resistance_ohm_m2 * law.current(eta, k) - drivingVoltage_V;
  const fAtZero = residual(0);
  if (fAtZero === 0) return law.current(0, k);
  const direction = fAtZero < 0 ? 1 : -1;
  let step = Math.max(Math.abs(drivingVoltage_V), 0.025);
  let far = direction * step;
  for (let doubling = 0; Math.sign(residual(far)) === Math.sign(fAtZero); doubling++) {
    if (doubling > 60) return Number.NaN;
    step *= 2;
    far = direction * step;
  }
  const eta = findRoot(residual, 0, far, { absoluteTolerance: 1e-15 * step, fLower: fAtZero });
  return law.current(eta, k);
}
