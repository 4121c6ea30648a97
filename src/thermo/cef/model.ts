import { inputError } from "../../errors.js";
import { GAS_CONSTANT } from "../../units/index.js";
import { type Database, describe, type Parameter, type PhaseDefinition } from "../tdb/database.js";
import { ihjFunction } from "./magnetic.js";
import {
  type Affine,
  addProductTerms,
  type ProductTerm,
  productTermsValue,
  siteFraction,
} from "./polynomial.js";

/**
 * One phase of a binary system (reacting element R, host M, vacancies VA) in the compound energy
 * formalism (Lukas, Fries & Sundman, Computational Thermodynamics, 2007, ch. 5; as pycalphad's
 * Model): per mole of formula units
 *   G = sum_end-members (prod_s y) G_em + R T sum_s a_s sum_c y ln y
 *       + sum_L (prod_s y) L (y_i - y_j)^n [Muggianu v_i for ternary L] + R T ln(beta + 1) g(T / T_C),
 * divided by the atoms per formula unit N = sum_s a_s (1 - y_s,VA) to give J per mole of atoms.
 * Site fractions are one vector: sublattice s, species c at offsets[s] + c.
 */
export interface SublatticeLayout {
  ratios: number[];
  species: string[][];
  offsets: number[];
  size: number;
  /** Atoms of R (M) per formula unit contributed by each site fraction. */
  reactantAtoms: Float64Array;
  hostAtoms: Float64Array;
}

export interface CefModel {
  phase: string;
  layout: SublatticeLayout;
  gibbs: ProductTerm[];
  magnetic?: { afmFactor: number; structureFactor: number; curie: ProductTerm[]; moment: ProductTerm[] };
  rt: number;
  /** End members with atoms that have no G parameter (zero in a DIS_PART ordered phase). */
  missingEndMembers: string[];
}

/** Value, gradient and Hessian (row-major) of an energy at one point of site-fraction space. */
export interface Derivatives {
  value: number;
  gradient: Float64Array;
  hessian: Float64Array;
}

export const derivatives = (n: number): Derivatives => ({
  value: 0,
  gradient: new Float64Array(n),
  hessian: new Float64Array(n * n),
});

export function resetDerivatives(d: Derivatives): void {
  d.value = 0;
  d.gradient.fill(0);
  d.hessian.fill(0);
}

const ENERGY_KINDS = new Set(["G", "TC", "BMAGN"]);
/** Contributions pycalphad evaluates that this model does not (Einstein, two-state liquid, Néel). */
const UNSUPPORTED_KINDS = new Set(["THETA", "GD", "NT"]);

const parametersByPhase = new WeakMap<Database, Map<string, Parameter[]>>();

function parametersOf(db: Database, phase: string): Parameter[] {
  let index = parametersByPhase.get(db);
  if (!index) {
    index = new Map();
    // Thermo-Calc keeps the last of several definitions of the same parameter.
    const latest = new Map<string, Parameter>();
    for (const p of db.parameters) {
      const key = `${p.kind}|${p.phase}|${p.constituents.map((c) => [...c].sort().join(",")).join(":")}|${p.order}`;
      latest.delete(key);
      latest.set(key, p);
    }
    for (const p of latest.values()) {
      const list = index.get(p.phase) ?? [];
      list.push(p);
      index.set(p.phase, list);
    }
    parametersByPhase.set(db, index);
  }
  return index.get(phase) ?? [];
}

export function layoutOf(
  phase: PhaseDefinition,
  reactant: string,
  host: string,
): SublatticeLayout | undefined {
  const species = phase.constituents.map((list) => [reactant, host, "VA"].filter((c) => list.includes(c)));
  if (species.length !== phase.siteRatios.length || species.some((s) => s.length === 0)) return undefined;
  if (!species.some((s) => s.includes(reactant) || s.includes(host))) return undefined;
  const offsets: number[] = [];
  let size = 0;
  for (const s of species) {
    offsets.push(size);
    size += s.length;
  }
  const reactantAtoms = new Float64Array(size);
  const hostAtoms = new Float64Array(size);
  species.forEach((s, k) => {
    s.forEach((c, i) => {
      if (c === reactant) reactantAtoms[offsets[k] + i] = phase.siteRatios[k];
      if (c === host) hostAtoms[offsets[k] + i] = phase.siteRatios[k];
    });
  });
  return { ratios: phase.siteRatios, species, offsets, size, reactantAtoms, hostAtoms };
}

/** Every combination of one species per sublattice. */
export function endMembers(layout: SublatticeLayout): number[][] {
  let combos: number[][] = [[]];
  for (const s of layout.species) combos = combos.flatMap((c) => s.map((_, i) => [...c, i]));
  return combos;
}

