import { z } from "zod";
import { NumericalError } from "../../errors.js";
import {
  crackExtrusionPressure,
  crackGrowthPressure,
  creepAt,
  criticalGeometricCurrent,
  type DendriteCrack,
  type PowerLawCreep,
  solveCreepSection,
} from "../../interface/index.js";
import { LITHIUM } from "../../materials/index.js";
import { dimensions, FARADAY } from "../../units/index.js";
import { contourFields, refineContour, solveContour } from "../interface3d/contourScenario.js";
import { linePlot } from "../plotSpecs.js";
import { positiveQuantity } from "../schema.js";
import type { RunContext, StudyDefinition, StudyOutput } from "../types.js";
import { zhangCriticalCurrent } from "./reproduction.js";

const creepDefaults = LITHIUM.creep;

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
    if (value.numerics.cellsPerPeriod % 2 !== 0) {
      issue(
        ["numerics", "cellsPerPeriod"],
        `expected an even number of cells per period, got ${value.numerics.cellsPerPeriod}`,
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

/** The section y = S/2 at one geometric current: current ratio (3D, M1) and creep excess pressure (M2). */
function sectionAt(params: Params, currentDensity: number, creep: PowerLawCreep) {
  const contour = solveContour(params, currentDensity);
  const half = params.numerics.cellsPerPeriod / 2;
  const ratio = contour.section.currentRatio.subarray(0, half + 1);
  const velocityPerRatio = (currentDensity * LITHIUM.molarVolume_m3_mol) / FARADAY;
  const pressure = solveCreepSection({
    period_m: params.contour.period,
    surfaceHeight_m: contour.section.z_m.subarray(0, half + 1),
    platingVelocity_m_s: Float64Array.from(ratio, (r) => r * velocityPerRatio),
    creep,
  });
  return { contour, ratio, pressure };
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

  const reference = sectionAt(params, params.currentDensity, creep);
  context.onProgress?.(0.5);
  let result = critical(reference.ratio, reference.pressure.excessPressure_Pa, params.currentDensity);
  let passes = 1;
  // Butler-Volmer makes the current distribution depend on the current: re-solve at the critical
  // current until it settles (linear and primary kinetics need no second pass).
  if (params.kinetics.type === "butler-volmer") {
    let change = Number.POSITIVE_INFINITY;
    while (change > 1e-3 && passes < 8) {
      const at = sectionAt(params, result.criticalCurrent_A_m2, creep);
      const next = critical(at.ratio, at.pressure.excessPressure_Pa, result.criticalCurrent_A_m2);
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
  const { contour, ratio, pressure } = reference;
  const worst = result.worstIndex;
  return {
    metrics: {
      maxExcessPressure_Pa: Math.max(...pressure.excessPressure_Pa),
      criticalCurrent_A_m2: result.criticalCurrent_A_m2,
      criticalCurrentGain: result.criticalCurrent_A_m2 / flat,
      flatCriticalCurrent_A_m2: flat,
      maxCurrentRatio: contour.ratio[contour.maxAt],
      areaRatio: contour.areaRatio,
      crackGrowthPressure_Pa: crackGrowthPressure(crack),
      worstPoint: { x_m: pressure.x_m[worst], z_m: pressure.z_m[worst] },
    },
    series: {
      section: {
        x_m: [...pressure.x_m],
        z_m: [...pressure.z_m],
        currentRatio: [...ratio],
        excessPressure_Pa: [...pressure.excessPressure_Pa],
        crackExtrusionPressure_Pa: [...ratio].map((r) =>
          crackExtrusionPressure(r * params.currentDensity, V, FARADAY, crack, creep),
        ),
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
    "Creep pressure and the geometrical critical current for dendrites on contoured Li/electrolyte interfaces (M1 3D + M2, Zhang2024)",
  schema,
  run,
  plots: () => [
    {
      name: "excess-pressure",
      title: "Excess interfacial pressure along the section y = S/2 (Zhang2024 Fig. 3g)",
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
