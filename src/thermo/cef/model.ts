import { inputError } from "../../errors.js";
import { GAS_CONSTANT } from "../../units/index.js";
import { type Database, describe, type Parameter, type PhaseDefinition } from "../tdb/database.js";
import { addFunctionOfSums } from "./chainRule.js";
import { einsteinEnergy } from "./einstein.js";
import { ihjFunction } from "./magnetic.js";
import {
  type Affine,
  addProductTerms,
  type ProductTerm,
  productTermsValue,
  siteFraction,
} from "./polynomial.js";
import { twoStateEnergy } from "./twoState.js";
import { xiongFunction } from "./xiong.js";

/**
 * One phase of a binary system (reacting element R, host M, vacancies VA) in the compound energy
 * formalism (Lukas, Fries & Sundman, Computational Thermodynamics, 2007, ch. 5; as pycalphad's
 * Model): per mole of formula units
 *   G = sum_end-members (prod_s y) G_em + R T sum_s a_s sum_c y ln y
 *       + sum_L (prod_s y) L (y_i - y_j)^n [Muggianu v_i for ternary L] + G_mag + G_Einstein + G_2state,
 * divided by the atoms per formula unit N = sum_s a_s (1 - y_s,VA) to give J per mole of atoms.
 * G_mag is Inden–Hillert–Jarl (magnetic.ts), or Xiong's model with T_C and the Néel temperature NT
 * when the TYPE_DEFINITION's antiferromagnetic factor is 0 (xiong.ts), as pycalphad decides;
 * G_Einstein (THETA, einstein.ts) and G_2state (GD, twoState.ts) are functions of Redlich–Kister sums
 * added per formula unit, as pycalphad's Model adds them before its division by N.
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
  /** afmFactor 0 selects Xiong's model (with `neel`); otherwise Inden–Hillert–Jarl (`neel` unused). */
  magnetic?: {
    afmFactor: number;
    structureFactor: number;
    curie: ProductTerm[];
    moment: ProductTerm[];
    neel: ProductTerm[];
  };
  /** Redlich–Kister sum of the THETA parameters (ln theta). */
  einstein?: ProductTerm[];
  /** Redlich–Kister sum of the GD parameters. */
  twoState?: ProductTerm[];
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

const ENERGY_KINDS = ["G", "TC", "BMAGN", "NT", "THETA", "GD"] as const;
type EnergyKind = (typeof ENERGY_KINDS)[number];
const isEnergyKind = (kind: string): kind is EnergyKind => (ENERGY_KINDS as readonly string[]).includes(kind);

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
  const terms: Record<EnergyKind, ProductTerm[]> = { G: [], TC: [], BMAGN: [], NT: [], THETA: [], GD: [] };
  const xiong = phase.magnetic?.afmFactor === 0;
  for (const p of parameters) {
    if (!isEnergyKind(p.kind)) continue;
    const value = db.parameterValue(p, t);
    // The Inden–Hillert–Jarl model has no Néel temperature; only Xiong's model uses NT.
    if (p.kind === "NT" && !xiong && value !== 0)
      throw inputError(
        "tdb",
        `phase ${phase.name}: parameter ${describe(p)} (a Néel temperature, ${value} K) needs the Xiong magnetic model, i.e. a magnetic TYPE_DEFINITION with antiferromagnetic factor 0, got ${phase.magnetic ? `factor ${phase.magnetic.afmFactor}` : "no magnetic TYPE_DEFINITION"}; leave the phase out (params.system.phases)`,
      );
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
  const given = (list: ProductTerm[]) => list.some((x) => x.coefficient !== 0);
  const magnetic =
    phase.magnetic && (given(terms.TC) || given(terms.BMAGN) || given(terms.NT))
      ? { ...phase.magnetic, curie: terms.TC, moment: terms.BMAGN, neel: terms.NT }
      : undefined;
  return {
    phase: phase.name,
    layout,
    gibbs: terms.G,
    magnetic,
    einstein: given(terms.THETA) ? terms.THETA : undefined,
    twoState: given(terms.GD) ? terms.GD : undefined,
    rt: GAS_CONSTANT * t,
    missingEndMembers,
  };
}

/** Contributions beyond the polynomial CEF terms and ideal mixing (they exclude the fast path). */
export const hasPhysicalModels = (model: CefModel): boolean =>
  model.magnetic !== undefined || model.einstein !== undefined || model.twoState !== undefined;

const sumScratch = new Map<number, Derivatives[]>();
const firstScratch = new Float64Array(3);
const secondScratch = new Float64Array(9);

/** The sums of `lists` at y with gradients and Hessians, in reused buffers (valid until the next call). */
function sumsAt(n: number, y: ArrayLike<number>, lists: ProductTerm[][]): Derivatives[] {
  let scratch = sumScratch.get(n);
  if (!scratch) {
    scratch = [derivatives(n), derivatives(n), derivatives(n)];
    sumScratch.set(n, scratch);
  }
  lists.forEach((terms, k) => {
    resetDerivatives(scratch[k]);
    addProductTerms(terms, y, n, 1, scratch[k]);
  });
  return scratch.slice(0, lists.length);
}

/** Adds F(s) for one sum s given F, dF/ds and d2F/ds2. */
function addFunctionOfSum(
  f: { g: number; dg: number; d2g: number },
  sum: Derivatives,
  n: number,
  out: Derivatives,
): void {
  firstScratch[0] = f.dg;
  secondScratch[0] = f.d2g;
  addFunctionOfSums(f.g, firstScratch, secondScratch, [sum], n, out);
}

