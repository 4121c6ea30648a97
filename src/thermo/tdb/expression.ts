import { inputError } from "../../errors.js";

/**
 * TDB expressions: numbers, T, P, R, function names (optionally ending in '#'), + - * / ** ^,
 * parentheses and LN/LOG (natural), EXP, SQRT. Compiled once into a closure tree.
 */
export type Compiled = (t: number, functions: (name: string) => number) => number;

const GAS_CONSTANT_TDB = 8.31451; // the value Thermo-Calc databases of this era assume

type Token =
  | { kind: "number"; value: number }
  | { kind: "name"; value: string }
  | { kind: "op"; value: string };

const NUMBER_TOKEN = /(\d+\.?\d*|\.\d+)([EeDd][+-]?\d+)?/y;
const NAME_TOKEN = /[A-Za-z_][A-Za-z0-9_]*#?/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let k = 0;
  while (k < text.length) {
    const code = text.charCodeAt(k);
    // ASCII whitespace without a regular expression per character; other Unicode spaces too.
    if (code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(text[k]))) {
      k++;
      continue;
    }
    const c = text[k];
    NUMBER_TOKEN.lastIndex = k;
    const number = NUMBER_TOKEN.exec(text);
    if (number) {
      tokens.push({ kind: "number", value: Number(number[0].replace(/[Dd]/, "E")) });
      k += number[0].length;
      continue;
    }
    NAME_TOKEN.lastIndex = k;
    const name = NAME_TOKEN.exec(text);
    if (name) {
      tokens.push({ kind: "name", value: name[0].replace(/#$/, "").toUpperCase() });
      k += name[0].length;
      continue;
    }
    if (text.startsWith("**", k)) {
      tokens.push({ kind: "op", value: "^" });
      k += 2;
      continue;
    }
    if ("+-*/^()".includes(c)) {
      tokens.push({ kind: "op", value: c });
      k++;
      continue;
    }
    throw inputError("tdb", `unexpected character "${c}" in expression "${text.trim()}"`);
  }
  return tokens;
}

const FUNCTIONS_OF_ONE_ARGUMENT = new Set(["LN", "LOG", "EXP", "SQRT"]);

/**
 * Recursive descent: sum := product (('+'|'-') product)*; product := power (('*'|'/') power)*;
 * power := unary ('^' power)?. A class rather than nested closures: thousands of expressions are
 * compiled per database and only the compiled tree should be allocated.
 */
class ExpressionParser {
  private position = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  compile(): Compiled {
    const compiled = this.sum();
    if (this.position < this.tokens.length) this.fail(`unexpected "${this.tokens[this.position].value}"`);
    return compiled;
  }

  private fail(message: string): never {
    throw inputError("tdb", `${message} in expression "${this.text.trim()}"`);
  }

  private isOp(value: string): boolean {
    const token = this.tokens[this.position];
    return token !== undefined && token.kind === "op" && token.value === value;
  }

  private sum(): Compiled {
    let left = this.product();
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.tokens[this.position++].value;
      const a = left;
      const b = this.product();
      left = op === "+" ? (t, f) => a(t, f) + b(t, f) : (t, f) => a(t, f) - b(t, f);
    }
    return left;
  }

  private product(): Compiled {
    let left = this.power();
    while (this.isOp("*") || this.isOp("/")) {
      const op = this.tokens[this.position++].value;
      const a = left;
      const b = this.power();
      left = op === "*" ? (t, f) => a(t, f) * b(t, f) : (t, f) => a(t, f) / b(t, f);
    }
    return left;
  }

  private power(): Compiled {
    const base = this.unary();
    if (this.isOp("^")) {
      this.position++;
      const exponent = this.power();
      return (t, f) => base(t, f) ** exponent(t, f);
    }
    return base;
  }

  private unary(): Compiled {
    if (this.isOp("-")) {
      this.position++;
      const a = this.unary();
      return (t, f) => -a(t, f);
    }
    if (this.isOp("+")) {
      this.position++;
      return this.unary();
    }
    return this.primary();
  }

  private primary(): Compiled {
    const token = this.tokens[this.position++];
    if (!token) return this.fail("unexpected end");
    if (token.kind === "number") {
      const v = token.value;
      return () => v;
    }
    if (token.kind === "op" && token.value === "(") {
      const inner = this.sum();
      if (!this.isOp(")")) this.fail('expected ")"');
      this.position++;
      return inner;
    }
    if (token.kind === "name") {
      const name = token.value;
      if (this.isOp("(") && FUNCTIONS_OF_ONE_ARGUMENT.has(name)) {
        this.position++;
        const argument = this.sum();
        if (!this.isOp(")")) this.fail('expected ")"');
        this.position++;
        if (name === "EXP") return (t, f) => Math.exp(argument(t, f));
        if (name === "SQRT") return (t, f) => Math.sqrt(argument(t, f));
        return (t, f) => Math.log(argument(t, f));
      }
      if (name === "T") return (t) => t;
      if (name === "P") return () => 101325;
      if (name === "R") return () => GAS_CONSTANT_TDB;
      return (_, f) => f(name);
    }
    return this.fail(`unexpected "${token.value}"`);
  }
}

