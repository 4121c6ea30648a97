import { GAS_CONSTANT } from "../units/index.js";

/**
 * Growth of a corrosion layer (Wang2024: Cu in contact with LPSCl) with two textbook laws through
 * the origin: linear h = k t (reaction-limited) and parabolic h^2 = k_p t (diffusion through the
 * growing layer; Wagner). Least squares on h; a law "describes" the data when every point lies within
 * the relative tolerance of it.
 */
export interface GrowthSeries {
  temperature_K: number;
  time_s: number[];
  thickness_m: number[];
}

export interface LawFit {
  /** k (m/s) for the linear law, k_p (m^2/s) for the parabolic law. */
  rateConstant: number;
  maxRelativeDeviation: number;
  describes: boolean;
}

export interface GrowthAnalysis {
  temperature_K: number;
  linear: LawFit;
  parabolic: LawFit;
  /** The law with the smaller sum of squares, or "neither" when neither describes the data. */
  verdict: "linear" | "parabolic" | "neither";
}

function deviation(series: GrowthSeries, predict: (t: number) => number): number {
  return Math.max(
    ...series.time_s.map((t, k) => Math.abs(predict(t) - series.thickness_m[k]) / series.thickness_m[k]),
  );
}

export function fitGrowthLaws(series: GrowthSeries, tolerance: number): GrowthAnalysis {
  const { time_s: t, thickness_m: h } = series;
  // Linear through the origin: k = sum(h t) / sum(t^2).
  const k = t.reduce((s, ti, i) => s + h[i] * ti, 0) / t.reduce((s, ti) => s + ti * ti, 0);
  // Parabolic: h = sqrt(k_p) sqrt(t), so sqrt(k_p) = sum(h sqrt t) / sum(t).
  const root = t.reduce((s, ti, i) => s + h[i] * Math.sqrt(ti), 0) / t.reduce((s, ti) => s + ti, 0);
  const linearPrediction = (x: number) => k * x;
  const parabolicPrediction = (x: number) => root * Math.sqrt(x);
  const squares = (predict: (x: number) => number) =>
    t.reduce((s, ti, i) => s + (predict(ti) - h[i]) ** 2, 0);
  const linear = {
    rateConstant: k,
    maxRelativeDeviation: deviation(series, linearPrediction),
    describes: false,
  };
  const parabolic = {
    rateConstant: root * root,
    maxRelativeDeviation: deviation(series, parabolicPrediction),
    describes: false,
  };
  linear.describes = linear.maxRelativeDeviation <= tolerance;
  parabolic.describes = parabolic.maxRelativeDeviation <= tolerance;
  let verdict: GrowthAnalysis["verdict"] = "neither";
  if (linear.describes || parabolic.describes) {
    verdict = squares(linearPrediction) <= squares(parabolicPrediction) ? "linear" : "parabolic";
    if (!linear.describes) verdict = "parabolic";
    if (!parabolic.describes) verdict = "linear";
  }
  return { temperature_K: series.temperature_K, linear, parabolic, verdict };
}

/** Apparent activation energy from rate constants at two temperatures (Arrhenius): R ln(k2/k1) / (1/T1 - 1/T2). */
export function activationEnergy(
  k1: number,
  temperature1_K: number,
  k2: number,
  temperature2_K: number,
): number {
  return (GAS_CONSTANT * Math.log(k2 / k1)) / (1 / temperature1_K - 1 / temperature2_K);
}