/** G per mole of formula units with its gradient and Hessian in the site fractions. */
export function formulaUnitEnergy(model: CefModel, y: ArrayLike<number>, out: Derivatives): void {
  const { layout, rt } = model;
  const n = layout.size;
  addProductTerms(model.gibbs, y, n, 1, out);
  for (let k = 0; k < layout.species.length; k++) {
    const a = layout.ratios[k] * rt;
    for (let i = 0; i < layout.species[k].length; i++) {
      const v = layout.offsets[k] + i;
      const yv = y[v];
      // y ln y -> 0 as y -> 0 (an end member itself); gradient and curvature are then left out.
      if (yv === 0) continue;
      const lnY = Math.log(yv);
      out.value += a * yv * lnY;
      out.gradient[v] += a * (lnY + 1);
      out.hessian[v * n + v] += a / yv;
    }
  }
  if (model.magnetic) addMagnetic(model, y, out);
  const t = rt / GAS_CONSTANT;
  if (model.einstein) {
    const [lnTheta] = sumsAt(n, y, [model.einstein]);
    addFunctionOfSum(einsteinEnergy(lnTheta.value, t), lnTheta, n, out);
  }
  if (model.twoState) {
    const [gd] = sumsAt(n, y, [model.twoState]);
    addFunctionOfSum(twoStateEnergy(gd.value, t), gd, n, out);
  }
}

/**
 * R T ln(beta + 1) g(tau) with T_C, beta (and for Xiong's model the Néel temperature) as
 * Redlich–Kister sums, by the chain rule in those sums. Inden–Hillert–Jarl: negative T_C and beta
 * divided by the antiferromagnetic factor, g of T / T_C. Xiong (factor 0): beta as given and
 * g = f(T / T_C) + f(T / T_N), a critical temperature <= 0 contributing nothing (pycalphad).
 */
function addMagnetic(model: CefModel, y: ArrayLike<number>, out: Derivatives): void {
  const magnetic = model.magnetic as NonNullable<CefModel["magnetic"]>;
  const n = model.layout.size;
  const xiong = magnetic.afmFactor === 0;
  const sums = sumsAt(n, y, [magnetic.moment, magnetic.curie, magnetic.neel]);
  const [beta, tc, nt] = sums;
  const scaleT = !xiong && tc.value < 0 ? 1 / magnetic.afmFactor : 1;
  const scaleB = !xiong && beta.value < 0 ? 1 / magnetic.afmFactor : 1;
  const t = model.rt / GAS_CONSTANT;
  const rt = model.rt;
  // g and its derivatives in the raw critical-temperature sums (T_C, then T_N).
  let g = 0;
  const dg = [0, 0];
  const d2g = [0, 0];
  const criticals = xiong ? [tc.value, nt.value] : [tc.value * scaleT];
  criticals.forEach((critical, k) => {
    if (!(critical > 0)) return;
    const scale = k === 0 ? scaleT : 1;
    const tau = t / critical;
    const f = xiong
      ? xiongFunction(tau, magnetic.structureFactor)
      : ihjFunction(tau, magnetic.structureFactor);
    const dTau = (-t / critical ** 2) * scale;
    const d2Tau = ((2 * t) / critical ** 3) * scale * scale;
    g += f.g;
    dg[k] = f.dg * dTau;
    d2g[k] = f.d2g * dTau * dTau + f.dg * d2Tau;
  });
  if (g === 0 && dg[0] === 0 && dg[1] === 0) return;
  const moment = beta.value * scaleB;
  const u = Math.log(moment + 1);
  const du = (1 / (moment + 1)) * scaleB;
  const d2u = -du * du;
  // Sums in the order beta, T_C, T_N; F = R T u(beta) g(T_C, T_N), no T_C-T_N cross term.
  firstScratch[0] = rt * du * g;
  firstScratch[1] = rt * u * dg[0];
  firstScratch[2] = rt * u * dg[1];
  secondScratch.fill(0);
  secondScratch[0] = rt * d2u * g;
  secondScratch[1] = secondScratch[3] = rt * du * dg[0];
  secondScratch[2] = secondScratch[6] = rt * du * dg[1];
  secondScratch[4] = rt * u * d2g[0];
  secondScratch[8] = rt * u * d2g[1];
  addFunctionOfSums(rt * u * g, firstScratch, secondScratch, sums, n, out);
}

/**
 * T_C, beta (after the antiferromagnetic factor, Inden–Hillert–Jarl) and the Néel temperature (Xiong)
 * as used in the magnetic term, for reports.
 */
export function magneticState(
  model: CefModel,
  y: ArrayLike<number>,
): { curie_K: number; moment: number; neel_K: number } {
  if (!model.magnetic) return { curie_K: 0, moment: 0, neel_K: 0 };
  const { afmFactor } = model.magnetic;
  const tc = productTermsValue(model.magnetic.curie, y);
  const b = productTermsValue(model.magnetic.moment, y);
  if (afmFactor === 0) return { curie_K: tc, moment: b, neel_K: productTermsValue(model.magnetic.neel, y) };
  return { curie_K: tc < 0 ? tc / afmFactor : tc, moment: b < 0 ? b / afmFactor : b, neel_K: 0 };
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
  const { reactantAtoms: r, hostAtoms: m } = layout;
  for (let i = 0; i < n; i++) d.gradient[i] = (d.gradient[i] - f * (r[i] + m[i])) / atoms;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      d.hessian[i * n + j] =
        (d.hessian[i * n + j] - d.gradient[i] * (r[j] + m[j]) - (r[i] + m[i]) * d.gradient[j]) / atoms;
  d.value = f;
}
