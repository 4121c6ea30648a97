import { NumericalError } from "../../errors.js";
import {
  crackExtrusionPressure,
  crackGrowthPressure,
  creepAt,
  criticalGeometricCurrent,
  type DendriteCrack,
  type PowerLawCreep,
  solveCreepUnitCell,
} from "../../interface/index.js";
import { lawOf } from "../../kinetics/index.js";
import { LITHIUM } from "../../materials/index.js";
import { FARADAY } from "../../units/index.js";
import { solveContour } from "../shared/contours.js";
import type { RunContext, StudyOutput } from "../types.js";
import { type CriticalCurrentParams, creepCellsPerPeriod, creepDefaults } from "./schema.js";

/**
 * One geometric current: the current ratio on the contour (M1, 3D) sampled on the quarter cell
 * [0, S/2]^2 of the creep mesh, and the excess pressure there (M2).
 */
function quarterCellAt(params: CriticalCurrentParams, currentDensity: number, creep: PowerLawCreep) {
  const contour = solveContour(params, { currentDensity_A_m2: currentDensity });
  const n = params.numerics.cellsPerPeriod;
  const m = creepCellsPerPeriod(params) / 2;
  const stride = n / (2 * m);
  const count = (m + 1) * (m + 1);
  const { x, y, z } = contour.solution.mesh;
  const surface = {
    x_m: new Float64Array(count),
    y_m: new Float64Array(count),
    z_m: new Float64Array(count),
    currentRatio: new Float64Array(count),
  };
  for (let j = 0; j <= m; j++) {
    for (let i = 0; i <= m; i++) {
      const node = j * stride * n + i * stride;
      const s = j * (m + 1) + i;
      surface.x_m[s] = x[node];
      surface.y_m[s] = y[node];
      surface.z_m[s] = z[node];
      surface.currentRatio[s] = contour.ratio[node];
    }
  }
  const velocityPerRatio = (currentDensity * LITHIUM.molarVolume_m3_mol) / FARADAY;
  const pressure = solveCreepUnitCell({
    period_m: params.contour.period,
    cellsAcross: m,
    surfaceHeight_m: surface.z_m,
    platingVelocity_m_s: surface.currentRatio.map((r) => r * velocityPerRatio),
    creep,
  });
  return { contour, surface, pressure, m };
}

export function runCriticalCurrent(params: CriticalCurrentParams, context: RunContext): StudyOutput {
  const creep = creepAt(
    {
      stressExponent: params.creep.stressExponent,
      activationEnergy_J_mol: params.creep.activationEnergy,
      referenceStress_Pa: params.creep.referenceStress,
      referenceStrainRate_s: params.creep.referenceStrainRate,
      referenceTemperature_K: creepDefaults.referenceTemperature_K,
    },
    params.temperature,
  );
  const crack: DendriteCrack = {
    length_m: params.crack.length,
    opening_m: params.crack.opening,
    fractureToughness_Pa_m05: params.crack.fractureToughness,
    shapeFactor: params.crack.shapeFactor,
  };
  const V = LITHIUM.molarVolume_m3_mol;
  const critical = (
    currentRatio: ArrayLike<number>,
    excessPressure_Pa: ArrayLike<number>,
    reference: number,
  ) =>
    criticalGeometricCurrent({
      currentRatio,
      excessPressure_Pa,
      referenceCurrent_A_m2: reference,
      molarVolume_m3_mol: V,
      faraday: FARADAY,
      crack,
      creep,
    });
  // Flat interface: uniform current and no excess pressure.
  const flat = critical([1], [0], params.currentDensity).criticalCurrent_A_m2;

  const reference = quarterCellAt(params, params.currentDensity, creep);
  context.onProgress?.(0.5);
  let result = critical(
    reference.surface.currentRatio,
    reference.pressure.excessPressure_Pa,
    params.currentDensity,
  );
  let passes = 1;
  // Nonlinear kinetics makes the current distribution depend on the current: re-solve at the critical
  // current until it settles (linear and primary kinetics need no second pass).
  const kinetics = params.kinetics;
  if (lawOf(kinetics).treatment === "nonlinear") {
    let change = Number.POSITIVE_INFINITY;
    while (change > 1e-3 && passes < 8) {
      const at = quarterCellAt(params, result.criticalCurrent_A_m2, creep);
      const next = critical(
        at.surface.currentRatio,
        at.pressure.excessPressure_Pa,
        result.criticalCurrent_A_m2,
      );
      change = Math.abs(next.criticalCurrent_A_m2 / result.criticalCurrent_A_m2 - 1);
      result = next;
      passes++;
    }
    if (change > 1e-3) {
      throw new NumericalError(
        `critical current did not settle under ${lawOf(kinetics).title} kinetics in 8 passes`,
        change,
      );
    }
  }
  context.onProgress?.(1);
  const { contour, surface, pressure, m } = reference;
  const worst = result.worstIndex;
  const excess = pressure.excessPressure_Pa;
  const extrusion = surface.currentRatio.map((r) =>
    crackExtrusionPressure(r * params.currentDensity, V, FARADAY, crack, creep),
  );
  // The row y = S/2 of the quarter cell runs from a trough (x = 0) to a peak (x = S/2) of the egg-box.
  const row = (values: Float64Array) => [...values.subarray(m * (m + 1), (m + 1) * (m + 1))];
  return {
    metrics: {
      maxExcessPressure_Pa: Math.max(...excess),
      criticalCurrent_A_m2: result.criticalCurrent_A_m2,
      criticalCurrentGain: result.criticalCurrent_A_m2 / flat,
      flatCriticalCurrent_A_m2: flat,
      maxCurrentRatio: contour.ratio[contour.maxAt],
      areaRatio: contour.areaRatio,
      crackGrowthPressure_Pa: crackGrowthPressure(crack),
      worstPoint: { x_m: surface.x_m[worst], y_m: surface.y_m[worst], z_m: surface.z_m[worst] },
    },
    series: {
      surface: {
        x_m: [...surface.x_m],
        y_m: [...surface.y_m],
        z_m: [...surface.z_m],
        currentRatio: [...surface.currentRatio],
        excessPressure_Pa: [...excess],
      },
      section: {
        x_m: row(surface.x_m),
        z_m: row(surface.z_m),
        currentRatio: row(surface.currentRatio),
        excessPressure_Pa: row(excess),
        crackExtrusionPressure_Pa: row(extrusion),
      },
    },
    diagnostics: {
      iterations: contour.solution.iterations,
      residual: Math.max(contour.solution.residual, pressure.residual),
      currentBalanceRelativeError: contour.currentBalanceRelativeError,
      creepNewtonIterations: pressure.newtonIterations,
      creepMassBalanceError: pressure.massBalanceError,
      criticalCurrentPasses: passes,
    },
  };
}
