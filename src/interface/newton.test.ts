import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NumericalError } from "../errors.js";
import { type Kinetics, lawOf } from "../kinetics/index.js";
import {
  assembleQ1Stiffness,
  Multigrid2D,
  type Preconditioner,
  rowBoundaryWeights,
} from "../numerics/index.js";
import { ELEMENTARY_CHARGE } from "../units/index.js";
import { type Interface2DProblem, solveInterface2D, solveInterface3D } from "./index.js";
import { newtonRobin } from "./newton.js";

const T = 298.15;
const I = 10; // applied plating current density, A/m^2 (1 mA/cm^2)
const RATIOS = [1e-3, 1, 1e2, 1e4];
const SIGMA = 0.2;

/** Each nonlinear law at exchange current I / ratio (MHC with lambda = 1 eV, whose limit is ~1e5 i_ex). */
const laws: { name: string; at: (i0: number) => Kinetics; sign: 1 | -1 }[] = [
  {
    name: "symmetric Butler-Volmer",
    sign: 1,
    at: (i0) => ({
      type: "butler-volmer",
      exchangeCurrentDensity: i0,
      alphaAnodic: 0.5,
      alphaCathodic: 0.5,
      temperature: T,
      pressure: 0,
      molarVolume: 13e-6,
    }),
  },
  {
    name: "asymmetric Butler-Volmer under 5 MPa",
    sign: 1,
    at: (i0) => ({
      type: "butler-volmer",
      exchangeCurrentDensity: i0,
      alphaAnodic: 0.3,
      alphaCathodic: 0.7,
      temperature: T,
      pressure: 5e6,
      molarVolume: 13e-6,
    }),
  },
  {
    name: "cathodic Tafel",
    sign: 1,
    at: (i0) => ({
      type: "tafel",
      branch: "cathodic",
      exchangeCurrentDensity: i0,
      alpha: 0.5,
      temperature: T,
    }),
  },
  {
    // The anodic branch carries stripping only: the applied current is reversed.
    name: "anodic Tafel (stripping)",
    sign: -1,
    at: (i0) => ({ type: "tafel", branch: "anodic", exchangeCurrentDensity: i0, alpha: 0.5, temperature: T }),
  },
  {
    name: "Marcus-Hush-Chidsey",
    sign: 1,
    at: (i0) => ({
      type: "marcus-hush-chidsey",
      exchangeCurrentDensity: i0,
      reorganizationEnergy: 1 * ELEMENTARY_CHARGE,
      temperature: T,
    }),
  },
];

function flat2D(kinetics: Kinetics, top: Interface2DProblem["top"]): Interface2DProblem {
  return {
    layer: { thickness_m: 10e-6, width_m: 10e-6, xStart_m: 0, conductivity_S_m: SIGMA, inclusions: [] },
    collector: { tips: [], sites: [], kinetics },
    top,
    sides: "periodic",
    numerics: { cellSize_m: 1.25e-6, relativeTolerance: 1e-10 },
  };
}

/** Flat interface: uniform current i, and the law's own overpotential eta(i) with its stress shift. */
describe("Newton at any current: flat interface, every nonlinear law, i/i_ex = 1e-3 ... 1e4", () => {
  for (const { name, at, sign } of laws) {
    it(`${name}: 2D and 3D, galvanostatic and potentiostatic`, () => {
      for (const ratio of RATIOS) {
        const k = at(I / ratio);
        const law = lawOf(k);
        const plating = sign * I;
        const eta = law.overpotential(-plating, k);
        // The potential of the electrode against the top: eta plus the stress shift plus the ohmic drop.
        const galvanostatic = solveInterface2D(flat2D(k, { kind: "current", currentDensity_A_m2: plating }));
        for (const value of galvanostatic.collector.currentDensity_A_m2)
          expect(value / plating).toBeCloseTo(1, 8);
        for (const value of galvanostatic.collector.overpotential_V) expect(value).toBeCloseTo(eta, 8);

        const electrodePotential = eta + law.stressShift_V(k) - (plating * 10e-6) / SIGMA;
        const potentiostatic = solveInterface2D(
          flat2D(k, { kind: "potential", electrodePotential_V: electrodePotential }),
        );
        for (const value of potentiostatic.collector.currentDensity_A_m2)
          expect(value / plating).toBeCloseTo(1, 6);

        const solid = solveInterface3D({
          period_m: 20e-6,
          thickness_m: 20e-6,
          conductivity_S_m: SIGMA,
          contour: { shape: "flat" },
          kinetics: k,
          currentDensity_A_m2: plating,
          cellsPerPeriod: 8,
          relativeTolerance: 1e-10,
        });
        for (const value of solid.currentDensity_A_m2) expect(value / plating).toBeCloseTo(1, 8);
        const solidPotentiostatic = solveInterface3D({
          period_m: 20e-6,
          thickness_m: 20e-6,
          conductivity_S_m: SIGMA,
          contour: { shape: "flat" },
          kinetics: k,
          currentDensity_A_m2: 0,
          electrodePotential_V: eta + law.stressShift_V(k) - (plating * 20e-6) / SIGMA,
          cellsPerPeriod: 8,
          relativeTolerance: 1e-10,
        });
        for (const value of solidPotentiostatic.currentDensity_A_m2)
          expect(value / plating).toBeCloseTo(1, 6);
      }
    });
  }

  it("fails with a NumericalError naming the law and i/i_ex where no steady state exists (MHC beyond its limit)", () => {
    const k: Kinetics = {
      type: "marcus-hush-chidsey",
      exchangeCurrentDensity: I / 100,
      reorganizationEnergy: 0.25 * ELEMENTARY_CHARGE,
      temperature: T,
    };
    const [low, high] = lawOf(k).currentRange(k);
    expect(high).toBeLessThan(I); // lambda = 0.25 eV saturates at ~48 i_ex
    const attempt = () => solveInterface2D(flat2D(k, { kind: "current", currentDensity_A_m2: I }));
    expect(attempt).toThrow(NumericalError);
    expect(attempt).toThrow(/Marcus-Hush-Chidsey kinetics at i\/i_ex = 100: no steady state/);
    // The residual reached is the share of the applied plating current beyond the law's limit.
    const error = (() => {
      try {
        attempt();
      } catch (thrown) {
        return thrown as NumericalError;
      }
    })();
    expect(error?.residual).toBeCloseTo((I + low) / I, 12);
  });
});

