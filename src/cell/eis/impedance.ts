/**
 * Impedance of a parsed circuit tree over many frequencies and, on request, its derivatives with
 * respect to every parameter (the Jacobian of a fit, analytic instead of one extra evaluation per
 * parameter). Allocation-free after the first call at a given number of frequencies: this runs for
 * every residual evaluation of every fit.
 */

export type ElementKind = "R" | "C" | "L" | "CPE" | "W" | "Wo" | "Ws" | "G";

/** Parameters of a subtree occupy `first` .. `first + count - 1` (the parser numbers them in order). */
export type Node =
  | { type: "element"; kind: ElementKind; name: string; first: number; count: number }
  | {
      type: "series" | "parallel";
      children: Node[];
      first: number;
      count: number;
      /** One impedance per child, kept until the parallel combination is known. */
      branchRe: Float64Array[];
      branchIm: Float64Array[];
      /** The child's parameters and frequencies its impedance above was last evaluated at. */
      branchParameters: Float64Array[];
      branchOmega: (Float64Array | null)[];
    };

/**
 * Derivative rows: d Re Z_i / d p_k at re[k n + i], d Im Z_i / d p_k at im[k n + i] (n frequencies,
 * physical parameters).
 */
export interface Derivatives {
  re: Float64Array;
  im: Float64Array;
}

export function evaluateNode(
  node: Node,
  p: Float64Array,
  omega: Float64Array,
  logOmega: Float64Array,
  re: Float64Array,
  im: Float64Array,
  d: Derivatives | null,
  reuse: boolean,
): void {
  const n = omega.length;
  if (node.type === "element") {
    elementImpedance(node.kind, p, node.first, omega, logOmega, re, im, d);
    return;
  }
  if (node.branchRe.length === 0 || node.branchRe[0].length !== n) {
    node.branchRe = node.children.map(() => new Float64Array(n));
    node.branchIm = node.children.map(() => new Float64Array(n));
    node.branchParameters = node.children.map((child) => new Float64Array(child.count));
    node.branchOmega = node.children.map(() => null);
  }
  re.fill(0);
  im.fill(0);
  for (let c = 0; c < node.children.length; c++) {
    const child = node.children[c];
    const childRe = node.branchRe[c];
    const childIm = node.branchIm[c];
    const last = node.branchParameters[c];
    if (d || !reuse || !unchanged(last, node.branchOmega[c], child.first, p, omega)) {
      evaluateNode(child, p, omega, logOmega, childRe, childIm, d, reuse);
      for (let k = 0; k < child.count; k++) last[k] = p[child.first + k];
      node.branchOmega[c] = reuse ? omega : null;
    }
    if (node.type === "series") {
      for (let i = 0; i < n; i++) {
        re[i] += childRe[i];
        im[i] += childIm[i];
      }
    } else {
      // admittances add
      for (let i = 0; i < n; i++) {
        const m = childRe[i] * childRe[i] + childIm[i] * childIm[i];
        re[i] += childRe[i] / m;
        im[i] -= childIm[i] / m;
      }
    }
  }
  if (node.type === "series") return;
  for (let i = 0; i < n; i++) {
    const m = re[i] * re[i] + im[i] * im[i];
    re[i] = re[i] / m;
    im[i] = -im[i] / m;
  }
  if (!d) return;
  node.children.forEach((child, c) => {
    scaleBranch(child, node.branchRe[c], node.branchIm[c], re, im, d);
  });
}

/**
 * With `reuse`, a branch whose parameters and frequency array are those of its last evaluation keeps
 * its impedance: a forward-difference Jacobian moves one parameter at a time, so each of its columns
 * re-evaluates one element and the combinations above it instead of the whole circuit (the same
 * bits). Only for callers that never change `omega` in place.
 */
function unchanged(
  last: Float64Array,
  lastOmega: Float64Array | null,
  first: number,
  p: Float64Array,
  omega: Float64Array,
): boolean {
  if (lastOmega !== omega) return false;
  for (let k = 0; k < last.length; k++) if (last[k] !== p[first + k]) return false;
  return true;
}

/**
 * Z = 1 / sum_c 1/Z_c, so dZ/dp = (Z / Z_c)^2 dZ_c/dp for a parameter p of branch c (each parameter
 * sits in exactly one branch).
 */
function scaleBranch(
  child: Node,
  branchRe: Float64Array,
  branchIm: Float64Array,
  re: Float64Array,
  im: Float64Array,
  d: Derivatives,
): void {
  const n = re.length;
  for (let i = 0; i < n; i++) {
    const m = branchRe[i] * branchRe[i] + branchIm[i] * branchIm[i];
    const qr = (re[i] * branchRe[i] + im[i] * branchIm[i]) / m;
    const qi = (im[i] * branchRe[i] - re[i] * branchIm[i]) / m;
    const fr = qr * qr - qi * qi;
    const fi = 2 * qr * qi;
    for (let k = child.first; k < child.first + child.count; k++) {
      const j = k * n + i;
      const dr = d.re[j];
      d.re[j] = fr * dr - fi * d.im[j];
      d.im[j] = fr * d.im[j] + fi * dr;
    }
  }
}

/**
 * Impedance of one element at every angular frequency into re, im, and its derivatives into the
 * element's rows of `d` (Barsoukov & Macdonald, Impedance Spectroscopy, 3rd ed., ch. 2).
 */