function termOf(p: Parameter, layout: SublatticeLayout, value: number): ProductTerm {
  const factors: Affine[] = [];
  p.constituents.forEach((list, s) => {
    if (list.length === 1 && list[0] === "*") return;
    const indices = list.map((c) => layout.offsets[s] + layout.species[s].indexOf(c));
    for (const i of indices) factors.push(siteFraction(i));
    if (indices.length === 2)
      for (let k = 0; k < p.order; k++) factors.push({ constant: 0, indices, weights: [1, -1] });
    if (indices.length === 3) {
      // Muggianu: v_i = y_i + (1 - y_i - y_j - y_k) / 3, with i the parameter's order.
      factors.push({
        constant: 1 / 3,
        indices,
        weights: indices.map((_, k) => (k === p.order ? 2 / 3 : -1 / 3)),
      });
    }
    if (indices.length > 3)
      throw inputError(
        "tdb",
        `parameter ${describe(p)}: interactions of more than three species are not supported`,
      );
  });
  return { coefficient: value, factors };
}

/** The binary R–M model of a TDB phase at temperature t, or undefined if the phase has no R, M. */
export function compileCef(
  db: Database,
  phase: PhaseDefinition,
  reactant: string,
  host: string,
  t: number,
): CefModel | undefined {
  const layout = layoutOf(phase, reactant, host);
  if (!layout) return undefined;
  const inBinary = (p: Parameter) =>
    p.constituents.length === layout.species.length &&
    p.constituents.every((list, s) => list.every((c) => c === "*" || layout.species[s].includes(c)));
  const parameters = parametersOf(db, phase.name).filter(inBinary);
  const terms: Record<string, ProductTerm[]> = { G: [], TC: [], BMAGN: [] };
  for (const p of parameters) {
    if (UNSUPPORTED_KINDS.has(p.kind) && db.parameterValue(p, t) !== 0)
      throw inputError(
        "tdb",
        `phase ${phase.name}: parameter ${describe(p)} (Einstein, two-state or Néel model) is not supported; leave the phase out (params.system.phases)`,
      );
    if (!ENERGY_KINDS.has(p.kind)) continue;
    const value = db.parameterValue(p, t);
    terms[p.kind].push(termOf(p, layout, value));
    // A ternary interaction given only for order 0 stands for all three (Thermo-Calc, pycalphad).
    if (
      p.constituents.some((c) => c.length === 3) &&
      p.order === 0 &&
      !parameters.some(
        (q) => q !== p && q.kind === p.kind && q.order > 0 && describe({ ...q, order: 0 }) === describe(p),
      )
    ) {
      for (const order of [1, 2]) terms[p.kind].push(termOf({ ...p, order }, layout, value));
    }
  }
  const isEndMember = (p: Parameter) => p.kind === "G" && p.constituents.every((c) => c.length === 1);
  const missingEndMembers = endMembers(layout)
    .filter((combo) => combo.some((i, s) => layout.species[s][i] !== "VA"))
    .filter(
      (combo) =>
        !parameters.some(
          (p) =>
            isEndMember(p) &&
            p.constituents.every((c, s) => c[0] === "*" || c[0] === layout.species[s][combo[s]]),
        ),
    )
    .map((combo) => combo.map((i, s) => layout.species[s][i]).join(":"));
  if (phase.magnetic?.afmFactor === 0 && terms.TC.some((x) => x.coefficient !== 0))
    throw inputError(
      "tdb",
      `phase ${phase.name}: a magnetic TYPE_DEFINITION with antiferromagnetic factor 0 (the Xiong model, with NT) is not supported; leave the phase out (params.system.phases)`,
    );
  const magnetic =
    phase.magnetic &&
    (terms.TC.some((x) => x.coefficient !== 0) || terms.BMAGN.some((x) => x.coefficient !== 0))
      ? { ...phase.magnetic, curie: terms.TC, moment: terms.BMAGN }
      : undefined;
  return { phase: phase.name, layout, gibbs: terms.G, magnetic, rt: GAS_CONSTANT * t, missingEndMembers };
}

const magneticScratch = new Map<number, { tc: Derivatives; beta: Derivatives }>();

/** G per mole of formula units with its gradient and Hessian in the site fractions. */
export function formulaUnitEnergy(model: CefModel, y: ArrayLike<number>, out: Derivatives): void {
  const { layout, rt } = model;
  const n = layout.size;
  addProductTerms(model.gibbs, y, n, 1, out);
  layout.species.forEach((s, k) => {
    const a = layout.ratios[k] * rt;
    for (let i = 0; i < s.length; i++) {
      const v = layout.offsets[k] + i;
      const yv = y[v];
      // y ln y -> 0 as y -> 0 (an end member itself); gradient and curvature are then left out.
      if (yv === 0) continue;
      out.value += a * yv * Math.log(yv);
      out.gradient[v] += a * (Math.log(yv) + 1);
      out.hessian[v * n + v] += a / yv;
    }
  });
  if (model.magnetic) addMagnetic(model, y, out);
}

