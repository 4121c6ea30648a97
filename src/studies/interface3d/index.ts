import { z } from "zod";
import { type Contour, solveInterface3D } from "../../interface/index.js";
import { dimensions } from "../../units/index.js";
import { linePlot } from "../plotSpecs.js";
import { formatNumber, isMonotonic, trendRow } from "../reproduction.js";
import { positiveQuantity, quantity } from "../schema.js";
import type { Reproduction, RunContext, Series, StudyDefinition, StudyOutput } from "../types.js";

const schema = z
  .strictObject({
    contour: z
      .strictObject({
        shape: z.enum(["egg-box", "pyramid", "frustum", "flat"]).default("egg-box"),
        period: positiveQuantity(dimensions.length, { description: "peak separation S", default: "150 um" }),
        height: quantity(dimensions.length, { description: "peak height H", default: "25 um", minimum: 0 }),
        topWidth: quantity(dimensions.length, {
          description: "frustum: width of the flat top",
          default: "50 um",
          minimum: 0,
        }),
      })
      .prefault({}),
    electrolyteThickness: positiveQuantity(dimensions.length, {
      description: "above the mean plane (default 3 S)",
    }).optional(),
    ionicConductivity: positiveQuantity(dimensions.conductivity, {
      description: "solid electrolyte",
      default: "2 mS/cm",
    }),
    kinetics: z
      .discriminatedUnion("type", [
        z.strictObject({ type: z.literal("primary") }),
        z.strictObject({
          type: z.literal("linear"),
          asr: positiveQuantity(dimensions.arealResistance, {
            description: "area-specific charge-transfer resistance",
          }),
        }),
      ])
      .prefault({ type: "primary" }),
    currentDensity: positiveQuantity(dimensions.currentDensity, {
      description: "geometric current density",
      default: "1 mA/cm^2",
    }),
    numerics: z
      .strictObject({
        cellsPerPeriod: z
          .number()
          .int()
          .min(8)
          .max(256)
          .default(32)
          .meta({ description: "power of two times a small factor" }),
        tolerance: z.number().gt(0).lt(1e-3).default(1e-10),
      })
      .prefault({}),
  })
  .superRefine((value, context) => {
    const { shape, period, topWidth } = value.contour;
    if (shape === "frustum" && !(topWidth < period)) {
      context.addIssue({
        code: "custom",
        path: ["contour", "topWidth"],
        message: "expected a flat top narrower than the period",
      });
    }
  });

type Params = z.output<typeof schema>;

function contourOf(params: Params): Contour {
  const { shape, height, topWidth } = params.contour;
  if (shape === "flat") return { shape };
  if (shape === "frustum") return { shape, height_m: height, topWidth_m: topWidth };
  return { shape, height_m: height };
}

function run(params: Params, context: RunContext): StudyOutput {
  const S = params.contour.period;
  const solution = solveInterface3D({
    period_m: S,
    thickness_m: params.electrolyteThickness ?? 3 * S,
    conductivity_S_m: params.ionicConductivity,
    contour: contourOf(params),
    kinetics:
      params.kinetics.type === "primary"
        ? { kind: "primary" }
        : { kind: "linear", asr_ohm_m2: params.kinetics.asr },
    currentDensity_A_m2: params.currentDensity,
    cellsPerPeriod: params.numerics.cellsPerPeriod,
    relativeTolerance: params.numerics.tolerance,
  });
  const { x, y, z: height, nx } = solution.mesh;
  const current = solution.currentDensity_A_m2;
  const ratio = Float64Array.from(current, (c) => c / params.currentDensity);
  let maxAt = 0;
  let minAt = 0;
  ratio.forEach((r, s) => {
    if (r > ratio[maxAt]) maxAt = s;
    if (r < ratio[minAt]) minAt = s;
  });
  const surface: Series = {
    x_m: [...x.subarray(0, nx * nx)],
    y_m: [...y.subarray(0, nx * nx)],
    z_m: [...height.subarray(0, nx * nx)],
    currentRatio: [...ratio],
  };
  const diagonal: Series = { distance_m: [], z_m: [], currentRatio: [] };
  for (let i = 0; i < nx; i++) {
    const s = i * nx + i;
    diagonal.distance_m.push(Math.SQRT2 * x[s]);
    diagonal.z_m.push(height[s]);
    diagonal.currentRatio.push(ratio[s]);
  }
  context.onProgress?.(1);
  return {
    metrics: {
      maxCurrentRatio: ratio[maxAt],
      minCurrentRatio: ratio[minAt],
      areaRatio: solution.areaWeights_m2.reduce((a, b) => a + b, 0) / (S * S),
      maxAt: { x_m: x[maxAt], y_m: y[maxAt], z_m: height[maxAt] },
    },
    series: { surface, diagonal },
    diagnostics: {
      iterations: solution.iterations,
      residual: solution.residual,
      unknowns: solution.mesh.nx * solution.mesh.ny * solution.mesh.nz,
      currentBalanceRelativeError: Math.abs(solution.totalCurrent_A / (params.currentDensity * S * S) - 1),
    },
  };
}

