// @ts-nocheck — AssemblyScript, not TypeScript: compiled by scripts/buildWasm.mjs into
// kernel.wasm.ts (tsc only parses this file; i32, f64, load and store are AssemblyScript's).
/**
 * The canonical Monte Carlo kernel of monteCarlo.ts in WebAssembly: the field h_i = ∂E/∂ψ_i of
 * fieldKernel.ts and whole blocks of fresh-field swap attempts (MetropolisSampler.swaps). Every
 * operation, the order of every floating-point addition included, is the one of the JavaScript
 * kernels, so both give the same chain bit for bit (monteCarloWasm.test.ts); only the speed differs.
 *
 * It works in place on the sampler's arrays in this module's memory (wasmKernel.ts lays them out):
 * the two flat arrays of flatTerms.ts (`ints`, `reals`), the per-kind site lists, the species, and
 * a buffer that receives the energy after every step (the stage averages stay in JavaScript).
 */

/** Math.exp of the host: the accept rule must round exactly as the JavaScript kernel's does. */
declare function exp(x: f64): f64;

/** Byte addresses of the sampler's arrays in memory (init). */
let ints: usize = 0;
let reals: usize = 0;
let energies: usize = 0;
let weights: usize = 0;
let members: usize = 0;
let positions: usize = 0;
let kindStarts: usize = 0;
let sparseCounts: usize = 0;
let species: usize = 0;
/** ints index of the listing scratch, the longest neighbour row, ints index of ψ of site 0. */
let scratch: i32 = 0;
let degree: i32 = 0;
let occupiedAt: i32 = 0;
let kinds: i32 = 0;
/** mulberry32 state, as SeededRandom's (src/numerics/random.ts). */
let state: u32 = 0;
/** Total energy, J, kept current by swaps. */
let energy: f64 = 0;

export function init(
  intsAt: usize,
  realsAt: usize,
  energiesAt: usize,
  weightsAt: usize,
  membersAt: usize,
  positionsAt: usize,
  kindStartsAt: usize,
  sparseCountsAt: usize,
  speciesAt: usize,
  scratchAt: i32,
  longestRow: i32,
  psiAt: i32,
  kindCount: i32,
): void {
  ints = intsAt;
  reals = realsAt;
  energies = energiesAt;
  weights = weightsAt;
  members = membersAt;
  positions = positionsAt;
  kindStarts = kindStartsAt;
  sparseCounts = sparseCountsAt;
  species = speciesAt;
  scratch = scratchAt;
  degree = longestRow;
  occupiedAt = psiAt;
  kinds = kindCount;
}

export function setRandomState(value: u32): void {
  state = value;
}

export function randomState(): u32 {
  return state;
}

export function setEnergy(value: f64): void {
  energy = value;
}

export function currentEnergy(): f64 {
  return energy;
}

function word(base: usize, k: i32): i32 {
  return load<i32>(base + ((<usize>k) << 2));
}

function setWord(base: usize, k: i32, value: i32): void {
  store<i32>(base + ((<usize>k) << 2), value);
}

/** SeededRandom.uniform: uniform in [0, 1). */
function uniform(): f64 {
  state += 0x6d2b79f5;
  let t = state;
  t = (t ^ (t >>> 15)) * (t | 1);
  t ^= t + (t ^ (t >>> 7)) * (t | 61);
  return <f64>(t ^ (t >>> 14)) / 4294967296.0;
}

/**
 * listSparseSlots of fieldKernel.ts, on byte addresses: I is the address of ints[0], out of
 * ints[scratch]. The module's globals are copied into locals by the callers: V8 reloads a global at
 * every use inside a loop that stores to memory.
 */
function listSparseSlots(I: usize, out: usize, longestRow: i32, i: i32): i32 {
  const h = I + ((<usize>i) << 5);
  let row = I + ((<usize>load<i32>(h)) << 2);
  const end = load<i32>(h, 4);
  const quadrupletSlots = load<i32>(h, 8);
  const tripletSlots = load<i32>(h, 12);
  const counts = out + ((<usize>longestRow) << 2);
  let at = out;
  let g = 0;
  for (; g < quadrupletSlots; g++, row += 4) {
    store<i32>(at, g);
    at += (<usize>load<i32>(I + ((<usize>load<i32>(row)) << 2))) << 2;
  }
  store<i32>(counts, <i32>((at - out) >> 2));
  for (; g < tripletSlots; g++, row += 4) {
    store<i32>(at, g);
    at += (<usize>load<i32>(I + ((<usize>load<i32>(row)) << 2))) << 2;
  }
  store<i32>(counts, <i32>((at - out) >> 2), 4);
  for (; g < end; g++, row += 4) {
    store<i32>(at, g);
    at += (<usize>load<i32>(I + ((<usize>load<i32>(row)) << 2))) << 2;
  }
  return <i32>((at - out) >> 2);
}

