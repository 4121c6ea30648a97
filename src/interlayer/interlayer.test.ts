import { describe, expect, it } from "vitest";
import { ALLOYING_METALS } from "../materials/index.js";
import { regularSolutionLithiationPotential } from "../thermo/index.js";
import { FARADAY } from "../units/index.js";
import { type BufferLayerProblem, simulateBufferLayer, vegardAlloyVolume } from "./index.js";

const ohmCm2 = 1e-4;
const silver = ALLOYING_METALS.find((m) => m.symbol === "Ag") as (typeof ALLOYING_METALS)[number];
const yGamma1 = silver.maxLiFraction / (1 - silver.maxLiFraction);
const V_LI = 13.0e-6;
const BLOCKED = 1e9; // an interface resistance (ohm m^2) that lets no measurable current through

/** Xie2024 section 2.2.2 as stated: 10 um, 40% pores, 2 vol% Ag of 40 nm, 0.68 mA/cm^2. */
function silverLayer(overrides: Partial<BufferLayerProblem> = {}): BufferLayerProblem {
  return {
    layer: { thickness_m: 10e-6, porosity: 0.4, ionicConductivity_S_m: 0.1 },
    metal: {
      volumeFraction: 0.02,
      particleDiameter_m: 40e-9,
      depthFraction: 0.5,
      surfaceAsr_ohm_m2: 20 * ohmCm2,
      alloyVolume: vegardAlloyVolume(silver.molarVolume_m3_mol, silver.volumeRatio, yGamma1, V_LI),
      lithiationPotential_V: (y) => regularSolutionLithiationPotential(Math.max(y, 1e-3), 0.00143, 300),
      maxY: Number.POSITIVE_INFINITY,
    },
    interfaces: {
      se: { asr_ohm_m2: 20 * ohmCm2, adhesion_Pa: 5e6 },
      cc: { asr_ohm_m2: 2 * ohmCm2, adhesion_Pa: 2e6 },
    },
    kinetics: { type: "linear" },
    mechanics: { bulkModulus_Pa: 14e9, lithiumMolarVolume_m3_mol: V_LI, stackPressure_Pa: 1e6 },
    steps: [{ current_A_m2: 6.8, duration_s: 3 * 3600 }],
    timeStep_s: 2,
    ...overrides,
  };
}

