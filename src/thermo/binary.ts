import { inputError } from "../errors.js";
import { SmoothingSpline } from "../numerics/index.js";
import { GAS_CONSTANT } from "../units/index.js";
import type { Database, Parameter } from "./tdb/database.js";

/**
 * The Gibbs energy per mole of atoms of one phase of a binary Li–M system at fixed T, as a
 * function of the Li fraction x. Solutions: compound energy formalism with one sublattice mixing
 * Li and M (others fixed or vacant), ideal mixing and Redlich–Kister excess (Lukas, Fries & Sundman,
 * Computational Thermodynamics, 2007, ch. 5). Compounds: a single composition.
 */
export interface BinaryPhase {
  name: string;
  kind: "solution" | "compound";
  /** Composition range (a single point for compounds). */
  xRange: [number, number];
  energy(x: number): number;
  /** dF/dx (solutions only). */
  slope(x: number): number;
}

const LI = "LI";

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}

export function binaryPhases(
  db: Database,
  metal: string,
  temperature_K: number,
  only?: string[],
): BinaryPhase[] {
  const m = metal.toUpperCase();
  if (!db.elements.has(m))
    throw inputError(
      "params.system.metal",
      `element ${metal} is not in the database (has ${[...db.elements].join(", ")})`,
    );
  const phases: BinaryPhase[] = [];
  for (const phase of db.phases.values()) {
    if (only && !only.includes(phase.name)) continue;
    const model = binaryPhase(db, phase.name, m, temperature_K);
    if (model) phases.push(model);
    else if (only)
      throw inputError(
        "params.system.phases",
        `phase ${phase.name} has no complete Li–${metal} description in the database`,
      );
  }
  if (only) {
    for (const name of only)
      if (!db.phases.has(name)) throw inputError("params.system.phases", `unknown phase ${name}`);
  }
  return phases;
}

