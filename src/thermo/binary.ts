import { inputError } from "../errors.js";
import { SmoothingSpline } from "../numerics/index.js";
import { GAS_CONSTANT } from "../units/index.js";
import { type CefModel, compileCef, hasPhysicalModels, layoutOf } from "./cef/model.js";
import { sublatticePhase } from "./cef/sublatticePhase.js";
import { cefSurface, partitionedSurface } from "./cef/surface.js";
import type { Database, Parameter } from "./tdb/database.js";

/**
 * The Gibbs energy per mole of atoms of one phase of a binary R–M system (R the reacting element,
 * Li by default) at fixed T, as a function of the R fraction x. Solutions: compound energy
 * formalism (Lukas, Fries & Sundman, Computational Thermodynamics, 2007, ch. 5). Compounds: a
 * single composition.
 */
export interface BinaryPhase {
  name: string;
  kind: "solution" | "compound";
  /** Composition range (a single point for compounds). */
  xRange: [number, number];
  energy(x: number): number;
  /** dF/dx (solutions only). */
  slope(x: number): number;
  /** Samples on the lower hull (default 2000); phases with sublattices tabulate their minima there. */
  samples?: number;
}

export interface BinaryOptions {
  /** The reacting element (the anode metal): LI by default, NA, K or any element of the database. */
  reactant?: string;
  /** Evaluate one-mixing-sublattice phases through the general compound-energy path too. */
  general?: boolean;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}

function checkElement(db: Database, element: string, field: string): string {
  const e = element.toUpperCase();
  if (!db.elements.has(e))
    throw inputError(
      field,
      `element ${element} is not in the database (expected one of ${[...db.elements].filter((x) => x !== "VA" && x !== "/-").join(", ")})`,
    );
  return e;
}

/**
 * Every phase of the binary reactant–metal system in the database (or the listed ones) at T.
 * Phases without a complete description (an end member without G) are left out unless listed.
 */
export function binaryPhases(
  db: Database,
  metal: string,
  temperature_K: number,
  only?: string[],
  options: BinaryOptions = {},
): BinaryPhase[] {
  const m = checkElement(db, metal, "params.system.metal");
  const r = checkElement(db, options.reactant ?? "LI", "params.system.lithium");
  if (m === r)
    throw inputError("params.system.metal", `is the reacting element ${r}; expected the host metal`);
  if (only) {
    for (const name of only) {
      const problem = db.problems.find((p) => p.phase === name);
      if (!db.phases.has(name) && problem)
        throw inputError("tdb", `phase ${name} (line ${problem.line}) could not be read: ${problem.message}`);
      if (!db.phases.has(name))
        throw inputError(
          "params.system.phases",
          `phase ${name} is not in the database (expected one of ${[...db.phases.keys()].join(", ")})`,
        );
    }
  }
  const phases: BinaryPhase[] = [];
  for (const phase of db.phases.values()) {
    if (only ? !only.includes(phase.name) : db.rejectedPhases.has(phase.name)) continue;
    const model = binaryPhase(db, phase.name, m, temperature_K, {
      ...options,
      reactant: r,
      required: !!only,
    });
    if (model) phases.push(model);
    else if (only)
      throw inputError("params.system.phases", `phase ${phase.name} has no ${r} or ${m} on any sublattice`);
  }
  // A partitioned ordered phase equals its disordered part where it is disordered; listing it
  // last lets the hull name such states after the disordered phase.
  phases.sort(
    (a, b) =>
      Number(!!db.phases.get(a.name)?.disorderedPart) - Number(!!db.phases.get(b.name)?.disorderedPart),
  );
  if (!phases.some((p) => p.xRange[0] < 1))
    throw inputError(
      "params.system.metal",
      `no phase of the database (${only ? "among those listed" : "of any kind"}) contains ${m} with ${r}; expected a ${r}–${m} description`,
    );
  if (!phases.some((p) => p.xRange[1] > 0))
    throw inputError(
      "params.system",
      `no phase of the database (${only ? "among those listed" : "of any kind"}) contains both ${m} and ${r}, or ${r} at all; expected a ${r}–${m} description`,
    );
  return phases;
}

/**
 * The binary model of one TDB phase, or undefined when it holds neither element or (unless
 * `required`) its description is incomplete. One mixing sublattice of R and M with the others
 * fixed: the closed-form fast path; otherwise the compound energy formalism with internal
 * equilibrium of the site fractions (src/thermo/cef/).
 */
