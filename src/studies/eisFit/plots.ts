import { Axis, linePlot, pointsAndCurve } from "../plotSpecs.js";
import type { PlotSpec, Series, StudyResult } from "../types.js";
import type { EisFitParams } from "./schema.js";

const WIDTH = 600;
const HEIGHT = { min: 220, max: 420 };

/**
 * Domains and plot height of a Nyquist plot with equal scales: one ohm spans as many pixels on the
 * Z' axis as on the −Z'' axis, so arcs look like arcs (semicircles stay round).
 */
export function nyquistFrame(
  real_ohm: number[],
  negativeImaginary_ohm: number[],
): { x: [number, number]; y: [number, number]; width: number; height: number } {
  const xLow = Math.min(...real_ohm);
  const xHigh = Math.max(...real_ohm);
  const yLow = Math.min(0, ...negativeImaginary_ohm);
  const yHigh = Math.max(...negativeImaginary_ohm);
  // A margin of 5% of the larger extent on every side; a single point still gets a frame.
  const margin = 0.05 * Math.max(xHigh - xLow, yHigh - yLow, 1e-9 * Math.abs(xHigh), 1e-12);
  const xSpan = xHigh - xLow + 2 * margin;
  const ySpan = yHigh - yLow + 2 * margin;
  const height = Math.min(HEIGHT.max, Math.max(HEIGHT.min, Math.round((WIDTH * ySpan) / xSpan)));
  const ohmsPerPixel = Math.max(xSpan / WIDTH, ySpan / height);
  const xCentre = 0.5 * (xLow + xHigh);
  return {
    x: [xCentre - 0.5 * ohmsPerPixel * WIDTH, xCentre + 0.5 * ohmsPerPixel * WIDTH],
    y: [yLow - margin, yLow - margin + ohmsPerPixel * height],
    width: WIDTH,
    height,
  };
}

const frequencyAxis = Axis.log({ expression: "datum.frequency_Hz", title: "Frequency (Hz)" });

const modulus = "sqrt(pow(datum.real_ohm, 2) + pow(datum.imaginary_ohm, 2))";
const phase = "-atan2(datum.imaginary_ohm, datum.real_ohm) * 180 / PI";

/** |Z| on a log axis when it spans a decade or more; a narrower range has no decade to label. */
function modulusAxis(spectrum: Series): Axis {
  const moduli = spectrum.real_ohm.map((re, i) => Math.hypot(re, spectrum.imaginary_ohm[i]));
  const base = { expression: modulus, title: "|Z| (Ω)" };
  return Math.max(...moduli) >= 10 * Math.min(...moduli)
    ? Axis.log(base)
    : { ...base, scale: { zero: false } };
}

export function eisFitPlots(result: StudyResult): PlotSpec[] {
  const spectrum = result.series.spectrum;
  const fit = result.series.fit;
  const negative = (values: number[]) => values.map((v) => -v);
  const frame = nyquistFrame(
    [...spectrum.real_ohm, ...fit.real_ohm],
    negative([...spectrum.imaginary_ohm, ...fit.imaginary_ohm]),
  );
  const name = result.name ? `: ${result.name}` : "";
  const threshold = 100 * (result.inputs as EisFitParams).kkThreshold;
  const plots: PlotSpec[] = [
    {
      name: "nyquist",
      title: `Nyquist plot, data and fitted circuit${name}`,
      spec: pointsAndCurve({
        data: "spectrum",
        x: {
          expression: "datum.real_ohm",
          title: "Z' (Ω)",
          scale: { domain: frame.x, nice: false, zero: false },
        },
        y: {
          expression: "-datum.imaginary_ohm",
          title: "−Z'' (Ω)",
          scale: { domain: frame.y, nice: false, zero: false },
        },
        curve: { data: "fit", x: "datum.real_ohm", y: "-datum.imaginary_ohm", order: "-datum.frequency_Hz" },
        width: frame.width,
        height: frame.height,
      }),
    },
    {
      name: "bode-modulus",
      title: `Bode plot, |Z|${name}`,
      spec: pointsAndCurve({
        data: "spectrum",
        x: frequencyAxis,
        y: modulusAxis(spectrum),
        curve: { data: "fit", x: "datum.frequency_Hz", y: modulus },
      }),
    },
    {
      name: "bode-phase",
      title: `Bode plot, phase${name}`,
      spec: pointsAndCurve({
        data: "spectrum",
        x: frequencyAxis,
        y: { expression: phase, title: "−phase (°)" },
        curve: { data: "fit", x: "datum.frequency_Hz", y: phase },
      }),
    },
    {
      name: "kramers-kronig",
      title: `Lin-KK residuals, valid within ±${threshold}%${name}`,
      spec: linePlot({
        data: "spectrum",
        x: frequencyAxis,
        // At least ±threshold in view: residuals far below it are not blown up into a signal.
        y: {
          expression: "datum.value * 100",
          title: "Relative residual (%)",
          minimumSpan: { absolute: 2 * threshold },
        },
        fold: {
          columns: ["kkResidualReal", "kkResidualImaginary"],
          labels: { kkResidualReal: "real", kkResidualImaginary: "imaginary" },
        },
        points: true,
      }),
    },
  ];
  const drt = result.series.drt;
  if (drt) plots.push(drtPlot(result, name));
  return plots;
}

/** γ(ln τ) on a log τ axis, as pyDRTtools draws it; λ in the title, since it shapes every peak. */
function drtPlot(result: StudyResult, name: string): PlotSpec {
  const metrics = result.metrics.drt as { lambda: number; lambdaChosenBy: string };
  const chosen = metrics.lambdaChosenBy === "given" ? "" : ", by cross-validation";
  return {
    name: "drt",
    title: `Distribution of relaxation times, λ = ${metrics.lambda.toExponential(1)}${chosen}${name}`,
    spec: linePlot({
      data: "drt",
      x: Axis.log({ expression: "datum.tau_s", title: "Relaxation time τ (s)" }),
      y: { expression: "datum.gamma_ohm", title: "γ(ln τ) (Ω)" },
    }),
  };
}