function elementImpedance(
  kind: ElementKind,
  p: Float64Array,
  k: number,
  omega: Float64Array,
  logOmega: Float64Array,
  re: Float64Array,
  im: Float64Array,
  d: Derivatives | null,
): void {
  const n = omega.length;
  const row = k * n;
  switch (kind) {
    case "R":
      re.fill(p[k]);
      im.fill(0);
      if (d) {
        d.re.fill(1, row, row + n);
        d.im.fill(0, row, row + n);
      }
      return;
    case "C":
      for (let i = 0; i < n; i++) {
        re[i] = 0;
        im[i] = -1 / (omega[i] * p[k]);
      }
      if (d) {
        for (let i = 0; i < n; i++) {
          d.re[row + i] = 0;
          d.im[row + i] = -im[i] / p[k];
        }
      }
      return;
    case "L":
      for (let i = 0; i < n; i++) {
        re[i] = 0;
        im[i] = omega[i] * p[k];
      }
      if (d) {
        for (let i = 0; i < n; i++) {
          d.re[row + i] = 0;
          d.im[row + i] = omega[i];
        }
      }
      return;
    case "CPE": {
      // 1 / (Q (j w)^alpha), (j w)^alpha = w^alpha (cos(alpha pi/2) + j sin(alpha pi/2)); w^alpha as
      // exp(alpha ln w) with ln w computed once per spectrum (four times cheaper than w ** alpha)
      const angle = (-p[k + 1] * Math.PI) / 2;
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      for (let i = 0; i < n; i++) {
        const magnitude = 1 / (p[k] * Math.exp(p[k + 1] * logOmega[i]));
        re[i] = magnitude * cos;
        im[i] = magnitude * sin;
      }
      if (d) {
        // dZ/dQ = -Z/Q; dZ/dalpha = -Z ln(j w) = -Z (ln w + j pi/2)
        const next = row + n;
        for (let i = 0; i < n; i++) {
          d.re[row + i] = -re[i] / p[k];
          d.im[row + i] = -im[i] / p[k];
          d.re[next + i] = -(re[i] * logOmega[i] - (im[i] * Math.PI) / 2);
          d.im[next + i] = -(im[i] * logOmega[i] + (re[i] * Math.PI) / 2);
        }
      }
      return;
    }
    case "W":
      for (let i = 0; i < n; i++) {
        const s = p[k] / Math.sqrt(2 * omega[i]); // A / sqrt(j w) = A (1 - j) / sqrt(2 w)
        re[i] = s;
        im[i] = -s;
        if (d) {
          d.re[row + i] = s / p[k];
          d.im[row + i] = -s / p[k];
        }
      }
      return;
    case "Wo":
    case "Ws":
      finiteWarburg(kind === "Wo", p, k, omega, re, im, d);
      return;
    case "G":
      for (let i = 0; i < n; i++) {
        // R / sqrt(1 + j w tau)
        const y = omega[i] * p[k + 1];
        const modulus = Math.hypot(1, y);
        const sr = Math.sqrt((modulus + 1) / 2);
        const si = Math.sqrt((modulus - 1) / 2);
        const m = sr * sr + si * si;
        re[i] = (p[k] * sr) / m;
        im[i] = (-p[k] * si) / m;
        if (d) {
          d.re[row + i] = sr / m;
          d.im[row + i] = -si / m;
          // dZ/dtau = -(Z/2) j w / (1 + j y) = -(Z/2) (w y + j w) / (1 + y^2)
          const scale = -omega[i] / (2 * (1 + y * y));
          d.re[row + n + i] = scale * (re[i] * y - im[i]);
          d.im[row + n + i] = scale * (im[i] * y + re[i]);
        }
      }
      return;
  }
}

/**
 * Finite-length Warburg R T(s) / s, s = sqrt(j w tau), T = coth (open) or tanh (short);
 * dZ/dR = T/s and, with dT/ds = 1 - T^2 for both, dZ/dtau = R / (2 tau) (1 - T^2 - T/s).
 */
function finiteWarburg(
  open: boolean,
  p: Float64Array,
  k: number,
  omega: Float64Array,
  re: Float64Array,
  im: Float64Array,
  d: Derivatives | null,
): void {
  const n = omega.length;
  const row = k * n;
  for (let i = 0; i < n; i++) {
    // s = r (1 + j), r = sqrt(w tau / 2); tanh(r + j r), stable for large r
    const r = Math.sqrt((omega[i] * p[k + 1]) / 2);
    let tr = 1;
    let ti = 0;
    if (r <= 20) {
      const e = Math.cosh(2 * r) + Math.cos(2 * r);
      tr = Math.sinh(2 * r) / e;
      ti = Math.sin(2 * r) / e;
    }
    if (open) {
      const m = tr * tr + ti * ti; // coth = 1 / tanh
      tr /= m;
      ti = -ti / m;
    }
    // T/s = (tr + j ti) / (r (1 + j)) = (tr + j ti)(1 - j) / (2 r)
    const scale = p[k] / (2 * r);
    re[i] = scale * (tr + ti);
    im[i] = scale * (ti - tr);
    if (d) {
      const overR = 1 / (2 * r);
      d.re[row + i] = overR * (tr + ti);
      d.im[row + i] = overR * (ti - tr);
      const factor = p[k] / (2 * p[k + 1]);
      d.re[row + n + i] = factor * (1 - (tr * tr - ti * ti) - overR * (tr + ti));
      d.im[row + n + i] = factor * (-2 * tr * ti - overR * (ti - tr));
    }
  }
}
