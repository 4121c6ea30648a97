import {
  type CefModel,
  type Derivatives,
  derivatives,
  formulaUnitEnergy,
  perMoleOfAtoms,
  resetDerivatives,
  type SublatticeLayout,
} from "./model.js";

/** An energy per mole of atoms over the site fractions of one phase, with derivatives. */
export interface EnergySurface {
  name: string;
  layout: SublatticeLayout;
  evaluate(y: Float64Array, out: Derivatives): void;
}

export function cefSurface(model: CefModel): EnergySurface {
  return {
    name: model.phase,
    layout: model.layout,
    evaluate(y, out) {
      resetDerivatives(out);
      formulaUnitEnergy(model, y, out);
      perMoleOfAtoms(model.layout, y, out);
    },
  };
}

/**
 * Site fractions of the disordered state for each ordered site fraction (the mole fraction of the
 * species over the sublattices that hold it; pure-vacancy sublattices kept), as pycalphad's
 * Model.mole_fraction: a linear map y -> rows x columns.
 */
function disorderMap(layout: SublatticeLayout, target: SublatticeLayout): Float64Array {
  const map = new Float64Array(target.size * layout.size);
  const pureVacancy = (l: SublatticeLayout, s: number) =>
    l.species[s].length === 1 && l.species[s][0] === "VA";
  target.species.forEach((list, s) => {
    list.forEach((c, i) => {
      const row = target.offsets[s] + i;
      if (pureVacancy(target, s)) {
        // Pure-vacancy sublattices correspond to the last (interstitial) one, as in pycalphad.
        const last = layout.species.length - 1;
        map[row * layout.size + layout.offsets[last] + layout.species[last].indexOf("VA")] = 1;
        return;
      }
      let total = 0;
      layout.species.forEach((l, k) => {
        if (!pureVacancy(layout, k) && l.includes(c)) total += layout.ratios[k];
      });
      layout.species.forEach((l, k) => {
        if (!pureVacancy(layout, k) && l.includes(c))
          map[row * layout.size + layout.offsets[k] + l.indexOf(c)] = layout.ratios[k] / total;
      });
    });
  });
  return map;
}

function addMapped(
  map: Float64Array | null,
  n: number,
  m: number,
  inner: Derivatives,
  sign: number,
  out: Derivatives,
  work: Float64Array,
) {
  // out += sign * (M^T g, M^T H M) with M an m x n matrix (null: the identity).
  out.value += sign * inner.value;
  if (!map) {
    for (let j = 0; j < n; j++) out.gradient[j] += sign * inner.gradient[j];
    for (let k = 0; k < n * n; k++) out.hessian[k] += sign * inner.hessian[k];
    return;
  }
  for (let j = 0; j < n; j++) {
    let g = 0;
    for (let r = 0; r < m; r++) g += map[r * n + j] * inner.gradient[r];
    out.gradient[j] += sign * g;
  }
  // work = H M (m x n), then M^T work.
  for (let r = 0; r < m; r++)
    for (let j = 0; j < n; j++) {
      let h = 0;
      for (let q = 0; q < m; q++) h += inner.hessian[r * m + q] * map[q * n + j];
      work[r * n + j] = h;
    }
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let h = 0;
      for (let r = 0; r < m; r++) h += map[r * n + i] * work[r * n + j];
      out.hessian[i * n + j] += sign * h;
    }
}

function apply(map: Float64Array, y: Float64Array, m: number, out: Float64Array) {
  const n = y.length;
  for (let r = 0; r < m; r++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += map[r * n + j] * y[j];
    out[r] = v;
  }
}

/**
 * Partitioned order–disorder model (TYPE_DEFINITION ... DIS_PART; I. Ansara et al., CALPHAD 21 (1997)
 * 171; as pycalphad): G(y) = G_dis(x(y)) + G_ord(y) - G_ord(y = x(y)), each per mole of atoms.
 */
export function partitionedSurface(ordered: CefModel, disordered: CefModel): EnergySurface {
  const layout = ordered.layout;
  const n = layout.size;
  const toDisordered = disorderMap(layout, disordered.layout);
  const toOrderedAtX = disorderMap(layout, layout);
  const m = disordered.layout.size;
  const dis = cefSurface(disordered);
  const ord = cefSurface(ordered);
  const yDis = new Float64Array(m);
  const yX = new Float64Array(n);
  const scratchDis = derivatives(m);
  const scratchOrd = derivatives(n);
  const work = new Float64Array(Math.max(m, n) * n);
  return {
    name: ordered.phase,
    layout,
    evaluate(y, out) {
      resetDerivatives(out);
      apply(toDisordered, y, m, yDis);
      dis.evaluate(yDis, scratchDis);
      addMapped(toDisordered, n, m, scratchDis, 1, out, work);
      ord.evaluate(y, scratchOrd);
      addMapped(null, n, n, scratchOrd, 1, out, work);
      apply(toOrderedAtX, y, n, yX);
      ord.evaluate(yX, scratchOrd);
      addMapped(toOrderedAtX, n, n, scratchOrd, -1, out, work);
    },
  };
}
