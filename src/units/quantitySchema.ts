import { z } from "zod";
import { type Dimension, withArticle } from "./dimensions.js";
import { plausibilityWarning } from "./plausibility.js";
import { parseQuantity } from "./quantity.js";

interface QuantityOptions {
  description: string;
  /** Default as a researcher would write it ("5 um"); omitted means the field is required. */
  default?: string;
  /** Bounds on the SI value; the message states them in the unit of the default or example. */
  exclusiveMinimum?: number;
  minimum?: number;
}

/**
 * Zod has no warnings, and only the issue path knows which field a value sits in. So while
 * `checkingPlausibility` runs, an implausible bare number becomes an issue marked as a warning;
 * validate.ts separates those from real problems.
 */
let plausibilityCheck: { raised: number } | undefined;

export const PLAUSIBILITY = "plausibility";

/** Runs `parse` with plausibility issues on; `raised` counts them (some may sit in union branches). */
export function checkingPlausibility<T>(parse: () => T): { value: T; raised: number } {
  const previous = plausibilityCheck;
  const check = { raised: 0 };
  plausibilityCheck = check;
  try {
    return { value: parse(), raised: check.raised };
  } finally {
    plausibilityCheck = previous;
  }
}

function stringOrNumberSchema(dimension: Dimension) {
  return z.union([z.string(), z.number()], {
    error: (issue) =>
      `expected ${withArticle(dimension)} (e.g. "${dimension.example}"), got ${describe(issue.input)}`,
  });
}

/**
 * Building zod schemas is most of what importing the library costs (~120 quantity fields), so
 * the fields of one dimension share their input schema, which holds nothing but the dimension.
 */
const stringOrNumberOf = new WeakMap<Dimension, ReturnType<typeof stringOrNumberSchema>>();

function stringOrNumber(dimension: Dimension) {
  let schema = stringOrNumberOf.get(dimension);
  if (!schema) {
    schema = stringOrNumberSchema(dimension);
    stringOrNumberOf.set(dimension, schema);
  }
  return schema;
}

/**
 * A physical quantity in a scenario: a string with units or a bare number in SI. Parsed to its SI
 * value; wrong dimensions and out-of-range values are reported with the field's own words.
 */
function quantitySchema(dimension: Dimension, options: QuantityOptions) {
  return (
    stringOrNumber(dimension)
      .transform((input, context) => {
        const parsed = parseQuantity(input, dimension);
        if (!parsed.ok) {
          context.addIssue({ code: "custom", message: parsed.message });
          return z.NEVER;
        }
        const { exclusiveMinimum, minimum } = options;
        if (exclusiveMinimum !== undefined && !(parsed.value > exclusiveMinimum)) {
          context.addIssue({
            code: "custom",
            message: `expected ${exclusiveMinimum === 0 ? `a positive ${dimension.name}` : `${withArticle(dimension)} greater than ${exclusiveMinimum} ${dimension.si}`}, got ${describe(input)}`,
          });
          return z.NEVER;
        }
        if (minimum !== undefined && !(parsed.value >= minimum)) {
          context.addIssue({
            code: "custom",
            message: `expected ${withArticle(dimension)} of at least ${minimum} ${dimension.si}, got ${describe(input)}`,
          });
          return z.NEVER;
        }
        const warning = plausibilityCheck ? plausibilityWarning(input, parsed.value, dimension) : undefined;
        if (plausibilityCheck && warning) {
          plausibilityCheck.raised++;
          context.addIssue({
            code: "custom",
            message: warning,
            params: { kind: PLAUSIBILITY },
            continue: true,
          });
        }
        return parsed.value;
      })
      // `register` is `meta` without the copy `meta` makes of a schema nothing else holds.
      .register(z.globalRegistry, {
        description: options.description,
        dimension: dimension.name,
        unit: dimension.si,
        example: dimension.example,
      })
  );
}

type QuantitySchema = ReturnType<typeof quantitySchema>;

export function quantity(
  dimension: Dimension,
  options: QuantityOptions & { default: string },
): z.ZodPrefault<QuantitySchema>;
export function quantity(dimension: Dimension, options: QuantityOptions): QuantitySchema;
export function quantity(
  dimension: Dimension,
  options: QuantityOptions,
): QuantitySchema | z.ZodPrefault<QuantitySchema> {
  const schema = quantitySchema(dimension, options);
  return options.default === undefined ? schema : schema.prefault(options.default);
}

/** A positive physical quantity (thicknesses, diffusivities, concentrations…). */
export function positiveQuantity(
  dimension: Dimension,
  options: Omit<QuantityOptions, "exclusiveMinimum"> & { default: string },
): z.ZodPrefault<QuantitySchema>;
export function positiveQuantity(
  dimension: Dimension,
  options: Omit<QuantityOptions, "exclusiveMinimum">,
): QuantitySchema;
export function positiveQuantity(
  dimension: Dimension,
  options: Omit<QuantityOptions, "exclusiveMinimum">,
): QuantitySchema | z.ZodPrefault<QuantitySchema> {
  return quantity(dimension, { ...options, exclusiveMinimum: 0 });
}

export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  // JSON would print NaN and Infinity (YAML .nan, .inf) as null.
  const text = JSON.stringify(value, (_, v) =>
    typeof v === "number" && !Number.isFinite(v) ? String(v) : v,
  ).replace(/"(-?Infinity|NaN)"/g, "$1");
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
