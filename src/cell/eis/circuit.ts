import { inputError } from "../../errors.js";

/**
 * Equivalent circuits written as strings: `R0-p(R1,CPE1)-p(R2,CPE2)-W1` (series `-`, parallel
 * `p(a,b,...)`), the notation of impedance.py and ZView users. Elements and their impedances
 * (omega = 2 pi f, j the imaginary unit; Barsoukov & Macdonald, Impedance Spectroscopy, 3rd ed., ch. 2):
 *   R: R            C: 1/(j omega C)        L: j omega L
 *   CPE: 1/(Q (j omega)^alpha)              W (semi-infinite Warburg): A / sqrt(j omega)
 *   Wo (finite length, open/reflective):    R coth(sqrt(j omega tau)) / sqrt(j omega tau)
 *   Ws (finite length, short/transmissive): R tanh(sqrt(j omega tau)) / sqrt(j omega tau)
 *   G (Gerischer): R / sqrt(1 + j omega tau)
 */

export type ElementKind = "R" | "C" | "L" | "CPE" | "W" | "Wo" | "Ws" | "G";

interface ParameterSpec {
  suffix: string;
  unit: string;
  /** CPE exponents live in (0, 1]; every other parameter is positive. */
  fraction?: boolean;
}

const ELEMENT_PARAMETERS: Record<ElementKind, ParameterSpec[]> = {
  R: [{ suffix: "", unit: "ohm" }],
  C: [{ suffix: "", unit: "F" }],
  L: [{ suffix: "", unit: "H" }],
  CPE: [
    { suffix: "_Q", unit: "ohm^-1 s^alpha" },
    { suffix: "_alpha", unit: "", fraction: true },
  ],
  W: [{ suffix: "", unit: "ohm s^-1/2" }],
  Wo: [
    { suffix: "_R", unit: "ohm" },
    { suffix: "_tau", unit: "s" },
  ],
  Ws: [
    { suffix: "_R", unit: "ohm" },
    { suffix: "_tau", unit: "s" },
  ],
  G: [
    { suffix: "_R", unit: "ohm" },
    { suffix: "_tau", unit: "s" },
  ],
};

// Longest prefixes first, so that CPE1 is not read as C followed by "PE1".
const KINDS: ElementKind[] = ["CPE", "Wo", "Ws", "W", "R", "C", "L", "G"];

export interface CircuitParameter {
  name: string;
  unit: string;
  fraction: boolean;
  element: string;
  kind: ElementKind;
}

type Node =
  | { type: "element"; kind: ElementKind; name: string; offset: number }
  | { type: "series" | "parallel"; children: Node[]; scratchRe: Float64Array; scratchIm: Float64Array };

/** A parsed circuit: its parameters in order and an allocation-free evaluator over many frequencies. */
export class Circuit {
  readonly text: string;
  readonly parameters: CircuitParameter[];
  private readonly root: Node;

  constructor(text: string) {
    this.text = text;
    this.parameters = [];
    const parser = new Parser(text.replace(/\s+/g, ""), this.parameters);
    this.root = parser.parse();
  }

  /** Z at angular frequencies `omega` into (re, im). */
  impedance(parameters: Float64Array, omega: Float64Array, re: Float64Array, im: Float64Array): void {
    evaluate(this.root, parameters, omega, re, im);
  }
}

function composite(type: "series" | "parallel", children: Node[]): Node {
  return { type, children, scratchRe: new Float64Array(0), scratchIm: new Float64Array(0) };
}

class Parser {
  private position = 0;
  constructor(
    private readonly text: string,
    private readonly parameters: CircuitParameter[],
  ) {}

  private fail(message: string): never {
    throw inputError("circuit", `${message} at character ${this.position + 1} of "${this.text}"`);
  }

  parse(): Node {
    if (this.text.length === 0) this.fail("empty circuit");
    const node = this.series();
    if (this.position < this.text.length) this.fail(`unexpected "${this.text[this.position]}"`);
    return node;
  }

  private series(): Node {
    const children = [this.term()];
    while (this.text[this.position] === "-") {
      this.position++;
      children.push(this.term());
    }
    return children.length === 1 ? children[0] : composite("series", children);
  }

