import { inputError } from "../../errors.js";
import { type Derivatives, type ElementKind, evaluateNode, type Node } from "./impedance.js";

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

export type { ElementKind };

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

/** A parsed circuit: its parameters in order and an allocation-free evaluator over many frequencies. */
export class Circuit {
  readonly text: string;
  readonly parameters: CircuitParameter[];
  private readonly root: Node;
  /** ln omega of the last frequencies evaluated at (kept across calls for `reuseBranches` callers). */
  private logOmega = new Float64Array(0);
  private logOf: Float64Array | null = null;

  constructor(text: string) {
    this.text = text;
    this.parameters = [];
    const parser = new Parser(text.replace(/\s+/g, ""), this.parameters);
    this.root = parser.parse();
  }

  /**
   * Z at angular frequencies `omega` into (re, im). `reuseBranches`: keep the impedance of every
   * branch whose parameters did not change since the last call with this same `omega` array (which
   * the caller then must never change in place).
   */
  impedance(
    parameters: Float64Array,
    omega: Float64Array,
    re: Float64Array,
    im: Float64Array,
    reuseBranches = false,
  ): void {
    evaluateNode(
      this.root,
      parameters,
      omega,
      this.logarithms(omega, reuseBranches),
      re,
      im,
      null,
      reuseBranches,
    );
  }

  /**
   * Z into (re, im) and its derivatives with respect to each parameter (physical units) into
   * `derivatives`: d Re Z_i / d p_k at derivatives.re[k n + i] for n frequencies, likewise Im.
   * `sameOmega`: `omega` is the array of the last `reuseBranches` call, never changed in place, so
   * its logarithms are kept (every branch is evaluated afresh either way).
   */
  impedanceDerivatives(
    parameters: Float64Array,
    omega: Float64Array,
    re: Float64Array,
    im: Float64Array,
    derivatives: Derivatives,
    sameOmega = false,
  ): void {
    evaluateNode(this.root, parameters, omega, this.logarithms(omega, sameOmega), re, im, derivatives, false);
  }

  private logarithms(omega: Float64Array, reuse: boolean): Float64Array {
    if (reuse && this.logOf === omega) return this.logOmega;
    if (this.logOmega.length !== omega.length) this.logOmega = new Float64Array(omega.length);
    for (let i = 0; i < omega.length; i++) this.logOmega[i] = Math.log(omega[i]);
    this.logOf = reuse ? omega : null;
    return this.logOmega;
  }
}

function composite(type: "series" | "parallel", children: Node[]): Node {
  const first = children[0].first;
  const count = children.reduce((sum, child) => sum + child.count, 0);
  return { type, children, first, count, branchRe: [], branchIm: [], branchParameters: [], branchOmega: [] };
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
    return { type: "element", kind, name, first: offset, count: this.parameters.length - offset };
  }
}
