/** Values against the field tree: which union variant a value takes, new rows, the form's round trip. */
import { numberOrText, quantityFromInput, quantityToInput, textToString, valueToText } from "./codecs.js";
import { type FieldNode, type NodeOf, recordValue, type Variant } from "./model.js";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Whether a value has the shape of a node (loosely: it may still be incomplete or invalid). */
function fits(node: FieldNode, value: unknown): boolean {
  switch (node.kind) {
    case "quantity":
    case "scalar":
      return typeof value === "string" || typeof value === "number";
    case "number":
      return typeof value === "number";
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "enum":
      return node.options.includes(value);
    case "const":
      return JSON.stringify(node.value) === JSON.stringify(value);
    case "object":
      return isRecord(value) && Object.keys(value).every((k) => node.fields.some((f) => f.key === k));
    case "record":
      return isRecord(value);
    case "array":
    case "tuple":
      return Array.isArray(value);
    case "union":
      return node.variants.some((v) => fits(v.node, value));
    case "unsupported":
      return true;
  }
}

/** The variant a value belongs to, or -1 (nothing set, or a value of no variant's shape). */
export function chooseVariant(node: NodeOf<"union">, value: unknown): number {
  if (value === undefined) return -1;
  if (node.discriminator !== undefined) {
    const tag = isRecord(value) ? value[node.discriminator] : undefined;
    return node.variants.findIndex((v) => v.tag === tag);
  }
  const complete = node.variants.findIndex(
    (v) =>
      fits(v.node, value) &&
      (v.node.kind !== "object" ||
        v.node.fields.every((f) => !f.required || (value as object)[f.key as never] !== undefined)),
  );
  return complete >= 0 ? complete : node.variants.findIndex((v) => fits(v.node, value));
}

/** What a new array row or a newly chosen variant starts as: the schema's default, else a blank of its shape. */
export function initialValue(node: FieldNode): unknown {
  if (node.hasDefault) return structuredClone(node.default);
  switch (node.kind) {
    case "object": {
      const value: Record<string, unknown> = {};
      for (const f of node.fields)
        if (f.required && (f.node.kind === "const" || f.node.kind === "union" || f.node.kind === "object"))
          value[f.key] = initialValue(f.node);
      return value;
    }
    case "record":
      return {};
    case "array":
      return [];
    case "tuple":
      return node.items.map(initialValue);
    case "quantity":
      return node.example ?? "";
    case "number":
      return 0;
    case "boolean":
      return false;
    case "enum":
      return node.options[0];
    case "const":
      return node.value;
    case "union":
      return variantValue(node, node.variants[0], undefined);
    default:
      return "";
  }
}

/**
 * The value after switching a union to `variant`: the discriminator set, the fields both variants
 * share kept, and the schema's default used when it is of this variant (kinetics default linear 2 ohm*cm^2).
 */
export function variantValue(node: NodeOf<"union">, variant: Variant, previous: unknown): unknown {
  if (node.hasDefault && chooseVariant(node, node.default) === node.variants.indexOf(variant))
    return structuredClone(node.default);
  const fresh = initialValue(variant.node);
  if (node.discriminator !== undefined && isRecord(fresh)) {
    fresh[node.discriminator] = variant.tag;
    if (isRecord(previous) && variant.node.kind === "object")
      for (const f of variant.node.fields)
        if (f.key !== node.discriminator && previous[f.key] !== undefined) fresh[f.key] = previous[f.key];
  }
  return fresh;
}

export interface Mismatch {
  path: string;
  why: string;
}

/**
 * A value as the form holds it: every leaf shown in its input and read back, through the same codecs
 * the page's inputs use. Where the form has no place for part of the value, `mismatches` says so.
 */
export function throughForm(
  node: FieldNode,
  value: unknown,
  path = "",
  mismatches: Mismatch[] = [],
): unknown {
  if (value === undefined) return undefined;
  const at = (key: string | number) => (path === "" ? String(key) : `${path}.${key}`);
  switch (node.kind) {
    case "object": {
      if (!isRecord(value)) break;
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        const field = node.fields.find((f) => f.key === key);
        if (!field) mismatches.push({ path: at(key), why: "no field for this key" });
        else out[key] = throughForm(field.node, v, at(key), mismatches);
      }
      return out;
    }
    case "record": {
      if (!isRecord(value)) break;
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value))
        out[key] = throughForm(recordValue(node, key), v, at(key), mismatches);
      return out;
    }
    case "array":
      if (!Array.isArray(value)) break;
      return value.map((v, i) => throughForm(node.item, v, at(i), mismatches));
    case "tuple":
      if (!Array.isArray(value)) break;
      return node.items.map((item, i) => throughForm(item, value[i], at(i), mismatches));
    case "union": {
      const index = chooseVariant(node, value);
      if (index < 0) break;
      return throughForm(node.variants[index].node, value, path, mismatches);
    }
    case "quantity":
      return quantityFromInput(quantityToInput(value));
    case "number":
    case "scalar":
      return numberOrText(valueToText(value));
    case "string":
      return textToString(valueToText(value));
    case "boolean":
      return value;
    case "enum":
      // The select keeps a value that is none of its options (shown as such) for the validator to name.
      if (!node.options.includes(value))
        mismatches.push({ path, why: `${JSON.stringify(value)} is not an option` });
      return value;
    case "const":
      return node.value;
    case "unsupported":
      return value;
  }
  mismatches.push({ path, why: `the form has no place for ${JSON.stringify(value)} (${node.kind})` });
  return value;
}
