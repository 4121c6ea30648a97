/**
 * Sums of products of affine functions of the site fractions y: the end-member and Redlich–Kister
 * terms of the compound energy formalism (y_i, (y_i - y_j)^n, Muggianu's v_i) all have this form,
 * so one routine gives their value, gradient and Hessian.
 */
export interface Affine {
  constant: number;
  indices: number[];
  weights: number[];
}

export interface ProductTerm {
  coefficient: number;
  factors: Affine[];
}

export const siteFraction = (index: number): Affine => ({ constant: 0, indices: [index], weights: [1] });

function affineValue(f: Affine, y: ArrayLike<number>): number {
  let v = f.constant;
  for (let k = 0; k < f.indices.length; k++) v += f.weights[k] * y[f.indices[k]];
  return v;
}

const scratch = new Float64Array(64);

/**
 * Adds sum(terms) at y to value[0], its gradient to gradient and its Hessian (row-major n x n) to
 * hessian, scaled by `scale`.
 */
export function addProductTerms(
  terms: ProductTerm[],
  y: ArrayLike<number>,
  n: number,
  scale: number,
  out: { value: number; gradient: Float64Array; hessian: Float64Array },
): void {
  const values = scratch;
  for (const term of terms) {
    const m = term.factors.length;
    for (let k = 0; k < m; k++) values[k] = affineValue(term.factors[k], y);
    const c = term.coefficient * scale;
    let product = c;
    for (let k = 0; k < m; k++) product *= values[k];
    out.value += product;
    for (let k = 0; k < m; k++) {
      let others = c;
      for (let l = 0; l < m; l++) if (l !== k) others *= values[l];
      const fk = term.factors[k];
      for (let a = 0; a < fk.indices.length; a++) out.gradient[fk.indices[a]] += others * fk.weights[a];
      for (let l = k + 1; l < m; l++) {
        let rest = c;
        for (let q = 0; q < m; q++) if (q !== k && q !== l) rest *= values[q];
        const fl = term.factors[l];
        for (let a = 0; a < fk.indices.length; a++)
          for (let b = 0; b < fl.indices.length; b++) {
            const h = rest * fk.weights[a] * fl.weights[b];
            out.hessian[fk.indices[a] * n + fl.indices[b]] += h;
            out.hessian[fl.indices[b] * n + fk.indices[a]] += h;
          }
      }
    }
  }
}

/** The value only (for the magnetic T_C and beta sums and quick checks). */
export function productTermsValue(terms: ProductTerm[], y: ArrayLike<number>): number {
  let sum = 0;
  for (const term of terms) {
    let product = term.coefficient;
    for (const f of term.factors) product *= affineValue(f, y);
    sum += product;
  }
  return sum;
}