describe("newtonRobin's multigrid hierarchy", () => {
  it("is built fewer times than there are linear solves, and gives the answer of a fresh hierarchy per CG iteration", () => {
    // A cosine collector (amplitude 2 um, period 20 um) under a 10 um layer, Butler-Volmer in the
    // Tafel regime: the tangent varies along the surface and from step to step.
    const [nx, ny, width, height] = [65, 33, 20e-6, 10e-6];
    const x = new Float64Array(nx * ny);
    const y = new Float64Array(nx * ny);
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const xi = (width * i) / (nx - 1);
        const g = 2e-6 * Math.cos((2 * Math.PI * xi) / width);
        x[j * nx + i] = xi;
        y[j * nx + i] = g + (j / (ny - 1)) * (height - g);
      }
    }
    const mesh = { nx, ny, periodicX: false, period: width, x, y };
    const matrix = assembleQ1Stiffness(mesh, SIGMA);
    const rhs = new Float64Array(nx * ny);
    const top = rowBoundaryWeights(mesh, ny - 1);
    for (let i = 0; i < nx; i++) rhs[(ny - 1) * nx + i] = I * top[i];
    const nodes = Array.from({ length: nx }, (_, i) => i);
    const kinetics = nodes.map(() => laws[0].at(I / 100));
    const electrode = {
      nodes,
      kinetics,
      shift: new Float64Array(nx),
      weights: rowBoundaryWeights(mesh, 0),
      expectedCurrent_A_m2: I,
    };
    const solve = (build: (m: typeof matrix) => Preconditioner) => {
      const phi = new Float64Array(nx * ny);
      return { phi, ...newtonRobin(matrix, build, rhs, phi, electrode, 1e-10) };
    };
    let builds = 0;
    const reused = solve((m) => {
      builds++;
      return new Multigrid2D(m);
    });
    const fresh = solve((m) => ({ apply: (r, z) => new Multigrid2D(m).apply(r, z) }));
    expect(reused.newtonIterations).toBeGreaterThan(1);
    expect(builds).toBeLessThan(reused.newtonIterations + 1);
    const scale = reused.phi.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    for (let n = 0; n < nx * ny; n++)
      expect(Math.abs(reused.phi[n] - fresh.phi[n])).toBeLessThan(1e-8 * scale);
  });
});

const EGG_PERIOD = 150e-6;
function eggBox(kinetics: Kinetics, cells = 12) {
  const solution = solveInterface3D({
    period_m: EGG_PERIOD,
    thickness_m: EGG_PERIOD,
    conductivity_S_m: SIGMA,
    contour: { shape: "egg-box", height_m: 25e-6 },
    kinetics,
    currentDensity_A_m2: I,
    cellsPerPeriod: cells,
    relativeTolerance: 1e-9,
  });
  let total = 0;
  let area = 0;
  solution.currentDensity_A_m2.forEach((value, s) => {
    total += value * solution.areaWeights_m2[s];
    area += solution.areaWeights_m2[s];
  });
  return Math.max(...solution.currentDensity_A_m2) / (total / area);
}

