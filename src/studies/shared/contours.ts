import { z } from "zod";
import { inputError } from "../../errors.js";
import { type Contour, solveInterface3D } from "../../interface/index.js";
import { dimensions, positiveQuantity, quantity } from "../../units/index.js";
import { formatNumber } from "../reproduction.js";
import { interfaceKinetics, kineticsOf } from "./kinetics.js";

/**
 * The scenario of a periodically contoured Li/electrolyte interface (Zhang2024), shared by
 * interface-3d (current) and critical-current (current, creep pressure, dendrite criterion).
 */
export const contourFields = {
  contour: z
    .strictObject({
      shape: z.enum(["egg-box", "pyramid", "frustum", "flat", "height-map"]).default("egg-box"),
      period: positiveQuantity(dimensions.length, { description: "peak separation S", default: "150 um" }),
      height: quantity(dimensions.length, { description: "peak height H", default: "25 um", minimum: 0 }),
      topWidth: quantity(dimensions.length, {
        description: "frustum: width of the flat top",
        default: "50 um",
        minimum: 0,
      }),
      heightMap: z
        .array(
          z.strictObject({
            x: quantity(dimensions.length, { description: "x", minimum: 0 }),
            y: quantity(dimensions.length, { description: "y", minimum: 0 }),
            height: quantity(dimensions.length, { description: "surface height" }),
          }),
        )
        .optional()
        .meta({
          description: "height-map: heights on a regular x-y grid over one period (inline or { csv: file })",
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
  kinetics: interfaceKinetics.prefault({ type: "primary" }),
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
};

const contourObject = z.strictObject(contourFields);
type ContourParams = z.output<typeof contourObject>;
/** What solveContour needs of a scenario: the geometry, materials, kinetics and numerics. */
type ContourProblem = Omit<ContourParams, "currentDensity">;

/**
 * What drives the cell: a geometric current density (galvanostatic) or the electrode potential
 * against the top of the electrolyte (potentiostatic; negative plates).
 */
export type ContourDrive = { currentDensity_A_m2: number } | { electrodePotential_V: number };

/** Cross-field checks: frustum top, positive height, resolvable slope, electrolyte thick enough. */
export function refineContour(
  value: Pick<ContourParams, "contour" | "electrolyteThickness">,
  context: z.RefinementCtx,
): void {
  const issue = (path: PropertyKey[], message: string) => context.addIssue({ code: "custom", path, message });
  const { shape, period, topWidth, height, heightMap } = value.contour;
  const um = (v: number) => `${formatNumber(v * 1e6)} um`;
  if (shape === "frustum" && !(topWidth < period))
    issue(["contour", "topWidth"], "expected a flat top narrower than the period");
  if (shape !== "flat" && shape !== "height-map" && !(height > 0)) {
    issue(
      ["contour", "height"],
      `expected a positive peak height for the ${shape} contour, got ${um(height)}`,
    );
  }
  if (shape === "height-map" && !heightMap)
    issue(["contour", "heightMap"], "a height-map contour needs contour.heightMap");
  // The terrain-following mesh needs the surface slope to stay below ~2 (rise per run).
  const flank = (period - (shape === "frustum" ? topWidth : 0)) / 2;
  const slope =
    shape === "egg-box"
      ? (Math.PI * height) / period
      : shape === "pyramid" || shape === "frustum"
        ? height / flank
        : 0;
  if (slope > 2 && flank > 0) {
    issue(
      ["contour", "height"],
      `too steep for the terrain-following grid: H ${um(height)} over S ${um(period)} gives slope ${formatNumber(slope, 3)}, expected at most 2; lower H/S`,
    );
  }
  const thickness = value.electrolyteThickness ?? 3 * period;
  if (height >= thickness / 2) {
    issue(
      ["electrolyteThickness"],
      `expected at least twice the peak height (${um(2 * height)}), got ${um(thickness)}`,
    );
  }
}

export function contourOf(params: Pick<ContourParams, "contour">): Contour {
  const { shape, height, topWidth, heightMap } = params.contour;
  if (shape === "flat") return { shape };
  if (shape === "height-map") {
    const rows = heightMap ?? [];
    const xs = [...new Set(rows.map((r) => r.x))].sort((a, b) => a - b);
    const ys = [...new Set(rows.map((r) => r.y))].sort((a, b) => a - b);
    if (xs.length * ys.length !== rows.length || xs.length < 2 || ys.length < 2) {
      throw inputError(
        "params.contour.heightMap",
        `expected a full regular grid of points, got ${rows.length} points on ${xs.length} x ${ys.length} positions`,
      );
    }
    const table = ys.map(() => new Array<number>(xs.length).fill(0));
    for (const r of rows) table[ys.indexOf(r.y)][xs.indexOf(r.x)] = r.height;
    return { shape, x_m: xs, y_m: ys, height_m: table };
  }
  if (shape === "frustum") return { shape, height_m: height, topWidth_m: topWidth };
  return { shape, height_m: height };
}

/**
 * Solves M1 in 3D for the scenario and extracts the surface and the section y = S/2. Current ratios
 * are to the applied current density, or under a potentiostat to the mean current density drawn.
 */
export function solveContour(params: ContourProblem, drive: ContourDrive) {
  const S = params.contour.period;
  const potentiostatic = "electrodePotential_V" in drive;
  const solution = solveInterface3D({
    period_m: S,
    thickness_m: params.electrolyteThickness ?? 3 * S,
    conductivity_S_m: params.ionicConductivity,
    contour: contourOf(params),
    kinetics: kineticsOf(params.kinetics),
    // The core takes both; under a potentiostat the current density is not applied.
    currentDensity_A_m2: potentiostatic ? 0 : drive.currentDensity_A_m2,
    ...(potentiostatic ? { electrodePotential_V: drive.electrodePotential_V } : {}),
    cellsPerPeriod: params.numerics.cellsPerPeriod,
    relativeTolerance: params.numerics.tolerance,
  });
  const { x, z: height, nx } = solution.mesh;
  const meanCurrentDensity_A_m2 = solution.totalCurrent_A / (S * S);
  const reference = potentiostatic ? meanCurrentDensity_A_m2 : drive.currentDensity_A_m2;
  const ratio = Float64Array.from(solution.currentDensity_A_m2, (c) => c / reference);
  let maxAt = 0;
  let minAt = 0;
  ratio.forEach((r, s) => {
    if (r > ratio[maxAt]) maxAt = s;
    if (r < ratio[minAt]) minAt = s;
  });
  // Section through a peak and a trough of every shape: the row nearest y = S/2.
  const row = Math.floor(nx / 2) * nx;
  const section = {
    x_m: x.slice(row, row + nx),
    z_m: height.slice(row, row + nx),
    currentRatio: ratio.slice(row, row + nx),
  };
  return {
    solution,
    ratio,
    maxAt,
    minAt,
    section,
    areaRatio: solution.areaWeights_m2.reduce((a, b) => a + b, 0) / (S * S),
    meanCurrentDensity_A_m2,
    // Under a potentiostat the top current is not imposed, so there is no balance to check.
    currentBalanceRelativeError: potentiostatic
      ? undefined
      : Math.abs(meanCurrentDensity_A_m2 / drive.currentDensity_A_m2 - 1),
  };
}
