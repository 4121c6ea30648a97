import { SeededRandom } from "./random.js";

export interface DifferentialEvolutionOptions {
  /** Same seed, same population, same result. */
  seed: number;
  /** Members of the population; default 10 per dimension, at least 20. */
  populationSize?: number;
  maxGenerations?: number;
  /** Points placed in the first population as they are (clamped into the box), e.g. local minima. */
  initial?: Float64Array[];
  /** Stop when the population's objective values agree to this relative spread. */
  tolerance?: number;
}

export interface DifferentialEvolutionResult {
  best: Float64Array;
  value: number;
  /** The final population, best first, with its objective values. */
  population: Float64Array[];
  values: number[];
  generations: number;
  evaluations: number;
}

/**
 * Differential evolution (Storn & Price, J. Global Optim. 11 (1997) 341-359), strategy
 * rand/1/bin (the most exploratory of the classic strategies: no member is pulled towards the
 * current best, so the population does not collapse into the first good basin) with a dithered mutation factor F in [0.5, 1) drawn per generation and
 * crossover rate 0.9, minimising `objective` over the box [lower, upper]. Non-finite objective values
 * count as +Infinity, so a member where the model breaks down is simply never selected.
 */
export function differentialEvolution(
  objective: (x: Float64Array) => number,
  lower: Float64Array,
  upper: Float64Array,
  options: DifferentialEvolutionOptions,
): DifferentialEvolutionResult {
  const d = lower.length;
  const size = options.populationSize ?? Math.max(20, 10 * d);
  const maxGenerations = options.maxGenerations ?? 200;
  const tolerance = options.tolerance ?? 1e-10;
  const random = new SeededRandom(options.seed);
  const evaluate = (x: Float64Array) => {
    const value = objective(x);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  const clamp = (x: Float64Array) => {
    for (let k = 0; k < d; k++) x[k] = Math.min(Math.max(x[k], lower[k]), upper[k]);
    return x;
  };
  const population: Float64Array[] = [];
  for (const given of options.initial ?? []) {
    if (population.length < size) population.push(clamp(Float64Array.from(given)));
  }
  // Latin hypercube for the rest: every stratum of every coordinate sampled once.
  const fresh = size - population.length;
  const strata = Array.from({ length: d }, () => shuffled(fresh, random));
  for (let i = 0; i < fresh; i++) {
    const x = new Float64Array(d);
    for (let k = 0; k < d; k++)
      x[k] = lower[k] + ((strata[k][i] + random.uniform()) / fresh) * (upper[k] - lower[k]);
    population.push(x);
  }
  const values = population.map(evaluate);
  let evaluations = size;
  let bestIndex = indexOfMinimum(values);
  const trial = new Float64Array(d);
  let generations = 0;
  for (; generations < maxGenerations; generations++) {
    const f = 0.5 + 0.5 * random.uniform();
    for (let i = 0; i < size; i++) {
      const [a, b, c] = threeOthers(i, size, random);
      const x = population[i];
      const forced = Math.floor(random.uniform() * d);
      for (let k = 0; k < d; k++) {
        trial[k] =
          k === forced || random.uniform() < 0.9
            ? population[a][k] + f * (population[b][k] - population[c][k])
            : x[k];
      }
      // Bounce back halfway towards the parent instead of piling members on the box faces.
      for (let k = 0; k < d; k++) {
        if (trial[k] < lower[k]) trial[k] = 0.5 * (lower[k] + x[k]);
        else if (trial[k] > upper[k]) trial[k] = 0.5 * (upper[k] + x[k]);
      }
      const value = evaluate(trial);
      evaluations++;
      if (value <= values[i]) {
        x.set(trial);
        values[i] = value;
        if (value < values[bestIndex]) bestIndex = i;
      }
    }
    const worst = Math.max(...values);
    if (Number.isFinite(worst) && worst - values[bestIndex] <= tolerance * Math.abs(values[bestIndex])) {
      generations++;
      break;
    }
  }
  const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
  return {
    best: Float64Array.from(population[bestIndex]),
    value: values[bestIndex],
    population: order.map((i) => Float64Array.from(population[i])),
    values: order.map((i) => values[i]),
    generations,
    evaluations,
  };
}

function shuffled(n: number, random: SeededRandom): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function threeOthers(i: number, size: number, random: SeededRandom): [number, number, number] {
  let a = i;
  while (a === i) a = Math.floor(random.uniform() * size);
  let b = i;
  while (b === i || b === a) b = Math.floor(random.uniform() * size);
  let c = i;
  while (c === i || c === a || c === b) c = Math.floor(random.uniform() * size);
  return [a, b, c];
}

function indexOfMinimum(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] < values[best]) best = i;
  return best;
}