const size = (fast: boolean) => ({ cellsPerPeriod: fast ? 16 : 32 });

const zhang: Reproduction = {
  id: "interface-3d/zhang2024",
  title: "Zhang2024 Figs 1e, 2: current on contoured Li/electrolyte interfaces",
  run(context) {
    const numerics = size(context.fast);
    const shapes = ["frustum", "egg-box", "pyramid"] as const;
    const byShape = shapes.map((shape) =>
      context.runStudy(`Fig. 1e, ${shape}, S 150 µm, H 25 µm (primary)`, { contour: { shape }, numerics }),
    );
    // The highest points: z = H/2 for the egg-box (z = (H/2) cos cos), H for pyramids and frustums
    // (on a frustum the corners of the flat top; a grid node near them may sit slightly lower).
    const atPeak = byShape.every((r, k) => {
      const at = r.metrics.maxAt as { z_m: number };
      return at.z_m >= 0.9 * (shapes[k] === "egg-box" ? 12.5e-6 : 25e-6);
    });
    // Fig. 2: egg-boxes with the same H/S = 1/6 at three sizes.
    const sizes = [75, 150, 300];
    const scaled = (kinetics: Record<string, unknown>) =>
      sizes.map((S) =>
        context.runStudy(`Fig. 2, egg-box S ${S} µm, H/S 1/6, ${String(kinetics.type)}`, {
          contour: { shape: "egg-box", period: `${S} um`, height: `${S / 6} um` },
          kinetics,
          numerics,
        }),
      );
    const primary = scaled({ type: "primary" }).map((r) => r.metrics.maxCurrentRatio as number);
    const kinetic = scaled({ type: "linear", asr: "10 ohm*cm^2" }).map(
      (r) => r.metrics.maxCurrentRatio as number,
    );
    const spread = (Math.max(...primary) - Math.min(...primary)) / Math.min(...primary);
    const list = (v: number[]) => v.map((x) => formatNumber(x, 4)).join(", ");
    return {
      rows: [
        trendRow({
          id: "fig1e",
          quantity: "location of the current maximum",
          paper: "farthest Li protrusion into the electrolyte",
          ours: byShape
            .map(
              (r, k) =>
                `${shapes[k]}: z = ${formatNumber((r.metrics.maxAt as { z_m: number }).z_m * 1e6, 3)} µm`,
            )
            .join("; "),
          holds: atPeak,
        }),
        trendRow({
          id: "fig1e",
          quantity: "primary max current ratio: frustum, egg-box, pyramid",
          paper: "varies widely with contour type",
          ours: list(byShape.map((r) => r.metrics.maxCurrentRatio as number)),
          holds: (() => {
            const maxima = byShape.map((r) => r.metrics.maxCurrentRatio as number);
            return maxima.every((m) => m > 1) && Math.max(...maxima) / Math.min(...maxima) > 1.01;
          })(),
        }),
        trendRow({
          id: "fig2b",
          quantity: "primary max ratio at S = 75, 150, 300 µm, H/S fixed",
          paper: "scale-invariant",
          ours: list(primary),
          holds: spread < 1e-6,
          tolerance: "1e-6 relative",
        }),
        trendRow({
          id: "fig2c",
          quantity: "max ratio with kinetics (ASR 10 Ω cm²) at S = 75, 150, 300 µm",
          paper: "grows with feature size",
          ours: list(kinetic),
          holds: isMonotonic(kinetic, "increasing"),
        }),
      ],
      results: [byShape[1]],
      figures: [],
    };
  },
};

export const interface3dStudy: StudyDefinition<typeof schema> = {
  id: "interface-3d",
  description:
    "Current distribution on periodically contoured Li/electrolyte interfaces in 3D (M1 3D, Zhang2024)",
  schema,
  run,
  plots: (result) => [
    {
      name: "surface-current",
      title: "Local current / geometric current on the contoured surface (Zhang2024 Fig. 1e)",
      spec: {
        $schema: "https://vega.github.io/schema/vega-lite/v6.json",
        width: 360,
        height: 360,
        data: { name: "surface" },
        transform: [
          { calculate: "datum.x_m * 1e6", as: "x" },
          { calculate: "datum.y_m * 1e6", as: "y" },
        ],
        // Squares that tile the 360-px plot: one per surface node.
        mark: { type: "square", size: (360 / Math.sqrt(result.series.surface?.x_m.length ?? 1024)) ** 2 },
        encoding: {
          x: { field: "x", type: "quantitative", title: "x (µm)" },
          y: { field: "y", type: "quantitative", title: "y (µm)" },
          color: {
            field: "currentRatio",
            type: "quantitative",
            title: "i / i_geo",
            scale: { scheme: "inferno" },
          },
        },
      },
    },
    {
      name: "diagonal-profile",
      title: "Current ratio along the cell diagonal",
      spec: linePlot({
        data: "diagonal",
        x: { expression: "datum.distance_m * 1e6", title: "Distance along the diagonal (µm)" },
        y: { expression: "datum.currentRatio", title: "i / i_geo" },
      }),
    },
  ],
  reproductions: [zhang],
};
