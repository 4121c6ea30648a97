import { NumericalError } from "../errors.js";
import { DiffusionStepper, findRoot, type Grid1D, geometricGrid } from "../numerics/index.js";
import {
  type AlloyFilmProblem,
  type Discretisation,
  diffusivityFunction,
  diffusivityRange,
  lithiumFlux,
} from "./problem.js";

export interface ConcentrationProfile {
  time_s: number;
  /** Positions from the electrolyte side (0) to the collector (thickness), boundaries included. */
  position_m: Float64Array;
  concentration_mol_m3: Float64Array;
}

export interface SaturationResult {
  /** Time at which the film surface facing the electrolyte reaches c_max (onset of Li plating on top). */
  saturationTime_s: number;
  /** Mean concentration / c_max at that time (Wang2024 Fig. 4c, theta). */
  utilization: number;
  /** Concentration at the collector at that time (zero-flux wall: equal to the last cell's to 2nd order). */
  collectorConcentration_mol_m3: number;
  /** Concentration profiles at the requested fractions of the saturation time. */
  profiles: ConcentrationProfile[];
  grid: Grid1D;
  timeSteps: number;
  newtonIterations: number;
  maxResidual: number;
  /** |content - (initial content + J t)| / (J t) at saturation. */
  massBalanceRelativeError: number;
}

export interface SaturationOptions {
  /** Fractions of the saturation time at which to record profiles (0 < f <= 1). */
  profileFractions?: number[];
  onProgress?: (fraction: number) => void;
}

// Steps grow at most by this factor; variable-step BDF2 is zero-stable for ratios below 1 + sqrt(2).
const MAX_STEP_RATIO = 2;
const STEP_LIMIT_FACTOR = 200;
// Newton may fail on a sharp front (D varying over many decades): retry with halved steps.
const MAX_STEP_HALVINGS = 20;

/** Characteristic scales: time to fill the film uniformly, and the diffusion-limited estimates. */
function scales(problem: AlloyFilmProblem) {
  const J = lithiumFlux(problem);
  const room = problem.maxConcentration_mol_m3 - problem.initialConcentration_mol_m3;
  const fillTime = (room * problem.thickness_m) / J;
  const { min: slowestD } = diffusivityRange(problem);
  // Semi-infinite film: surface excess 2 J sqrt(t / (pi D)) reaches `room` at t = pi D (room / 2J)^2,
  // when Li has penetrated about sqrt(D t) = sqrt(pi) D room / (2 J).
  const semiInfiniteTime = Math.PI * slowestD * (room / (2 * J)) ** 2;
  const penetration = (Math.sqrt(Math.PI) * slowestD * room) / (2 * J);
  return { fillTime, runTime: Math.min(fillTime, semiInfiniteTime), penetration };
}

/**
 * Grid fine enough where Li sits at saturation: uniform when the penetration depth is a sizeable
 * part of the film, otherwise stretched from the electrolyte side with a quarter of the cells
 * resolving the penetration depth.
 */
export function filmGrid(problem: AlloyFilmProblem, cells: number): Grid1D {
  const { penetration } = scales(problem);
  const firstWidth = Math.min(problem.thickness_m / cells, penetration / (cells / 4));
  return geometricGrid(problem.thickness_m, cells, firstWidth);
}

/**
 * Step-size function h(t) = (1 / timeSteps) min(max(T, t), 1e-3 T + 10 t), T the run-time estimate:
 * small steps at the start where the surface concentration grows like sqrt(t), then constant, and
 * growing like t beyond T (only a strongly composition-dependent D outlasts the estimate).
 * Refining timeSteps scales h uniformly, so time convergence studies see the scheme's true order.
 */
function nominalStep(time: number, runTime: number, timeSteps: number): number {
  return Math.min(Math.max(runTime, time), 1e-3 * runTime + 10 * time) / timeSteps;
}

interface Integration {
  stepper: DiffusionStepper;
  timeSteps: number;
  newtonIterations: number;
  maxResidual: number;
}

interface IntegrationPlan {
  /** Times to land on exactly (ascending); `onStop` sees the state there. */
  stops: number[];
  onStop: (stepper: DiffusionStepper) => void;
  /** End at the instant the surface reaches c_max (calling `onStop` there) instead of after the last stop. */
  locateSaturation: boolean;
  onProgress?: (fraction: number) => void;
}