describe("buffer layer (M5)", () => {
  it("conserves charge at every step and Li overall, through lithiation and delithiation", () => {
    for (const kinetics of [
      { type: "linear" } as const,
      { type: "butler-volmer", alpha: 0.5, temperature_K: 300 } as const,
    ]) {
      const outcome = simulateBufferLayer(
        silverLayer({
          kinetics,
          interfaces: {
            se: { asr_ohm_m2: 20 * ohmCm2, adhesion_Pa: 1e9 },
            cc: { asr_ohm_m2: 2 * ohmCm2, adhesion_Pa: 1e9 },
          },
          steps: [
            { current_A_m2: 6.8, duration_s: 2.5 * 3600 },
            { current_A_m2: -6.8, duration_s: 2 * 3600 },
          ],
        }),
      );
      const h = outcome.history;
      // Plating happened (the held layer saturates) and was stripped again.
      expect(Math.max(...h.lithiumThicknessCC_m)).toBeGreaterThan(1e-6);
      expect(outcome.chargeBalanceError).toBeLessThan(1e-9);
      for (let k = 0; k < h.time_s.length; k++) {
        const sum = h.particleCurrent_A_m2[k] + h.collectorCurrent_A_m2[k] + h.electrolyteCurrent_A_m2[k];
        expect(Math.abs(sum - h.appliedCurrent_A_m2[k])).toBeLessThan(1e-9 * 6.8);
      }
      expect(outcome.lithiumBalanceError).toBeLessThan(1e-9);
    }
  });

  it("strips plated Li before it delithiates the alloy (Li metal at 0 V, the alloy at 100 mV)", () => {
    const lithiation = 2 * 3600;
    const outcome = simulateBufferLayer(
      silverLayer({
        metal: { ...silverLayer().metal, lithiationPotential_V: () => 0.1, maxY: 5 },
        steps: [
          { current_A_m2: 6.8, duration_s: lithiation },
          { current_A_m2: -6.8, duration_s: 2 * 3600 },
        ],
      }),
    );
    const h = outcome.history;
    const end = h.time_s.findIndex((t) => t >= lithiation);
    expect(h.lithiumPerMetal[end]).toBeCloseTo(5, 9);
    const plated = h.lithiumThicknessCC_m[end] + h.lithiumThicknessSE_m[end];
    expect(plated).toBeGreaterThan(1e-6);
    for (let k = end + 1; k < h.time_s.length; k++) {
      const left = h.lithiumThicknessCC_m[k] + h.lithiumThicknessSE_m[k];
      if (left > 0) expect(h.lithiumPerMetal[k]).toBeCloseTo(5, 9);
    }
    expect(outcome.finalLithiumPerMetal).toBeLessThan(5);
  });

  it("without particles splits plating by the interface resistances, Li+ crossing the layer to the collector", () => {
    const thickness = 10e-6;
    for (const conductivity of [0.1, 1e6]) {
      const outcome = simulateBufferLayer(
        silverLayer({
          layer: { thickness_m: thickness, porosity: 0.4, ionicConductivity_S_m: conductivity },
          metal: { ...silverLayer().metal, volumeFraction: 0 },
          interfaces: {
            se: { asr_ohm_m2: 20 * ohmCm2, adhesion_Pa: 5e6 },
            cc: { asr_ohm_m2: 20 * ohmCm2, adhesion_Pa: 2e6 },
          },
          steps: [{ current_A_m2: 6.8, duration_s: 600 }],
        }),
      );
      // Two resistors in parallel: i_CC / i_SE = ASR_SE / (ASR_CC + H / sigma).
      const expected = (20 * ohmCm2) / (20 * ohmCm2 + thickness / conductivity);
      expect(outcome.lithiumThicknessCC_m / outcome.lithiumThicknessSE_m).toBeCloseTo(expected, 9);
    }
  });

  it("fills the pores when the alloy volume from Table 2 molar volumes reaches pores + metal (100% alloying)", () => {
    const outcome = simulateBufferLayer(
      silverLayer({
        interfaces: {
          se: { asr_ohm_m2: BLOCKED, adhesion_Pa: 5e6 },
          cc: { asr_ohm_m2: BLOCKED, adhesion_Pa: 2e6 },
        },
        timeStep_s: 7,
      }),
    );
    // By hand: V(AgLi_y) = R V_Ag at y = 15.67 (Table 2), then + 13.0 cm^3 per mol Li.
    const silverMoles = (0.02 * 10e-6) / silver.molarVolume_m3_mol;
    const fillVolumePerSilver = (0.42 * 10e-6) / silverMoles;
    const yFill = yGamma1 + (fillVolumePerSilver - silver.volumeRatio * silver.molarVolume_m3_mol) / V_LI;
    const handTime = (yFill * silverMoles * FARADAY) / 6.8;
    expect(handTime / 60).toBeCloseTo(84.2, 1);
    expect(outcome.poreFillTime_s as number).toBeCloseTo(handTime, 6);
  });

  it("builds pressure after filling as eq 13, P = F eta / V_Li (1 - exp(-gamma t)), converging at first order", () => {
    // Constant lithiation potential, no particle charge-transfer resistance, no collector path: the
    // particle and the BL/SE interface share the current, so (eq 12 with the circuit)
    //   (r1 + R_SE) i_P = U + R_SE i_t - V_Li P / F,   dP/dt = K V_Li i_P / (F V_fill)
    // gives P = P_inf (1 - exp(-gamma (t - t_fill))), P_inf = F (U + R_SE i_t) / V_Li,
    // gamma = K V_Li^2 / (F^2 V_fill (r1 + R_SE)). K is stiff so that P / K (ln vs linear) is < 1e-4.
    const U = 1e-3;
    const current = 6.8;
    const rSe = 20 * ohmCm2;
    const thickness = 10e-6;
    const conductivity = 0.1;
    const porosity = 1e-4; // the pores fill within seconds, so every step is recorded
    const bulkModulus = 1e12;
    const r1 = (0.5 * thickness) / conductivity;
    const fillVolume = (porosity + 0.02) * thickness;
    const pInf = (FARADAY * (U + rSe * current)) / V_LI;
    const gamma = (bulkModulus * V_LI * V_LI) / (FARADAY * FARADAY * fillVolume * (r1 + rSe));
    const errorAt = (dt: number) => {
      const problem = silverLayer({
        layer: { thickness_m: thickness, porosity, ionicConductivity_S_m: conductivity },
        metal: {
          ...silverLayer().metal,
          surfaceAsr_ohm_m2: 0,
          lithiationPotential_V: () => U,
          // eq 12 as written: each Li adds V_Li to the confined volume.
          alloyVolume: vegardAlloyVolume(silver.molarVolume_m3_mol, 1, 0, V_LI),
        },
        interfaces: {
          se: { asr_ohm_m2: rSe, adhesion_Pa: 1e12 },
          cc: { asr_ohm_m2: BLOCKED, adhesion_Pa: 1e12 },
        },
        mechanics: { bulkModulus_Pa: bulkModulus, lithiumMolarVolume_m3_mol: V_LI, stackPressure_Pa: 0 },
        steps: [{ current_A_m2: current, duration_s: 1 }],
        timeStep_s: dt,
      });
      // Until the pores are full all current alloys (U > r1 i_t), each Li adding V_Li.
      const tFill = (porosity * thickness * FARADAY) / (V_LI * current);
      const outcome = simulateBufferLayer({
        ...problem,
        steps: [
          { current_A_m2: current, duration_s: tFill },
          { current_A_m2: current, duration_s: 3 / gamma },
        ],
        timeStep_s: dt,
      });
      const h = outcome.history;
      let worst = 0;
      for (let k = 0; k < h.time_s.length; k++) {
        if (h.time_s[k] <= tFill + 1e-9) continue;
        const exact = pInf * (1 - Math.exp(-gamma * (h.time_s[k] - tFill)));
        worst = Math.max(worst, Math.abs(h.pressure_Pa[k] - exact) / pInf);
      }
      return worst;
    };
    const coarse = errorAt(0.1 / gamma);
    const fine = errorAt(0.05 / gamma);
    expect(fine).toBeLessThan(0.03);
    expect(Math.log2(coarse / fine)).toBeGreaterThan(0.8);
    expect(Math.log2(coarse / fine)).toBeLessThan(1.2);
  });

  it("opens the weaker interface at its adhesion plus the stack pressure and extrudes toward it", () => {
    const outcome = simulateBufferLayer(silverLayer());
    expect(outcome.separatedInterface).toBe("BL/CC");
    expect(outcome.maxPressure_Pa).toBe(3e6);
    expect(outcome.separationTime_s as number).toBeGreaterThanOrEqual(outcome.poreFillTime_s as number);
    expect(outcome.extrudedMetalFraction).toBeGreaterThan(0);
    const stronger = simulateBufferLayer(
      silverLayer({
        interfaces: {
          se: { asr_ohm_m2: 20 * ohmCm2, adhesion_Pa: 1e6 },
          cc: { asr_ohm_m2: 2 * ohmCm2, adhesion_Pa: 2e6 },
        },
      }),
    );
    expect(stronger.separatedInterface).toBe("BL/SE");
    expect(stronger.maxPressure_Pa).toBe(2e6);
  });
});
