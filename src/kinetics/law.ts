import type { z } from "zod";

/**
 * One interface-kinetics law. Sign convention, used everywhere in this toolkit: `current` is the
 * anodic (Li-stripping) current density through the interface in A/m^2 at the overpotential eta of
 * the electrode (V), so plating is negative current at negative eta; every law is nondecreasing in
 * eta (and, except the one-sided Tafel branches, carries no current at eta = 0). `k` holds the law's parameters in SI units, as its schema
 * outputs them.
 */
export interface KineticsLaw<K extends { type: string }> {
  readonly type: K["type"];
  /** Name in messages ("Butler-Volmer"). */
  readonly title: string;
  /**
   * How a field solver treats the law: an imposed potential (eta = 0, primary), a linear Robin term
   * of conductance slope(0), or Newton's method (nonlinear).
   */
  readonly treatment: "potential" | "linear" | "nonlinear";
  /** The scenario block: parameters with units, defaults and bounds. */
  readonly schema: z.ZodType<K, unknown>;
  readonly citations: readonly string[];
  /** Anodic current density (A/m^2) at overpotential eta (V). */
  current(eta: number, k: K): number;
  /** d current / d eta (S/m^2), >= 0. */
  slope(eta: number, k: K): number;
  /**
   * The overpotential at which the law carries `current`: the inverse of current(), NaN outside
   * currentRange.
   */
  overpotential(current: number, k: K): number;
  /** The open interval of currents the law can carry (Tafel branches are one-sided, MHC saturates). */
  currentRange(k: K): readonly [number, number];
  /**
   * The part of the overpotential fixed by mechanical state rather than potentials, V_Li dP / F of
   * Xie2024 eq. 9: eta = phi_s - phi - phi_0 - stressShift.
   */
  stressShift_V(k: K): number;
  /** Exchange current density (A/m^2) for messages and dimensionless ratios; null if the law has none. */
  exchangeCurrent(k: K): number | null;
}