describe("egg-box: the peak current ratio between its primary and Tafel limits", () => {
  it("falls monotonically from the primary value as i_ex falls, to the linear-theory value of the Tafel regime", () => {
    const bv = laws[0].at;
    const primary = eggBox({ type: "primary" });
    const ratios = RATIOS.map((ratio) => eggBox(bv(I / ratio)));
    for (let r = 1; r < ratios.length; r++) expect(ratios[r]).toBeLessThanOrEqual(ratios[r - 1] * (1 + 1e-9));
    expect(ratios[0]).toBeLessThan(primary);
    expect(ratios[ratios.length - 1]).toBeGreaterThan(1);
    // Fast kinetics (i/i_ex = 1e-3): the linear law with the equilibrium ASR R T / (F i_ex).
    const fast = bv(I / 1e-3);
    expect(ratios[0] / eggBox({ type: "linear", asr: 1 / lawOf(fast).slope(0, fast) })).toBeCloseTo(1, 6);
    // Tafel regime: Wagner's small-perturbation theory with the differential resistance at the mean
    // current, d eta / d i = R T / (a_c F i) (Newman & Thomas-Alyea section 18.2); the egg-box is no
    // small perturbation, so agreement to a fraction of the excess over 1, not exactly.
    const slow = bv(I / 1e4);
    const differential = 1 / lawOf(slow).slope(lawOf(slow).overpotential(-I, slow), slow);
    const linearised = eggBox({ type: "linear", asr: differential });
    expect(Math.abs(ratios[ratios.length - 1] - linearised)).toBeLessThan(0.2 * (linearised - 1));
    // Pure Tafel kinetics has no i_ex in its Wagner number: its distribution is that of BV's Tafel regime.
    expect(eggBox(laws[2].at(I / 1e4)) / ratios[ratios.length - 1]).toBeCloseTo(1, 4);
  });
});

describe("mesh convergence with Butler-Volmer in the Tafel regime (i/i_ex = 100)", () => {
  it("converges the peak current of a 2D cosine collector at second order", () => {
    const k = laws[0].at(I / 100);
    const peak = (cellSize_m: number) => {
      const solution = solveInterface2D({
        layer: {
          thickness_m: 10e-6,
          width_m: 20e-6,
          xStart_m: -10e-6,
          conductivity_S_m: SIGMA,
          inclusions: [],
        },
        collector: { tips: [], sites: [], kinetics: k, cosine: { amplitude_m: 2e-6, wavelength_m: 20e-6 } },
        top: { kind: "current", currentDensity_A_m2: I },
        sides: "periodic",
        numerics: { cellSize_m, relativeTolerance: 1e-11 },
      });
      return Math.max(...solution.collector.currentDensity_A_m2);
    };
    const [coarse, medium, fine] = [1e-6, 0.5e-6, 0.25e-6].map(peak);
    const order = Math.log2((coarse - medium) / (medium - fine));
    expect(order).toBeGreaterThan(1.6);
    expect(order).toBeLessThan(2.6);
  });
});

describe("the CLI on a failing solve", () => {
  it("exits 3 naming the law, i/i_ex and the residual, without a stack trace; the issue's crash case now runs", async () => {
    // Loaded here so that the solver tests above do not depend on every study compiling.
    const { cli, scenarioIn } = await import("../cli/testing.js");
    const folder = mkdtempSync(join(tmpdir(), "anodefree-newton-"));
    const scenario = (kinetics: string) =>
      [
        "study: interface-3d",
        "params:",
        "  contour: { shape: egg-box, period: 150 um, height: 25 um }",
        "  ionicConductivity: 2 mS/cm",
        `  kinetics: ${kinetics}`,
        "  currentDensity: 1 mA/cm^2",
        "  numerics: { cellsPerPeriod: 8 }",
        "",
      ].join("\n");
    const failing = await cli(
      "run",
      scenarioIn(
        folder,
        "mhc.yaml",
        scenario(
          "{ type: marcus-hush-chidsey, exchangeCurrentDensity: 0.01 mA/cm^2, reorganizationEnergy: 0.25 eV }",
        ),
      ),
    );
    expect(failing.code).toBe(3);
    expect(failing.stderr).toMatch(/Marcus-Hush-Chidsey kinetics at i\/i_ex = 100/);
    expect(failing.stderr).toMatch(/residual reached/);
    expect(failing.stderr).not.toMatch(/internal error|\n\s+at /);
    const crash = await cli(
      "run",
      scenarioIn(
        folder,
        "bv.yaml",
        scenario("{ type: butler-volmer, exchangeCurrentDensity: 0.01 mA/cm^2 }"),
      ),
    );
    expect(crash.stderr).toBe("");
    expect(crash.code).toBe(0);
  });
});
