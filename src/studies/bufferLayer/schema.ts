import { z } from "zod";
import { ALLOYING_METALS } from "../../materials/index.js";
import { BUILT_IN_SYSTEMS } from "../../thermo/index.js";
import { dimensions, positiveQuantity, quantity } from "../../units/index.js";

export const BUFFER_METALS = [...ALLOYING_METALS.map((m) => m.symbol), "Mg"] as const;

const asr = (description: string, fallback: string) =>
  quantity(dimensions.arealResistance, { description, minimum: 0, default: fallback });

const interfaceSchema = (name: string, asrDefault: string, adhesionDefault: string) =>
  z
    .strictObject({
      asr: asr(`charge-transfer ASR of the ${name} interface`, asrDefault),
      adhesion: quantity(dimensions.pressure, {
        description: `adhesion strength of the ${name} interface`,
        minimum: 0,
        default: adhesionDefault,
      }),
    })
    .prefault({});

const lithiationPotential = z
  .discriminatedUnion("model", [
    z.strictObject({
      model: z.literal("regular-solution"),
      gammaInfinity: z.number().gt(0).default(0.00143).meta({
        description: "activity coefficient of M at infinite dilution in Li (KimLi2021: Ag 0.00143)",
      }),
    }),
    z.strictObject({
      model: z.literal("plateau"),
      potential: quantity(dimensions.potential, {
        description: "constant lithiation potential until the Li-richest phase of Table 2",
        default: "100 mV",
      }),
    }),
    z.strictObject({
      model: z.literal("thermo"),
      system: z.enum(Object.keys(BUILT_IN_SYSTEMS) as [string, ...string[]]),
    }),
    z.strictObject({
      model: z.literal("table"),
      points: z
        .array(
          z.strictObject({
            y: z.number().min(0).meta({ description: "Li per metal atom in M Li_y" }),
            potential: quantity(dimensions.potential, { description: "lithiation potential vs Li" }),
          }),
        )
        .min(2),
    }),
  ])
  .optional()
  .meta({
    description:
      "equilibrium lithiation potential of the metal; default: Ag regular solution, Mg from the Li-Mg CALPHAD description, others a 100 mV plateau up to their Table 2 capacity",
  });

export const bufferLayerSchema = z.strictObject({
  metal: z.enum(BUFFER_METALS).default("Ag").meta({ description: "metal of Xie2024 Table 2, or Mg" }),
  lithiationPotential,
  layer: z
    .strictObject({
      thickness: positiveQuantity(dimensions.length, {
        description: "buffer-layer thickness H",
        default: "10 um",
      }),
      porosity: z.number().default(0.4).meta({ description: "pore volume fraction, in (0, 1)" }),
      ionicConductivity: positiveQuantity(dimensions.conductivity, {
        description: "Li+ conductivity of the lithiated carbon",
        default: "1 mS/cm",
      }),
      electronicConductivity: positiveQuantity(dimensions.conductivity, {
        description: "electronic conductivity of the lithiated carbon",
        default: "1e4 mS/cm",
      }),
    })
    .prefault({}),
  particles: z
    .strictObject({
      volumeFraction: z
        .number()
        .min(0)
        .default(0.02)
        .meta({ description: "volume fraction of metal in the layer (Xie2024: 1.6-2%)" }),
      diameter: positiveQuantity(dimensions.length, { description: "particle diameter", default: "40 nm" }),
      depth: z
        .number()
        .min(0)
        .max(1)
        .default(0.5)
        .meta({ description: "plane of the particles, fraction of H from the BL/SE side (Fig 6a: centre)" }),
      surfaceAsr: asr(
        "charge-transfer ASR of the particle/carbon interface per particle area",
        "20 ohm*cm^2",
      ),
    })
    .prefault({}),
  interfaces: z
    .strictObject({
      se: interfaceSchema("BL/SE", "20 ohm*cm^2", "5 MPa"),
      cc: interfaceSchema("BL/CC", "2 ohm*cm^2", "2 MPa"),
    })
    .prefault({}),
  kinetics: z
    .discriminatedUnion("type", [
      z.strictObject({ type: z.literal("linear") }),
      z.strictObject({
        type: z.literal("butler-volmer"),
        alpha: z.number().gt(0).lt(1).default(0.5).meta({ description: "symmetric transfer coefficient" }),
      }),
    ])
    .prefault({ type: "linear" })
    .meta({ description: "all sinks: linear (ASR) or symmetric Butler-Volmer with i_ex from the same ASR" }),
  temperature: positiveQuantity(dimensions.temperature, { description: "temperature", default: "300 K" }),
  stackPressure: quantity(dimensions.pressure, {
    description: "stack pressure",
    minimum: 0,
    default: "1 MPa",
  }),
  bulkModulus: positiveQuantity(dimensions.pressure, {
    description: "bulk modulus of the confined alloy (Xie2024: as Li)",
    default: "14 GPa",
  }),
  lithiumMolarVolume: positiveQuantity(dimensions.molarVolume, {
    description: "molar volume of Li in plated layers and stress terms",
    default: "13.0 cm^3/mol",
  }),
  current: positiveQuantity(dimensions.currentDensity, {
    description: "lithiation current density",
    default: "0.68 mA/cm^2",
  }),
  duration: positiveQuantity(dimensions.time, { description: "lithiation time", default: "5 h" }),
  delithiation: z
    .strictObject({
      current: positiveQuantity(dimensions.currentDensity, { description: "delithiation current density" }),
      duration: positiveQuantity(dimensions.time, {
        description: "delithiation time (stops when Li runs out)",
      }),
    })
    .optional(),
  timeStep: positiveQuantity(dimensions.time, { description: "time step", default: "2 s" }),
  compareMetals: z
    .boolean()
    .default(false)
    .meta({ description: "also run the same scenario for every metal of Table 2 and Mg" }),
});

export type BufferLayerParams = z.output<typeof bufferLayerSchema>;
