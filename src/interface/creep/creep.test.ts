import { beforeAll, describe, expect, it } from "vitest";
import { LITHIUM } from "../../materials/index.js";
import { inWorker } from "../../testing/inWorker.js";
import { FARADAY } from "../../units/index.js";
import {
  type CreepCellProblem,
  type CreepCellSolution,
  crackExtrusionPressure,
  crackGrowthPressure,
  creepAt,
  criticalGeometricCurrent,
  type DendriteCrack,
  flowStress,
  LITHIUM_CREEP,
  solveCreepUnitCell,
} from "./index.js";

const S = 100e-6;
/** Values f(cos(2 pi x/S), cos(2 pi y/S)) at the quarter-cell nodes of m cells across. */
const quarterCell = (m: number, f: (cx: number, cy: number) => number) =>
  Float64Array.from({ length: (m + 1) ** 2 }, (_, s) =>
    f(Math.cos((Math.PI * (s % (m + 1))) / m), Math.cos((Math.PI * Math.floor(s / (m + 1))) / m)),
  );

describe("creep unit cell (M2, 3D)", () => {
  const eta = 1e9;
  const eps = 1e-9;
  const newtonian = { stressExponent: 1, rateCoefficient: 1 / (3 * eta) };
  const flatNewtonian = (m: number, plating: (cx: number, cy: number) => number) =>
    solveCreepUnitCell({
      period_m: S,
      cellsAcross: m,
      surfaceHeight_m: new Float64Array((m + 1) ** 2),
      platingVelocity_m_s: quarterCell(m, plating),
      creep: newtonian,
    });

  /**
   * Newtonian Li (n = 1, eta) under a flat interface with no tangential velocity and plating
   * velocity v = eps cos(k.r): the Stokes stream function psi = (eps/K)(1 - K z) e^(Kz) sin(k.r)
   * (decaying into the Li, z < 0, K = |k|) gives P = 2 eta K eps cos(k.r) at the interface. The
   * egg-box cos(kx) cos(ky) is the sum of two such waves along the diagonals, K = sqrt(2) 2 pi/S, so
   * P = 2 sqrt(2) eta (2 pi/S) eps cos(kx) cos(ky); a wave along x alone is the plane-strain case.
   */
  it("matches the Newtonian half-space solution with second-order convergence", () => {
    const k = (2 * Math.PI) / S;
    const eggBox = 2 * Math.SQRT2 * eta * k * eps;
    const meshes = [4, 8, 12];
    const errors = meshes.map((m) => {
      const solution = flatNewtonian(m, (cx, cy) => eps * cx * cy);
      const p = solution.excessPressure_Pa;
      // Symmetry: equal and opposite at a peak and a trough corner of the quarter cell.
      expect(p[m] / p[0]).toBeCloseTo(-1, 8);
      return Math.abs(p[0] / eggBox - 1);
    });
    expect(errors[2]).toBeLessThan(0.02);
    for (let r = 1; r < meshes.length; r++) {
      const order = Math.log(errors[r - 1] / errors[r]) / Math.log(meshes[r] / meshes[r - 1]);
      expect(order).toBeGreaterThan(1.8);
    }
    const planeStrain = flatNewtonian(8, (cx) => eps * cx).excessPressure_Pa;
    expect(planeStrain[0] / (2 * eta * k * eps)).toBeCloseTo(1, 1);
    // Invariant along y: every row of the quarter cell carries the same pressure.
    expect(planeStrain[9 * 8] / planeStrain[0]).toBeCloseTo(1, 8);
  });

  it("gives no excess pressure for uniform plating under a flat interface (rigid translation)", () => {
    const solution = solveCreepUnitCell({
      period_m: S,
      cellsAcross: 4,
      surfaceHeight_m: new Float64Array(25),
      platingVelocity_m_s: new Float64Array(25).fill(1e-9),
      creep: creepAt(LITHIUM_CREEP, 298.15),
    });
    const scale = flowStress(creepAt(LITHIUM_CREEP, 298.15), 1e-9 / S);
    for (const p of solution.excessPressure_Pa) expect(Math.abs(p)).toBeLessThan(1e-4 * scale);
  });

  /** Egg-box H 25 um, S 150 um, plating 30% faster on the peaks than in the troughs. */
  const eggBoxCell = (m: number, velocityScale = 1): CreepCellProblem => ({
    period_m: 150e-6,
    cellsAcross: m,
    surfaceHeight_m: quarterCell(m, (cx, cy) => 12.5e-6 * cx * cy),
    platingVelocity_m_s: quarterCell(m, (cx, cy) => 1.35e-9 * velocityScale * (1 + 0.15 * cx * cy)),
    creep: creepAt(LITHIUM_CREEP, 298.15),
  });
  let base: CreepCellSolution;
  beforeAll(() => {
    base = solveCreepUnitCell(eggBoxCell(8));
  });

  it("scales the power-law pressure as velocity^(1/n), conserves Li, and peaks at the Li peak", () => {
    const faster = solveCreepUnitCell(eggBoxCell(8, 10));
    const n = LITHIUM_CREEP.stressExponent;
    expect(faster.excessPressure_Pa[0] / base.excessPressure_Pa[0]).toBeCloseTo(10 ** (1 / n), 5);
    expect(base.massBalanceError).toBeLessThan(1e-2);
    // The Li peak (x = y = 0), which plates fastest and into which the slopes converge, carries the
    // highest pressure.
    expect(base.excessPressure_Pa[0]).toBe(Math.max(...base.excessPressure_Pa));
  });

  it("reaches the band solve's answer with fewer factorisations (reused sparse factor + CG)", () => {
    // Same Newton tolerance, two linear solvers: the band Cholesky of every tangent (exact Newton
    // steps) and conjugate gradients preconditioned by an older nested-dissection factor (inexact
    // steps). Both converge to the same discrete solution.
    const problem = eggBoxCell(4);
    const banded = solveCreepUnitCell({ ...problem, linearSolver: "banded" });
    const sparse = solveCreepUnitCell({ ...problem, linearSolver: "sparse" });
    const scale = Math.max(...banded.excessPressure_Pa.map(Math.abs));
    for (let s = 0; s < banded.excessPressure_Pa.length; s++) {
      expect(Math.abs(sparse.excessPressure_Pa[s] - banded.excessPressure_Pa[s])).toBeLessThan(1e-8 * scale);
    }
    expect(Math.abs(sparse.massBalanceError - banded.massBalanceError)).toBeLessThan(1e-8);
    expect(banded.factorisations).toBe(banded.newtonIterations + 1);
    expect(sparse.factorisations).toBeLessThan(banded.factorisations);
    expect(sparse.linearIterations).toBeGreaterThan(0);
  });

  it("converges under refinement", async () => {
    // The peak value is the consistent reaction at a corner node of the penalty (Q1-P0) scheme and
    // approaches its limit with an even-odd wobble of a few per cent (4, 6, 8, 10, 12 cells across:
    // 0.80, 0.92, 0.917, 0.953, 0.942 MPa), so only a bound is claimed. The 12-cell solve takes a
    // minute or more on a busy machine: it runs in a thread so the test worker stays responsive.
    const fine = await inWorker<CreepCellSolution>(
      new URL("./index.ts", import.meta.url),
      "solveCreepUnitCell",
      eggBoxCell(12),
    );
    expect(Math.abs(fine.excessPressure_Pa[0] / base.excessPressure_Pa[0] - 1)).toBeLessThan(0.04);
    expect(fine.massBalanceError).toBeLessThan(base.massBalanceError);
  });
});

