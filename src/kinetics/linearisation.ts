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
 * driving voltage E: eta + R i(eta) = E, monotone in eta, so the root lies between 0 and E. The
 * one-dimensional estimate of a potentiostatic solve.
 */
export function seriesCurrent(k: Kinetics, drivingVoltage_V: number, resistance_ohm_m2: number): number {
  const law = lawOf(k);
  if (law.treatment === "potential") return drivingVoltage_V / resistance_ohm_m2;
  if (drivingVoltage_V === 0) return 0;
  const residual = (eta: number) => eta + resistance_ohm_m2 * law.current(eta, k) - drivingVoltage_V;
  const fLower = residual(0);
  if (fLower === 0) return 0;
  const eta =
    Math.sign(fLower) === Math.sign(residual(drivingVoltage_V))
      ? drivingVoltage_V // a one-sided law that cannot carry current of this sign: all of E drops on it
      : findRoot(residual, 0, drivingVoltage_V, { absoluteTolerance: 1e-14 * Math.abs(drivingVoltage_V) });
  return law.current(eta, k);
}
