import type { MathNode } from "mathjs";
import { inputError } from "../../errors.js";
import { unitsLibrary } from "../../units/index.js";
import { readQuantity } from "./quantities.js";

/**
 * `sweep.constraints`: conditions over the swept values that a point must meet, e.g.
 * `contour.height < contour.period` or `layer.thickness >= 5 um and porosity < 0.5`. Parsed by
 * the units library's expression parser (mathjs, no JavaScript eval), then checked against a white
 * list: numbers, units, axis paths, + - * / ^, comparisons, and/or/not and parentheses. No
 * functions, assignments or property access, so a file cannot run anything but arithmetic.
 */
export interface Constraint {
  text: string;
  field: string;
  /** The axis paths it reads. */
  paths: string[];
  holds(values: Record<string, unknown>): boolean;
}

const OPERATORS = new Set([
  "add",
  "subtract",
  "multiply",
  "divide",
  "pow",
  "unaryMinus",
  "unaryPlus",
  "smaller",
  "smallerEq",
  "larger",
  "largerEq",
  "equal",
  "unequal",
  "and",
  "or",
  "not",
]);

const WORDS = new Set(["and", "or", "not"]);

/** Numbers first, so that 1e-3 is one token; then names, dotted paths included. */
const TOKENS = /(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)/g;

const symbolOf = (k: number) => `axis_${k}__`;

export function parseConstraint(text: unknown, index: number, paths: string[]): Constraint {
  const field = `sweep.constraints[${index}]`;
  if (typeof text !== "string" || text.trim() === "")
    throw inputError(
      field,
      `expected a condition over the axes such as "contour.height < contour.period", got ${JSON.stringify(text)}`,
    );
  const used = new Set<number>();
  const rewritten = text.replace(TOKENS, (token, number: string | undefined, name: string | undefined) => {
    if (number !== undefined || name === undefined) return token;
    const axis = paths.indexOf(name);
    if (axis >= 0) {
      used.add(axis);
      return symbolOf(axis);
    }
    if (WORDS.has(name) || (!name.includes(".") && unitsLibrary().Unit.isValuelessUnit(name))) return token;
    throw inputError(
      field,
      `"${text}" names ${JSON.stringify(name)}, which is not a swept axis; the axes are ${paths.join(", ")}`,
    );
  });
  let tree: MathNode;
  try {
    tree = unitsLibrary().parse(rewritten);
  } catch (error) {
    throw inputError(field, `cannot read "${text}": ${(error as Error).message}`);
  }
  tree.traverse((node) => {
    const allowed =
      node.type === "ConstantNode" ||
      node.type === "ParenthesisNode" ||
      node.type === "SymbolNode" ||
      (node.type === "OperatorNode" && OPERATORS.has((node as unknown as { fn: string }).fn));
    if (!allowed)
      throw inputError(
        field,
        `"${text}" uses ${node.toString()}; a constraint may only compare arithmetic of axes and numbers with units`,
      );
  });
  const compiled = tree.compile();
  const usedPaths = [...used].map((k) => paths[k]);
  return {
    text,
    field,
    paths: usedPaths,
    holds(values) {
      const scope: Record<string, unknown> = {};
      for (const k of used) {
        const value = values[paths[k]];
        const q = readQuantity(value);
        if (!q)
          throw inputError(field, `"${text}" needs ${paths[k]} to be a number, got ${JSON.stringify(value)}`);
        scope[symbolOf(k)] = q.unit ? unitsLibrary().unit(String(value)) : q.magnitude;
      }
      let result: unknown;
      try {
        result = compiled.evaluate(scope);
      } catch (error) {
        const at = usedPaths.map((p) => `${p} = ${JSON.stringify(values[p])}`).join(", ");
        throw inputError(field, `cannot evaluate "${text}" at ${at}: ${(error as Error).message}`);
      }
      if (typeof result !== "boolean")
        throw inputError(field, `"${text}" must be a condition (true or false), got ${String(result)}`);
      return result;
    },
  };
}

/** `sweep.constraints`: one condition or a list of them, all of which a point must meet. */
export function parseConstraints(spec: unknown, paths: string[]): Constraint[] {
  if (spec === undefined) return [];
  const list = Array.isArray(spec) ? spec : [spec];
  return list.map((text, k) => parseConstraint(text, k, paths));
}