export function compileExpression(text: string): Compiled {
  return new ExpressionParser(text, tokenize(text)).compile();
}

/** A temperature-piecewise TDB expression: ranges [T_k, T_k+1) each with its own expression. */
export interface Piecewise {
  breakpoints: number[];
  pieces: Compiled[];
  line: number;
}

/** Thermo-Calc's default limits for a parameter or function written without them. */
export const DEFAULT_LOW_K = 298.15;
export const DEFAULT_HIGH_K = 6000;

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[EeDd][+-]?\d+)?`;
const LOWER_LIMIT = new RegExp(`^\\s*(${NUMBER})\\s+([\\s\\S]*\\S[\\s\\S]*)$`);
const UPPER_LIMIT = new RegExp(`^[\\s,]*(${NUMBER})?[\\s,]*([YN])\\b\\s*([\\s\\S]*)$`, "i");

/**
 * Parses "T0 expr; T1 Y expr; T2 N [ref]" (the text after a FUNCTION or PARAMETER name). Thermo-Calc
 * and pycalphad accept the limits left out ("+GALLIQ; N", "+GALLIQ; ,,N"): 298.15 K and 6000 K.
 */
export function parsePiecewise(text: string, line: number): Piecewise {
  const parts = text.split(";");
  const head = LOWER_LIMIT.exec(parts[0]);
  const breakpoints = [head ? Number(head[1].replace(/[Dd]/, "E")) : DEFAULT_LOW_K];
  const first = head ? head[2] : parts[0];
  if (first.trim() === "")
    throw inputError("tdb", "expected an expression after the lower temperature limit");
  const pieces = [compileExpression(first)];
  for (let k = 1; k < parts.length; k++) {
    const range = UPPER_LIMIT.exec(parts[k]);
    if (!range) throw inputError("tdb", `expected "<upper T limit> Y|N" after ";", got "${parts[k].trim()}"`);
    breakpoints.push(range[1] === undefined ? DEFAULT_HIGH_K : Number(range[1].replace(/[Dd]/, "E")));
    if (range[2].toUpperCase() === "N") break;
    pieces.push(compileExpression(range[3]));
  }
  if (parts.length === 1) breakpoints.push(DEFAULT_HIGH_K);
  if (breakpoints.length !== pieces.length + 1)
    throw inputError("tdb", 'temperature ranges do not close with "N"');
  return { breakpoints, pieces, line };
}

/** Value at T, using the range that contains T (the nearest range outside, flagged by `outside`). */
export function evaluatePiecewise(
  p: Piecewise,
  t: number,
  functions: (name: string) => number,
  outside?: (range: [number, number]) => void,
): number {
  const { breakpoints, pieces } = p;
  if (t < breakpoints[0] || t > breakpoints[breakpoints.length - 1])
    outside?.([breakpoints[0], breakpoints[breakpoints.length - 1]]);
  let k = 0;
  while (k < pieces.length - 1 && t >= breakpoints[k + 1]) k++;
  return pieces[k](t, functions);
}