  private term(): Node {
    if (this.text.startsWith("p(", this.position)) {
      this.position += 2;
      const children = [this.series()];
      while (this.text[this.position] === ",") {
        this.position++;
        children.push(this.series());
      }
      if (this.text[this.position] !== ")") this.fail('unbalanced parentheses: expected ")"');
      this.position++;
      if (children.length < 2) this.fail("a parallel block p(...) needs at least two branches");
      return composite("parallel", children);
    }
    const match = /^([A-Za-z]+)(\d*)/.exec(this.text.slice(this.position));
    if (!match)
      this.fail(
        this.text[this.position] === ")" ? 'unbalanced parentheses: unexpected ")"' : "expected an element",
      );
    const kind = KINDS.find((k) => k === match[1]);
    if (!kind) {
      this.fail(`unknown circuit element "${match[1]}" (known: ${KINDS.join(", ")})`);
    }
    const name = match[0];
    if (this.parameters.some((p) => p.element === name)) this.fail(`element "${name}" appears twice`);
    this.position += name.length;
    const offset = this.parameters.length;
    for (const spec of ELEMENT_PARAMETERS[kind]) {
      this.parameters.push({
        name: name + spec.suffix,
        unit: spec.unit,
        fraction: spec.fraction ?? false,
        element: name,
        kind,
      });
    }
    return { type: "element", kind, name, offset };
  }
}

/**
 * Writes the impedance of one element at angular frequency w into re[i], im[i] (no allocation:
 * this runs for every frequency of every residual evaluation of a fit).
 */
function elementImpedance(
  kind: ElementKind,
  p: Float64Array,
  k: number,
  w: number,
  re: Float64Array,
  im: Float64Array,
  i: number,
): void {
  switch (kind) {
    case "R":
      re[i] = p[k];
      im[i] = 0;
      return;
    case "C":
      re[i] = 0;
      im[i] = -1 / (w * p[k]);
      return;
    case "L":
      re[i] = 0;
      im[i] = w * p[k];
      return;
    case "CPE": {
      // (j w)^alpha = w^alpha (cos(alpha pi/2) + j sin(alpha pi/2))
      const magnitude = 1 / (p[k] * w ** p[k + 1]);
      const angle = (-p[k + 1] * Math.PI) / 2;
      re[i] = magnitude * Math.cos(angle);
      im[i] = magnitude * Math.sin(angle);
      return;
    }
    case "W": {
      const s = p[k] / Math.sqrt(2 * w); // A / sqrt(j w) = A (1 - j) / sqrt(2 w)
      re[i] = s;
      im[i] = -s;
      return;
    }
    case "Wo":
    case "Ws": {
      // s = sqrt(j w tau) = r (1 + j), r = sqrt(w tau / 2); tanh(r + j r), stable for large r
      const r = Math.sqrt((w * p[k + 1]) / 2);
      let tr = 1;
      let ti = 0;
      if (r <= 20) {
        const d = Math.cosh(2 * r) + Math.cos(2 * r);
        tr = Math.sinh(2 * r) / d;
        ti = Math.sin(2 * r) / d;
      }
      if (kind === "Wo") {
        const m = tr * tr + ti * ti; // coth = 1 / tanh
        tr /= m;
        ti = -ti / m;
      }
      // (tr + j ti) / (r (1 + j)) = (tr + j ti)(1 - j) / (2 r)
      const scale = p[k] / (2 * r);
      re[i] = scale * (tr + ti);
      im[i] = scale * (ti - tr);
      return;
    }
    case "G": {
      // R / sqrt(1 + j w tau)
      const y = w * p[k + 1];
      const modulus = Math.hypot(1, y);
      const sr = Math.sqrt((modulus + 1) / 2);
      const si = Math.sqrt((modulus - 1) / 2);
      const m = sr * sr + si * si;
      re[i] = (p[k] * sr) / m;
      im[i] = (-p[k] * si) / m;
      return;
    }
  }
}

function evaluate(
  node: Node,
  p: Float64Array,
  omega: Float64Array,
  re: Float64Array,
  im: Float64Array,
): void {
  const n = omega.length;
  if (node.type === "element") {
    for (let i = 0; i < n; i++) elementImpedance(node.kind, p, node.offset, omega[i], re, im, i);
    return;
  }
  if (node.scratchRe.length !== n) {
    node.scratchRe = new Float64Array(n);
    node.scratchIm = new Float64Array(n);
  }
  const childRe = node.scratchRe;
  const childIm = node.scratchIm;
  re.fill(0);
  im.fill(0);
  for (const child of node.children) {
    evaluate(child, p, omega, childRe, childIm);
    for (let i = 0; i < n; i++) {
      if (node.type === "series") {
        re[i] += childRe[i];
        im[i] += childIm[i];
      } else {
        // admittances add
        const m = childRe[i] * childRe[i] + childIm[i] * childIm[i];
        re[i] += childRe[i] / m;
        im[i] -= childIm[i] / m;
      }
    }
  }
  if (node.type === "parallel") {
    for (let i = 0; i < n; i++) {
      const m = re[i] * re[i] + im[i] * im[i];
      re[i] = re[i] / m;
      im[i] = -im[i] / m;
    }
  }
}