describe("dendrite-crack criterion (M2, after Ning 2023)", () => {
  const creep = creepAt(LITHIUM_CREEP, 298.15);
  const crack: DendriteCrack = {
    length_m: 10e-6,
    opening_m: 0.3e-6,
    fractureToughness_Pa_m05: 0.3e6,
    shapeFactor: 1.12,
  };
  const V = LITHIUM.molarVolume_m3_mol;

  it("extrusion pressure equals the quadrature of the power-law slit flow it is derived from", () => {
    // Independent check: for each section x of the crack, find by bisection the pressure gradient
    // whose slit flow (gamma_dot = 3^((n+1)/2) A' tau^n, integrated across the opening by the
    // trapezoid rule) carries the Li plated between the tip and x; integrate to the tip pressure
    // and average over the crack.
    const i = 10;
    const n = creep.stressExponent;
    const h = crack.opening_m / 2;
    const K = 3 ** ((n + 1) / 2) * creep.rateCoefficient;
    const M = 400;
    const u = new Float64Array(M + 1);
    const power = new Float64Array(M + 1);
    const flowRate = (G: number) => {
      // u(y) = int_y^h K (G s)^n ds; flux = 2 int_0^h u dy (trapezoid on both integrals). Each
      // (G y_k)^n once: it enters the trapezoids on both sides of y_k (8000 calls of 400 nodes).
      for (let k = 0; k <= M; k++) power[k] = (G * ((k * h) / M)) ** n;
      for (let k = M - 1; k >= 0; k--) u[k] = u[k + 1] + (K * (power[k] + power[k + 1]) * (h / M)) / 2;
      let q = 0;
      for (let k = 0; k < M; k++) q += ((u[k] + u[k + 1]) / 2) * (h / M);
      return 2 * q;
    };
    const gradientFor = (q: number) => {
      let lo = 0;
      let hi = 1e15;
      for (let it = 0; it < 80; it++) {
        const mid = (lo + hi) / 2;
        if (flowRate(mid) < q) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    };
    const P = 100;
    const gradients = Array.from({ length: P + 1 }, (_, k) => {
      const x = (k * crack.length_m) / P;
      return k === 0 ? 0 : gradientFor((2 * i * V * x) / FARADAY);
    });
    // Pressure at distance x from the tip, relative to the mouth: int_x^c G.
    const pressure = new Float64Array(P + 1);
    for (let k = P - 1; k >= 0; k--) {
      pressure[k] = pressure[k + 1] + ((gradients[k] + gradients[k + 1]) / 2) * (crack.length_m / P);
    }
    let mean = 0;
    for (let k = 0; k < P; k++) mean += (pressure[k] + pressure[k + 1]) / 2 / P;
    expect(crackExtrusionPressure(i, V, FARADAY, crack, creep) / mean).toBeCloseTo(1, 2);
  });

  const critical = (currentRatio: number[], excessPressure_Pa: number[]) =>
    criticalGeometricCurrent({
      currentRatio,
      excessPressure_Pa,
      referenceCurrent_A_m2: 10,
      molarVolume_m3_mol: V,
      faraday: FARADAY,
      crack,
      creep,
    });

  it("critical current: flat interface reaches the growth pressure there; excess pressure lowers it", () => {
    const flat = critical([1], [0]).criticalCurrent_A_m2;
    expect(crackExtrusionPressure(flat, V, FARADAY, crack, creep) / crackGrowthPressure(crack)).toBeCloseTo(
      1,
      10,
    );
    // Lower local current alone raises the critical current by exactly 1 / ratio.
    const spread = critical([0.8, 0.5], [0, 0]);
    expect(spread.criticalCurrent_A_m2 / flat).toBeCloseTo(1 / 0.8, 10);
    expect(spread.worstIndex).toBe(0);
    const pressed = critical([1], [1e6]).criticalCurrent_A_m2;
    expect(pressed).toBeLessThan(flat);
    // At the critical current the drive equals the growth pressure (pressure scaled by (i/i_ref)^(1/n)).
    const drive =
      1e6 * (pressed / 10) ** (1 / creep.stressExponent) +
      crackExtrusionPressure(pressed, V, FARADAY, crack, creep);
    expect(drive / crackGrowthPressure(crack)).toBeCloseTo(1, 10);
  });
});