/** Integrates the film from t = 0 as the plan says. */
function integrate(
  problem: AlloyFilmProblem,
  discretisation: Discretisation,
  plan: IntegrationPlan,
): Integration {
  const { stops, onStop, locateSaturation, onProgress } = plan;
  const grid = filmGrid(problem, discretisation.cells);
  const stepper = new DiffusionStepper(
    { grid, diffusivity: diffusivityFunction(problem), inflowAtStart: lithiumFlux(problem), outflowAtEnd: 0 },
    new Float64Array(discretisation.cells).fill(problem.initialConcentration_mol_m3),
  );
  const { fillTime, runTime } = scales(problem);
  const cMax = problem.maxConcentration_mol_m3;
  const next = new Float64Array(discretisation.cells);
  const stepLimit = STEP_LIMIT_FACTOR * discretisation.timeSteps;
  const run: Integration = { stepper, timeSteps: 0, newtonIterations: 0, maxResidual: 0 };
  const record = (report: { newtonIterations: number; residual: number }) => {
    run.newtonIterations += report.newtonIterations;
    run.maxResidual = Math.max(run.maxResidual, report.residual);
  };
  let stopIndex = 0;
  let lastStep = 0;
  let stepCap = Number.POSITIVE_INFINITY;
  while (locateSaturation || stopIndex < stops.length) {
    if (run.timeSteps >= stepLimit || stepper.time > 2 * fillTime) {
      throw new NumericalError(
        `alloy film: surface did not saturate after ${run.timeSteps} steps (t = ${stepper.time.toExponential(3)} s)`,
        run.maxResidual,
      );
    }
    let dt = Math.min(nominalStep(stepper.time, runTime, discretisation.timeSteps), stepCap);
    if (lastStep > 0) dt = Math.min(dt, MAX_STEP_RATIO * lastStep);
    const stop = stops[stopIndex];
    let landsOnStop = false;
    if (stop !== undefined) {
      const remaining = stop - stepper.time;
      if (dt >= remaining * (1 - 1e-12)) {
        dt = remaining;
        landsOnStop = true;
      } else if (2 * dt > remaining) dt = remaining / 2; // avoid a sliver step before the stop
    }
    for (let halvings = 0; ; halvings++) {
      try {
        record(stepper.trial(dt, next));
        break;
      } catch (error) {
        if (!(error instanceof NumericalError) || halvings === MAX_STEP_HALVINGS) throw error;
        dt /= 2;
        landsOnStop = false;
      }
    }
    if (locateSaturation && stepper.valueAtStart(next) >= cMax) {
      // The surface crosses c_max within this step: shorten the step to land on the crossing.
      const excess = (h: number) => {
        record(stepper.trial(h, next));
        return stepper.valueAtStart(next) - cMax;
      };
      let crossing: number;
      try {
        crossing = findRoot(excess, 0, dt, {
          fLower: stepper.valueAtStart() - cMax,
          absoluteTolerance: dt * 1e-13,
        });
        record(stepper.trial(crossing, next));
      } catch (error) {
        // Newton failed for a trial length inside the search (a sharp front): approach the
        // crossing with shorter steps instead.
        if (!(error instanceof NumericalError) || dt < 1e-12 * runTime) throw error;
        stepCap = dt / 2;
        continue;
      }
      stepper.accept(next, crossing);
      run.timeSteps++;
      onStop(stepper);
      return run;
    }
    stepper.accept(next, dt);
    lastStep = dt;
    stepCap = Number.POSITIVE_INFINITY;
    run.timeSteps++;
    onProgress?.(Math.min(1, stepper.time / runTime));
    if (landsOnStop) {
      stepper.time = stop;
      onStop(stepper);
      stopIndex++;
    }
  }
  return run;
}

function profileOf(stepper: DiffusionStepper): ConcentrationProfile {
  const { centers, faces } = stepper.problem.grid;
  const n = centers.length;
  const position_m = new Float64Array(n + 2);
  const concentration_mol_m3 = new Float64Array(n + 2);
  position_m.set(centers, 1);
  concentration_mol_m3.set(stepper.state, 1);
  position_m[n + 1] = faces[n];
  concentration_mol_m3[0] = stepper.valueAtStart();
  // Zero flux at the collector: c(L) = c_{n-1} to second order.
  concentration_mol_m3[n + 1] = stepper.state[n - 1];
  return { time_s: stepper.time, position_m, concentration_mol_m3 };
}

/**
 * Lithiates the film until its electrolyte-side surface reaches c_max (Wang2024 Fig. 4a) and
 * reports the time, the utilization and, on request, profiles at fractions of that time
 * (computed in a second pass that lands on those times exactly).
 */
export function simulateSaturation(
  problem: AlloyFilmProblem,
  discretisation: Discretisation,
  options: SaturationOptions = {},
): SaturationResult {
  let saturationTime_s = Number.NaN;
  let content = Number.NaN;
  let collectorConcentration_mol_m3 = Number.NaN;
  const first = integrate(problem, discretisation, {
    stops: [],
    onStop: (stepper) => {
      saturationTime_s = stepper.time;
      content = stepper.content();
      collectorConcentration_mol_m3 = stepper.state[stepper.state.length - 1];
    },
    locateSaturation: true,
    onProgress: options.onProgress,
  });
  const L = problem.thickness_m;
  const injected = lithiumFlux(problem) * saturationTime_s;
  const expected = problem.initialConcentration_mol_m3 * L + injected;
  const profiles: ConcentrationProfile[] = [];
  const fractions = [...(options.profileFractions ?? [])].sort((a, b) => a - b);
  if (fractions.length > 0) {
    integrate(problem, discretisation, {
      stops: fractions.map((f) => f * saturationTime_s),
      onStop: (stepper) => profiles.push(profileOf(stepper)),
      locateSaturation: false,
    });
  }
  return {
    saturationTime_s,
    utilization: content / L / problem.maxConcentration_mol_m3,
    collectorConcentration_mol_m3,
    profiles,
    grid: first.stepper.problem.grid,
    timeSteps: first.timeSteps,
    newtonIterations: first.newtonIterations,
    maxResidual: first.maxResidual,
    massBalanceRelativeError: Math.abs(content - expected) / injected,
  };
}
