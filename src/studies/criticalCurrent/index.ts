import { z } from "zod";
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
import { LITHIUM } from "../../materials/index.js";
import { dimensions, FARADAY } from "../../units/index.js";
import { heatMap, linePlot } from "../plotSpecs.js";
import { positiveQuantity } from "../schema.js";
import { contourFields, refineContour, solveContour } from "../shared/contours.js";
import type { RunContext, StudyDefinition, StudyOutput } from "../types.js";
import { zhangCriticalCurrent } from "./reproduction.js";

const creepDefaults = LITHIUM.creep;

/**
 * Creep mesh: 16 cells per period resolves the peak pressure of a H25S150 egg-box to 0.3%
 * (0.7572 MPa against 0.7548 MPa at 24); every doubling costs ~10x in the banded solver.
 */
const DEFAULT_CREEP_CELLS = 16;

function creepCellsPerPeriod(value: {
  creep: { cellsPerPeriod?: number };
  numerics: { cellsPerPeriod: number };
}) {
  return value.creep.cellsPerPeriod ?? Math.min(DEFAULT_CREEP_CELLS, value.numerics.cellsPerPeriod);
}

const schema = z
  .strictObject({
    ...contourFields,
    temperature: positiveQuantity(dimensions.temperature, {
      description: "cell temperature",
      default: "25 degC",
    }),
    creep: z
      .strictObject({
        stressExponent: z
          .number()
          .min(1)
          .max(20)
          .default(creepDefaults.stressExponent)
          .meta({ description: "n of eps_dot = A sigma^n exp(-Q/RT) (LePage 2019)" }),
        activationEnergy: positiveQuantity(dimensions.molarEnergy, {
          description: "Q (LePage 2019)",
          default: `${creepDefaults.activationEnergy_J_mol / 1e3} kJ/mol`,
        }),
        referenceStress: positiveQuantity(dimensions.pressure, {
          description: "flow stress at the reference strain rate and 25 degC (sets A; assumed)",
          default: `${creepDefaults.referenceStress_Pa / 1e6} MPa`,
        }),
        referenceStrainRate: positiveQuantity(dimensions.strainRate, {
          description: "strain rate of the reference point",
          default: `${creepDefaults.referenceStrainRate_s} s^-1`,
        }),
        cellsPerPeriod: z
          .number()
          .int()
          .min(4)
          .max(64)
          .optional()
          .meta({
            description: `cells per period of the creep mesh (even, divides numerics.cellsPerPeriod; default the smaller of ${DEFAULT_CREEP_CELLS} and numerics.cellsPerPeriod)`,
          }),
      })
      .prefault({}),
    crack: z
      .strictObject({
        length: positiveQuantity(dimensions.length, {
          description: "dendrite crack depth c",
          default: "10 um",
        }),
        opening: positiveQuantity(dimensions.length, { description: "crack opening w", default: "0.3 um" }),
        fractureToughness: positiveQuantity(dimensions.fractureToughness, {
          description: "K_Ic of the electrolyte (assumed, order of argyrodites)",
          default: "0.3 MPa*m^0.5",
        }),
        shapeFactor: z.number().gt(0).default(1.12).meta({ description: "Y in K_I = Y p sqrt(pi c)" }),
      })
      .prefault({}),
  })
  .superRefine((value, context) => {
    refineContour(value, context);
    const issue = (path: PropertyKey[], message: string) =>
      context.addIssue({ code: "custom", path, message });
    if (value.contour.shape === "height-map") {
      issue(
        ["contour", "shape"],
        "critical-current needs a contour mirror-symmetric about x = 0 and x = S/2 (egg-box, pyramid, frustum or flat), got height-map",
      );
    }
    const creepCells = creepCellsPerPeriod(value);
    if (creepCells % 2 !== 0 || value.numerics.cellsPerPeriod % creepCells !== 0) {
      issue(
        ["creep", "cellsPerPeriod"],
        `expected an even number of creep cells per period that divides numerics.cellsPerPeriod (${value.numerics.cellsPerPeriod}), got ${creepCells}`,
      );
    }
    if (!(value.crack.opening < value.crack.length)) {
      issue(
        ["crack", "opening"],
        `expected a crack opening smaller than the crack length (${value.crack.length * 1e6} um), got ${value.crack.opening * 1e6} um`,
      );
    }
  });

type Params = z.output<typeof schema>;

/**
 * One geometric current: the current ratio on the contour (M1, 3D) sampled on the quarter cell
 * [0, S/2]^2 of the creep mesh, and the excess pressure there (M2).
 */
function quarterCellAt(params: Params, currentDensity: number, creep: PowerLawCreep) {
  const contour = solveContour(params, currentDensity);
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

function run(params: Params, context: RunContext): StudyOutput {
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
  // Butler-Volmer makes the current distribution depend on the current: re-solve at the critical
  // current until it settles (linear and primary kinetics need no second pass).
  if (params.kinetics.type === "butler-volmer") {
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
        "critical current did not settle under Butler-Volmer kinetics in 8 passes",
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

export const criticalCurrentStudy: StudyDefinition<typeof schema> = {
  id: "critical-current",
  description:
    "Creep pressure (3D) and the geometrical critical current for dendrites on contoured Li/electrolyte interfaces (M1 3D + M2, Zhang2024)",
  schema,
  run,
  plots: () => [
    {
      name: "surface-pressure",
      title: "Excess interfacial pressure on a quarter of the unit cell, at the reference current",
      spec: heatMap({
        data: "surface",
        x: { expression: "datum.x_m * 1e6", title: "x (µm)" },
        y: { expression: "datum.y_m * 1e6", title: "y (µm)" },
        value: {
          expression: "datum.excessPressure_Pa / 1e6",
          title: "P − P_stack (MPa)",
          // Signed: compression above the stack pressure in red, relief below it in blue.
          diverging: true,
        },
        // Nodes lie on the edges of the quarter cell: the map stops there.
        edges: "clamp",
        width: 360,
        height: 360,
      }),
    },
    {
      name: "excess-pressure",
      title: "Excess interfacial pressure along the section y = S/2, trough (x = 0) to peak",
      spec: linePlot({
        data: "section",
        x: { expression: "datum.x_m * 1e6", title: "x (µm)" },
        y: { expression: "datum.excessPressure_Pa / 1e6", title: "P - P_stack (MPa)" },
      }),
    },
    {
      name: "section-current",
      title: "Local / geometric current along the same section",
      spec: linePlot({
        data: "section",
        x: { expression: "datum.x_m * 1e6", title: "x (µm)" },
        y: { expression: "datum.currentRatio", title: "i / i_geo" },
      }),
    },
  ],
  reproductions: [zhangCriticalCurrent],
};