export function binaryPhase(
  db: Database,
  name: string,
  metal: string,
  t: number,
  options: BinaryOptions & { required?: boolean } = {},
): BinaryPhase | undefined {
  const reactant = (options.reactant ?? "LI").toUpperCase();
  const host = metal.toUpperCase();
  const phase = db.phases.get(name);
  if (!phase) return undefined;
  const problem = db.problemFor(name, [reactant, host, "VA"]);
  const layout = layoutOf(phase, reactant, host);
  if (!layout) return undefined;
  if (problem)
    throw inputError(
      "tdb",
      `phase ${name} needs the statement at line ${problem.line}, which could not be read: ${problem.message}`,
    );
  const model = compileCef(db, phase, reactant, host, t);
  if (!model) return undefined;
  const incomplete = (m: CefModel, what: string) => {
    if (m.missingEndMembers.length === 0) return false;
    if (options.required)
      throw inputError(
        "params.system.phases",
        `${what} has no G parameter for the end member${m.missingEndMembers.length > 1 ? "s" : ""} ${m.missingEndMembers.join(", ")} of the ${reactant}–${host} system`,
      );
    return true;
  };
  if (phase.disorderedPart) {
    const disorderedPhase = db.phases.get(phase.disorderedPart);
    const disordered = disorderedPhase && compileCef(db, disorderedPhase, reactant, host, t);
    if (!disordered) {
      if (options.required)
        throw inputError(
          "tdb",
          `phase ${name}: its disordered part ${phase.disorderedPart} is not described for ${reactant}–${host}`,
        );
      return undefined;
    }
    if (incomplete(disordered, `the disordered part ${phase.disorderedPart} of phase ${name}`))
      return undefined;
    return sublatticePhase(partitionedSurface(model, disordered));
  }
  if (incomplete(model, `phase ${name}`)) return undefined;
  const mixing = layout.species.filter((s) => s.length > 1);
  const fast =
    !options.general &&
    !hasPhysicalModels(model) &&
    mixing.length === 1 &&
    sameSet(mixing[0], [reactant, host]);
  if (!fast) return sublatticePhase(cefSurface(model));
  return oneMixingSublattice(db, name, reactant, host, t);
}

/** The fast path: R and M mix on one sublattice, every other sublattice holds one species. */
function oneMixingSublattice(
  db: Database,
  name: string,
  reactant: string,
  metal: string,
  t: number,
): BinaryPhase | undefined {
  const LI = reactant;
  const phase = db.phases.get(name) as NonNullable<ReturnType<Database["phases"]["get"]>>;
  const sublattices = phase.constituents.map((list) =>
    list.filter((c) => c === LI || c === metal || c === "VA"),
  );
  const mixing = sublattices
    .map((s, k) => (s.includes(LI) && s.includes(metal) ? k : -1))
    .filter((k) => k >= 0);
  const parameters = db.parameters.filter(
    (p) =>
      p.phase === name &&
      p.constituents.length === sublattices.length &&
      p.constituents.every((c, k) => c.every((s) => sublattices[k].includes(s))),
  );
  const gibbs = parameters.filter((p) => p.kind === "G" || p.kind === "L");
  const fixed = sublattices.map((s, k) => (mixing.includes(k) ? null : s[0]));
  const atomsOf = (species: string | null, k: number) =>
    species === LI || species === metal ? phase.siteRatios[k] : 0;
  const endmember = (onMixing: string | null): number | undefined => {
    const wanted = fixed.map((f, k) => (mixing.includes(k) ? onMixing : f));
    const p = gibbs.find(
      (g) => g.order === 0 && g.constituents.every((c, k) => c.length === 1 && c[0] === wanted[k]),
    );
    return p ? db.parameterValue(p, t) : undefined;
  };
  const s = mixing[0];
  const a = phase.siteRatios[s];
  const gLi = endmember(LI);
  const gM = endmember(metal);
  if (gLi === undefined || gM === undefined) return undefined;
  const fixedLi = fixed.reduce((sum, f, k) => sum + (f === LI ? phase.siteRatios[k] : 0), 0);
  const fixedAtoms = fixed.reduce((sum, f, k) => sum + atomsOf(f, k), 0);
  const total = a + fixedAtoms;
  // Redlich-Kister coefficients on (y_Li - y_M)^n; parameters written (M, LI) flip odd orders.
  const coefficients: number[] = [];
  for (const p of gibbs) {
    const c = p.constituents[s];
    if (
      !sameSet(c, [LI, metal]) ||
      !p.constituents.every((cc, k) => k === s || (cc.length === 1 && (cc[0] === fixed[k] || cc[0] === "*")))
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