/**
 * R T ln(beta + 1) g(tau) with T_C and beta as Redlich–Kister sums (negative values divided by the
 * antiferromagnetic factor), chain rule for gradient and Hessian.
 */
function addMagnetic(model: CefModel, y: ArrayLike<number>, out: Derivatives): void {
  const magnetic = model.magnetic as NonNullable<CefModel["magnetic"]>;
  const n = model.layout.size;
  let scratch = magneticScratch.get(n);
  if (!scratch) {
    scratch = { tc: derivatives(n), beta: derivatives(n) };
    magneticScratch.set(n, scratch);
  }
  const { tc, beta } = scratch;
  resetDerivatives(tc);
  resetDerivatives(beta);
  addProductTerms(magnetic.curie, y, n, 1, tc);
  addProductTerms(magnetic.moment, y, n, 1, beta);
  const scaleT = tc.value < 0 ? 1 / magnetic.afmFactor : 1;
  const scaleB = beta.value < 0 ? 1 / magnetic.afmFactor : 1;
  const curie = tc.value * scaleT;
  const moment = beta.value * scaleB;
  if (curie === 0) return;
  const t = model.rt / GAS_CONSTANT;
  const tau = t / curie;
  const { g, dg, d2g } = ihjFunction(tau, magnetic.structureFactor);
  const u = Math.log(moment + 1);
  const du = 1 / (moment + 1);
  const d2u = -du * du;
  // d tau / d T_C and its second derivative, times the scale of T_C in y.
  const dTau = (-t / curie ** 2) * scaleT;
  const d2Tau = ((2 * t) / curie ** 3) * scaleT * scaleT;
  const rt = model.rt;
  out.value += rt * u * g;
  for (let i = 0; i < n; i++) {
    const bi = beta.gradient[i] * scaleB;
    const ti = tc.gradient[i];
    out.gradient[i] += rt * (du * g * bi + u * dg * dTau * ti);
    for (let j = 0; j < n; j++) {
      const bj = beta.gradient[j] * scaleB;
      const tj = tc.gradient[j];
      out.hessian[i * n + j] +=
        rt *
        (d2u * g * bi * bj +
          du * g * beta.hessian[i * n + j] * scaleB +
          du * dg * dTau * (bi * tj + ti * bj) +
          u * (d2g * dTau * dTau + dg * d2Tau) * ti * tj +
          u * dg * dTau * tc.hessian[i * n + j]);
    }
  }
}

/** T_C and beta as used in the magnetic term (after the antiferromagnetic factor), for reports. */
export function magneticState(model: CefModel, y: ArrayLike<number>): { curie_K: number; moment: number } {
  if (!model.magnetic) return { curie_K: 0, moment: 0 };
  const tc = productTermsValue(model.magnetic.curie, y);
  const b = productTermsValue(model.magnetic.moment, y);
  return {
    curie_K: tc < 0 ? tc / model.magnetic.afmFactor : tc,
    moment: b < 0 ? b / model.magnetic.afmFactor : b,
  };
}

/** Atoms per formula unit N(y) (vacancies excluded) and the R fraction x(y). */
export function atomsAndFraction(
  layout: SublatticeLayout,
  y: ArrayLike<number>,
): { atoms: number; x: number } {
  let r = 0;
  let m = 0;
  for (let v = 0; v < layout.size; v++) {
    r += layout.reactantAtoms[v] * y[v];
    m += layout.hostAtoms[v] * y[v];
  }
  return { atoms: r + m, x: r / (r + m) };
}

/** Converts G per formula unit (in place) to f = G / N per mole of atoms with its derivatives. */
export function perMoleOfAtoms(layout: SublatticeLayout, y: ArrayLike<number>, d: Derivatives): void {
  const n = layout.size;
  const { atoms } = atomsAndFraction(layout, y);
  const f = d.value / atoms;
  const dn = (v: number) => layout.reactantAtoms[v] + layout.hostAtoms[v];
  for (let i = 0; i < n; i++) d.gradient[i] = (d.gradient[i] - f * dn(i)) / atoms;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      d.hessian[i * n + j] = (d.hessian[i * n + j] - d.gradient[i] * dn(j) - dn(i) * d.gradient[j]) / atoms;
  d.value = f;
}
