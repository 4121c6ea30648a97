/**
 * M1 in 2D (Xie2024 section 2.3, Figs 8-9): the plain SI description of one interface problem.
 * Conventions: the layer (buffer layer or solid electrolyte) spans x in [xStart, xStart + width],
 * y from the collector surface y = g(x) to the top y = thickness. phi is the ionic potential in the
 * layer; the electrode (collector, MIEC electrons) is at phi_s = 0 everywhere, since electronic
 * conduction is fast. Li+ current flows down; `currentDensity` at the collector is the local plating
 * current density along the surface normal (positive for plating).
 */

import type { Kinetics } from "../kinetics/index.js";

export type { Kinetics };

/** A Gaussian protrusion of the collector: `width` is its full width at half maximum. */
export interface Tip {
  name: string;
  x_m: number;
  height_m: number;
  width_m: number;
  /** Kinetics over |x - x_m| <= width/2, if other than the collector's. */
  kinetics?: Kinetics;
}

/**
 * An alloy site (e.g. a Ag particle, Xie2024 Fig. 9): over |x - x_m| <= width/2 the local
 * equilibrium potential is raised by `drivingForce_V`, attracting current. It may be raised
 * (a Gaussian bump like a tip) and may carry its own kinetics.
 */
export interface AlloySite {
  name: string;
  x_m: number;
  width_m: number;
  height_m: number;
  drivingForce_V: number;
  kinetics?: Kinetics;
}

/** A circular region of the layer with another ionic conductivity (e.g. a particle). */
export interface Inclusion {
  x_m: number;
  y_m: number;
  radius_m: number;
  conductivity_S_m: number;
}

export interface Interface2DProblem {
  layer: {
    thickness_m: number;
    width_m: number;
    xStart_m: number;
    conductivity_S_m: number;
    inclusions: Inclusion[];
  };
  collector: {
    tips: Tip[];
    sites: AlloySite[];
    /** Extra height profile (x ascending), added to tips and sites; linear between points. */
    profile?: { x_m: number[]; height_m: number[] };
    /** Cosine undulation a cos(2 pi x / wavelength) (SPEC M1 verification case), added as well. */
    cosine?: { amplitude_m: number; wavelength_m: number };
    kinetics: Kinetics;
  };
  /** Galvanostatic: mean current density entering at the top; or the electrode potential vs the top. */
  top: { kind: "current"; currentDensity_A_m2: number } | { kind: "potential"; electrodePotential_V: number };
  sides: "periodic" | "insulated";
  numerics: { cellSize_m: number; relativeTolerance: number };
}