/** The binary Li–M model of one TDB phase, or undefined when the database lacks a needed term. */
export function binaryPhase(db: Database, name: string, metal: string, t: number): BinaryPhase | undefined {
  const phase = db.phases.get(name);
  if (!phase) return undefined;
  const problem = db.problems.find((p) => p.phase === name);
  const sublattices = phase.constituents.map((list) =>
    list.filter((c) => c === LI || c === metal || c === "VA"),
  );
  if (sublattices.length !== phase.siteRatios.length || sublattices.some((s) => s.length === 0))
    return undefined;
  const mixing = sublattices
    .map((s, k) => (s.includes(LI) && s.includes(metal) ? k : -1))
    .filter((k) => k >= 0);
  if (mixing.length > 1) {
    throw inputError(
      "tdb",
      `phase ${name}: Li and ${metal} mix on ${mixing.length} sublattices; only one mixing sublattice is supported`,
    );
  }
  const parameters = db.parameters.filter(
    (p) =>
      p.phase === name &&
      p.constituents.length === sublattices.length &&
      p.constituents.every((c, k) => c.every((s) => sublattices[k].includes(s))),
  );
  if (parameters.some((p) => (p.kind === "TC" || p.kind === "BMAGN") && db.parameterValue(p, t) !== 0)) {
    throw inputError("tdb", `phase ${name}: magnetic contributions (TC, BMAGN) are not supported`);
  }
  const gibbs = parameters.filter((p) => p.kind === "G" || p.kind === "L");
  // Fixed sublattices take their single non-vacancy constituent (or vacancy).
  const fixed = sublattices.map((s, k) =>
    mixing.includes(k) ? null : s.length === 1 ? s[0] : s.includes("VA") ? "VA" : s[0],
  );
  const atomsOf = (species: string | null, k: number) =>
    species === LI || species === metal ? phase.siteRatios[k] : 0;
  const endmember = (onMixing: string | null): number | undefined => {
    const wanted = fixed.map((f, k) => (mixing.includes(k) ? onMixing : f));
    const p = gibbs.find(
      (g) => g.order === 0 && g.constituents.every((c, k) => c.length === 1 && c[0] === wanted[k]),
    );
    return p ? db.parameterValue(p, t) : undefined;
  };
  const reportProblem = () => {
    if (problem)
      throw inputError(
        "tdb",
        `phase ${name} needs the statement at line ${problem.line}, which could not be read: ${problem.message}`,
      );
  };
  if (mixing.length === 0) {
    const g = endmember(null);
    if (g === undefined) return undefined;
    reportProblem();
    const lithium = fixed.reduce((s, f, k) => s + (f === LI ? phase.siteRatios[k] : 0), 0);
    const total = fixed.reduce((s, f, k) => s + atomsOf(f, k), 0);
    if (total === 0) return undefined;
    const x = lithium / total;
    return { name, kind: "compound", xRange: [x, x], energy: () => g / total, slope: () => Number.NaN };
  }
  const s = mixing[0];
  const a = phase.siteRatios[s];
  const gLi = endmember(LI);
  const gM = endmember(metal);
  if (gLi === undefined || gM === undefined) return undefined;
  reportProblem();
  const fixedLi = fixed.reduce((sum, f, k) => sum + (f === LI ? phase.siteRatios[k] : 0), 0);
  const fixedAtoms = fixed.reduce((sum, f, k) => sum + atomsOf(f, k), 0);
  const total = a + fixedAtoms;
  // Redlich-Kister coefficients on (y_Li - y_M)^n; parameters written (M, LI) flip odd orders.
  const coefficients: number[] = [];
  for (const p of gibbs) {
    const c = p.constituents[s];
    if (
      !sameSet(c, [LI, metal]) ||
      !p.constituents.every((cc, k) => k === s || (cc.length === 1 && cc[0] === fixed[k]))
    )
      continue;
    const sign = c[0] === LI || p.order % 2 === 0 ? 1 : -1;
    coefficients[p.order] = (coefficients[p.order] ?? 0) + sign * db.parameterValue(p as Parameter, t);
  }
  const rt = GAS_CONSTANT * t;
  const siteFraction = (x: number) => (x * total - fixedLi) / a;
  const xRange: [number, number] = [fixedLi / total, (fixedLi + a) / total];
  const clamp = (y: number) => Math.min(Math.max(y, 1e-15), 1 - 1e-15);
  const gOfY = (y: number) => {
    const yc = clamp(y);
    let excess = 0;
    coefficients.forEach((l, n) => {
      excess += (l ?? 0) * (2 * yc - 1) ** n;
    });
    return (
      y * gLi +
      (1 - y) * gM +
      rt * a * (yc * Math.log(yc) + (1 - yc) * Math.log(1 - yc)) +
      yc * (1 - yc) * excess
    );
  };
  const dGdY = (y: number) => {
    const yc = clamp(y);
    let sum = 0;
    let derivative = 0;
    coefficients.forEach((l, n) => {
      sum += (l ?? 0) * (2 * yc - 1) ** n;
      if (n > 0) derivative += (l ?? 0) * n * 2 * (2 * yc - 1) ** (n - 1);
    });
    return gLi - gM + rt * a * Math.log(yc / (1 - yc)) + (1 - 2 * yc) * sum + yc * (1 - yc) * derivative;
  };
  return {
    name,
    kind: "solution",
    xRange,
    energy: (x) => gOfY(siteFraction(x)) / total,
    // dF/dx = (dG/dy) (dy/dx) / N with dy/dx = N / a.
    slope: (x) => dGdY(siteFraction(x)) / a,
  };
}

/**
 * A phase known as tabulated free energies F(x) (e.g. from cluster-expansion Monte Carlo), fitted
 * with a cubic smoothing spline; lambda = 0 interpolates.
 */
export function tabulatedPhase(
  name: string,
  x: number[],
  freeEnergy_J_mol: number[],
  lambda = 0,
): BinaryPhase {
  const spline = new SmoothingSpline(x, freeEnergy_J_mol, lambda);
  return {
    name,
    kind: "solution",
    xRange: [x[0], x[x.length - 1]],
    energy: (t) => spline.evaluate(t).value,
    slope: (t) => spline.evaluate(t).first,
  };
}
