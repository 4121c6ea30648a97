import { z } from "zod";
import { dimensions, positiveQuantity, quantity } from "../../units/index.js";
import { formatNumber } from "../reproduction.js";
import { interfaceKinetics as kinetics } from "../shared/kinetics.js";

const length = (description: string) => quantity(dimensions.length, { description });
const positiveLength = (description: string) => positiveQuantity(dimensions.length, { description });

const tip = z.strictObject({
  name: z.string().optional(),
  x: length("centre position"),
  height: positiveLength("height of the Gaussian tip"),
  width: positiveLength("full width at half maximum"),
  kinetics: kinetics.optional(),
});

const site = z.strictObject({
  name: z.string().optional(),
  x: length("centre position"),
  width: positiveLength("width of the interval with the driving force"),
  height: quantity(dimensions.length, {
    description: "height of a raised site (Gaussian, FWHM = width)",
    default: "0 um",
    minimum: 0,
  }),
  drivingForce: quantity(dimensions.potential, {
    description: "lithiation driving force (raises the local equilibrium potential)",
  }),
  kinetics: kinetics.optional(),
});

export const interface2dSchema = z
  .strictObject({
    layer: z
      .strictObject({
        thickness: positiveQuantity(dimensions.length, {
          description: "layer thickness H above the flat collector",
          default: "10 um",
        }),
        width: positiveQuantity(dimensions.length, { description: "layer width W", default: "50 um" }),
        xStart: length("left edge of the layer (default -W/2, so x = 0 is the centre)").optional(),
        ionicConductivity: positiveQuantity(dimensions.conductivity, {
          description: "Li-ion conductivity",
          default: "1 mS/cm",
        }),
        inclusions: z
          .array(
            z.strictObject({
              x: length("centre x"),
              y: length("centre y"),
              radius: positiveLength("radius"),
              ionicConductivity: positiveQuantity(dimensions.conductivity, {
                description: "conductivity inside",
              }),
            }),
          )
          .default([])
          .meta({ description: "circular regions of other conductivity (e.g. particles)" }),
      })
      .prefault({}),
    collector: z
      .strictObject({
        kinetics: kinetics.prefault({ type: "linear", asr: "2 ohm*cm^2" }),
        tips: z.array(tip).default([]),
        sites: z.array(site).default([]),
        profile: z
          .array(z.strictObject({ x: length("position"), height: length("collector height") }))
          .min(2)
          .optional()
          .meta({ description: "extra height profile, linear between points (x ascending)" }),
        cosine: z
          .strictObject({
            amplitude: length("amplitude a"),
            wavelength: positiveLength("wavelength 2 pi / k"),
          })
          .optional(),
      })
      .prefault({}),
    currentDensity: positiveQuantity(dimensions.currentDensity, {
      description: "galvanostatic: mean current density entering at the top (default 0.68 mA/cm^2)",
    }).optional(),
    electrodePotential: quantity(dimensions.potential, {
      description: "potentiostatic: electrode potential relative to the top of the layer (negative plates)",
    }).optional(),
    sides: z.enum(["insulated", "periodic"]).default("insulated"),
    numerics: z
      .strictObject({
        cellSize: positiveQuantity(dimensions.length, {
          description: "target cell size",
          default: "0.125 um",
        }),
        tolerance: z
          .number()
          .gt(0)
          .lt(1e-3)
          .default(1e-10)
          .meta({ description: "relative residual of the solves" }),
      })
      .prefault({}),
  })
  .superRefine((value, context) => {
    const issue = (path: PropertyKey[], message: string) =>
      context.addIssue({ code: "custom", path, message });
    const { thickness, width } = value.layer;
    const start = value.layer.xStart ?? -width / 2;
    const cell = value.numerics.cellSize;
    const um = (v: number) => `${formatNumber(v * 1e6)} um`;
    if (value.currentDensity !== undefined && value.electrodePotential !== undefined) {
      issue(
        ["electrodePotential"],
        "give either currentDensity (galvanostatic) or electrodePotential, not both",
      );
    }
    if (cell > thickness / 4)
      issue(
        ["numerics", "cellSize"],
        `expected at most a quarter of the layer thickness (${um(thickness / 4)}), got ${um(cell)}`,
      );
    const features = [
      ...value.collector.tips.map((t, k) => ({ path: ["collector", "tips", k], ...t })),
      ...value.collector.sites.map((s, k) => ({ path: ["collector", "sites", k], ...s })),
    ];
    for (const f of features) {
      if (f.width < 2 * cell) {
        issue(
          [...f.path, "width"],
          `expected at least two grid cells (${um(2 * cell)}; refine numerics.cellSize), got ${um(f.width)}`,
        );
      }
      if (f.height >= thickness - 2 * cell) {
        issue(
          [...f.path, "height"],
          `reaches the top of the layer (thickness ${um(thickness)}), got ${um(f.height)}`,
        );
      }
      if (f.x < start || f.x > start + width) {
        issue(
          [...f.path, "x"],
          `expected inside the layer [${um(start)}, ${um(start + width)}], got ${um(f.x)}`,
        );
      }
    }
    const names = [
      ...value.collector.tips.map((t, k) => t.name ?? `tip${k + 1}`),
      ...value.collector.sites.map((s, k) => s.name ?? `site${k + 1}`),
    ];
    const duplicate = names.find((n, k) => names.indexOf(n) !== k);
    if (duplicate) issue(["collector"], `region names must be unique, "${duplicate}" appears twice`);
    const profile = value.collector.profile ?? [];
    if (profile.some((p, k) => k > 0 && !(p.x > profile[k - 1].x))) {
      issue(["collector", "profile"], "expected rows in strictly increasing x");
    }
  })
  // Xie2024 Figs 8-9 run at 0.68 mA/cm^2; that is the default when no electrode potential is given.
  .transform((value) => ({
    ...value,
    currentDensity: value.currentDensity ?? (value.electrodePotential === undefined ? 6.8 : undefined),
  }));

export type Interface2DParams = z.output<typeof interface2dSchema>;