/** fieldKernel of fieldKernel.ts: h_i from the current occupations, J. */
export function field(i: i32): f64 {
  const I = ints;
  const R = reals;
  const out = I + ((<usize>scratch) << 2);
  const longestRow = degree;
  const count = listSparseSlots(I, out, longestRow, i);
  const counts = out + ((<usize>longestRow) << 2);
  const inQuadruplets = load<i32>(counts);
  const inTriplets = load<i32>(counts, 4);
  const h = I + ((<usize>i) << 5);
  const pairs = R + ((<usize>load<i32>(h, 16)) << 3);
  let sum0 = load<f64>(pairs - 8);
  let sum1: f64 = 0;
  let sum2: f64 = 0;
  let sum3: f64 = 0;
  let c = out;
  const last = out + ((<usize>count) << 2);
  for (; c + 12 < last; c += 16) {
    sum0 += load<f64>(pairs + ((<usize>load<i32>(c)) << 3));
    sum1 += load<f64>(pairs + ((<usize>load<i32>(c, 4)) << 3));
    sum2 += load<f64>(pairs + ((<usize>load<i32>(c, 8)) << 3));
    sum3 += load<f64>(pairs + ((<usize>load<i32>(c, 12)) << 3));
  }
  for (; c < last; c += 4) sum0 += load<f64>(pairs + ((<usize>load<i32>(c)) << 3));
  const tripletSlots = load<i32>(h, 12);
  const triplets = R + ((<usize>load<i32>(h, 20)) << 3);
  const tripletsEnd = out + ((<usize>inTriplets) << 2);
  for (let a = out; a < tripletsEnd; a += 4) {
    const g = load<i32>(a);
    // Row g of the packed upper triangle (flatTerms.ts), as fieldKernel.ts.
    const offset = triplets + ((<usize>(((g * (2 * tripletSlots - g - 3)) >> 1) - 1)) << 3);
    let b = a + 4;
    for (; b + 12 < tripletsEnd; b += 16) {
      sum0 += load<f64>(offset + ((<usize>load<i32>(b)) << 3));
      sum1 += load<f64>(offset + ((<usize>load<i32>(b, 4)) << 3));
      sum2 += load<f64>(offset + ((<usize>load<i32>(b, 8)) << 3));
      sum3 += load<f64>(offset + ((<usize>load<i32>(b, 12)) << 3));
    }
    for (; b < tripletsEnd; b += 4) sum0 += load<f64>(offset + ((<usize>load<i32>(b)) << 3));
  }
  const quadrupletSlots = load<i32>(h, 8);
  const quadruplets = R + ((<usize>load<i32>(h, 24)) << 3);
  const quadrupletsEnd = out + ((<usize>inQuadruplets) << 2);
  for (let a = out; a < quadrupletsEnd; a += 4) {
    for (let b = a + 4; b < quadrupletsEnd; b += 4) {
      const offset =
        quadruplets + ((<usize>((load<i32>(a) * quadrupletSlots + load<i32>(b)) * quadrupletSlots)) << 3);
      for (let d = b + 4; d < quadrupletsEnd; d += 4)
        sum1 += load<f64>(offset + ((<usize>load<i32>(d)) << 3));
    }
  }
  return sum0 + sum1 + (sum2 + sum3);
}

/**
 * `steps` canonical attempts with fresh fields (MetropolisSampler.swaps with keepFields off);
 * energies[s] receives the total energy after attempt s. Returns the accepted count.
 */
export function swaps(steps: i32, kT: f64, totalWeight: f64): i32 {
  const I = ints;
  const psi = I + ((<usize>occupiedAt) << 2);
  const memberList = members;
  const positionOf = positions;
  const starts = kindStarts;
  const sparseOf = sparseCounts;
  const speciesOf = species;
  const energyAfter = energies;
  const kindCount = kinds;
  let e = energy;
  let accepted = 0;
  for (let s = 0; s < steps; s++) {
    if (totalWeight > 0) {
      let k = 0;
      if (kindCount > 1) {
        let pick = uniform() * totalWeight;
        while (pick >= load<f64>(weights + ((<usize>k) << 3)) && k < kindCount - 1) {
          pick -= load<f64>(weights + ((<usize>k) << 3));
          k++;
        }
      }
      const start = word(starts, k);
      const sparse = word(sparseOf, k);
      const a = start + <i32>floor(uniform() * <f64>sparse);
      const b = start + sparse + <i32>floor(uniform() * <f64>(word(starts, k + 1) - start - sparse));
      const i = word(memberList, a);
      const j = word(memberList, b);
      // h_j summed with ψ_i already 0 is h_j − P_ij: the terms containing both sites drop out.
      const leaving = field(i);
      setWord(psi, i, 0);
      const change = field(j) - leaving;
      setWord(psi, i, 1);
      if (change <= 0 || uniform() < exp(-change / kT)) {
        setWord(psi, i, 1 - word(psi, i));
        setWord(psi, j, 1 - word(psi, j));
        const was = load<i8>(speciesOf + <usize>i);
        store<i8>(speciesOf + <usize>i, load<i8>(speciesOf + <usize>j));
        store<i8>(speciesOf + <usize>j, was);
        setWord(memberList, a, j);
        setWord(memberList, b, i);
        setWord(positionOf, j, a);
        setWord(positionOf, i, b);
        e += change;
        accepted++;
      }
    }
    store<f64>(energyAfter + ((<usize>s) << 3), e);
  }
  energy = e;
  return accepted;
}
