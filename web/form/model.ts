/**
 * The scenario editor's model: a study's JSON schema (from `describeStudy`, i.e. z.toJSONSchema of the
 * study's zod schema) turned into a tree of fields the page renders. Pure: no DOM, no library code, so
 * it ships light and is tested against every study's real schema.
 */

export type Json = Record<string, unknown>;

interface Common {
  title?: string;
  description?: string;
  /** Present when the schema states a default (the value that applies when the field is left out). */
  default?: unknown;
  hasDefault: boolean;
}

export interface ObjectField {
  key: string;
  required: boolean;
  node: FieldNode;
}

export interface Variant {
  label: string;
  node: FieldNode;
  /** The discriminator's value that selects this variant (kinetics `type: linear`). */
  tag?: unknown;
}

export type FieldNode = Common &
  (
    | { kind: "object"; fields: ObjectField[] }
    /** Free keys (canonical field -> column header); `keys` lists them when the schema fixes the choice. */
    | {
        kind: "record";
        keys?: unknown[];
        /** Keys to suggest, and the value each takes (a sweep over `layer.thickness` lists lengths). */
        keyHints?: string[];
        valueByKey?: Record<string, FieldNode>;
        value: FieldNode;
      }
    | { kind: "array"; item: FieldNode; minItems?: number; maxItems?: number }
    | { kind: "tuple"; items: FieldNode[] }
    /** A physical quantity: "10 um" or a bare number in SI (src/units/quantitySchema.ts `quantity`). */
    | { kind: "quantity"; dimension: string; unit: string; example?: string }
    | { kind: "number"; integer: boolean }
    | { kind: "string" }
    /** A number or a string with no stated dimension (circuit parameters "50 ohm" or 1e-6). */
    | { kind: "scalar" }
    | { kind: "boolean" }
    | { kind: "enum"; options: unknown[] }
    | { kind: "const"; value: unknown }
    | { kind: "union"; discriminator?: string; variants: Variant[] }
    | { kind: "unsupported"; reason: string }
  );

export type NodeOf<K extends FieldNode["kind"]> = Extract<FieldNode, { kind: K }>;

const isJson = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Follows a local `$ref` ("#/$defs/Kinetics"); anything else is left for the caller to refuse. */
function resolve(schema: Json, root: Json, seen: Set<string>): Json | string {
  let current = schema;
  while (typeof current.$ref === "string") {
    const ref = current.$ref;
    if (seen.has(ref)) return `recursive reference ${ref}`;
    seen.add(ref);
    if (!ref.startsWith("#/")) return `external reference ${ref}`;
    let target: unknown = root;
    for (const part of ref.slice(2).split("/")) {
      const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
      target = isJson(target) ? target[key] : undefined;
    }
    if (!isJson(target)) return `unresolved reference ${ref}`;
    const { $ref: _, ...rest } = current;
    current = { ...target, ...rest };
  }
  if (Array.isArray(current.allOf) && current.allOf.length === 1 && isJson(current.allOf[0])) {
    const { allOf, ...rest } = current;
    return resolve({ ...(allOf[0] as Json), ...rest }, root, seen);
  }
  return current;
}

function common(schema: Json): Common {
  return {
    title: typeof schema.title === "string" ? schema.title : undefined,
    description: typeof schema.description === "string" ? schema.description : undefined,
    default: schema.default,
    hasDefault: "default" in schema,
  };
}

/** The single value a schema admits (`const`, or an enum of one), else undefined. */
function constOf(schema: Json): { value: unknown } | undefined {
  if ("const" in schema) return { value: schema.const };
  if (Array.isArray(schema.enum) && schema.enum.length === 1) return { value: schema.enum[0] };
  return undefined;
}

/** The property every variant fixes to a distinct constant (`type` for kinetics, `model` for potentials). */
function findDiscriminator(variants: Json[]): string | undefined {
  const first = variants[0];
  if (!isJson(first?.properties)) return undefined;
  for (const key of Object.keys(first.properties)) {
    const tags = variants.map((v) => {
      const property = isJson(v.properties) ? v.properties[key] : undefined;
      const required = Array.isArray(v.required) && v.required.includes(key);
      return isJson(property) && required ? constOf(property) : undefined;
    });
    if (
      tags.every((t) => t !== undefined) &&
      new Set(tags.map((t) => JSON.stringify(t.value))).size === tags.length
    )
      return key;
  }
  return undefined;
}

function variantLabel(node: FieldNode, index: number): string {
  if (node.title) return node.title;
  switch (node.kind) {
    case "quantity":
      return node.dimension;
    case "const":
      return String(node.value);
    case "enum":
      return node.options.map(String).join(" / ");
    case "array":
      return "list";
    case "object": {
      const required = node.fields.filter((f) => f.required).map((f) => f.key);
      return (required.length > 0 ? required : node.fields.map((f) => f.key)).join(", ") || "object";
    }
    case "number":
    case "string":
    case "boolean":
      return node.kind;
    default:
      return `option ${index + 1}`;
  }
}

function buildUnion(schema: Json, options: unknown[], root: Json, seen: Set<string>): FieldNode {
  const base = common(schema);
  const resolved = options.map((o) => (isJson(o) ? resolve(o, root, new Set(seen)) : "non-object variant"));
  const failure = resolved.find((r) => typeof r === "string");
  if (typeof failure === "string") return { ...base, kind: "unsupported", reason: failure };
  const variants = resolved as Json[];
  // A choice among constants (DRT derivative order 1 or 2) is an enum.
  const constants = variants.map(constOf);
  if (constants.every((c) => c !== undefined) || variants.every((v) => constOf(v) || Array.isArray(v.enum))) {
    const values = variants.flatMap((v) => constOf(v)?.value ?? (v.enum as unknown[]));
    return { ...base, kind: "enum", options: [...new Set(values)] };
  }
  const discriminator = findDiscriminator(variants);
  if (discriminator !== undefined)
    return {
      ...base,
      kind: "union",
      discriminator,
      variants: variants.map((v) => {
        const tag = constOf((v.properties as Json)[discriminator] as Json)?.value;
        return { node: build(v, root, seen), tag, label: String(tag) };
      }),
    };
  // A table variant is itself rows-or-CSV: one select offers all three.
  const flat = variants.flatMap((v, i): Variant[] => {
    const node = build(v, root, seen);
    return node.kind === "union" && node.discriminator === undefined
      ? node.variants
      : [{ node, label: variantLabel(node, i) }];
  });
  return { ...base, kind: "union", variants: flat };
}

/** `seen`: the references followed on the way down to this node (siblings may share a definition). */
function build(input: Json, root: Json, above: Set<string>): FieldNode {
  const seen = new Set(above);
  const schema = resolve(input, root, seen);
  if (typeof schema === "string") return { ...common(input), kind: "unsupported", reason: schema };
  const base = common(schema);
  // How schema.ts marks a quantity: zod .meta({ dimension, unit, example }) on a string-or-number.
  if (typeof schema.dimension === "string")
    return {
      ...base,
      kind: "quantity",
      dimension: schema.dimension,
      unit: typeof schema.unit === "string" ? schema.unit : "",
      example: typeof schema.example === "string" ? schema.example : undefined,
    };
  const only = constOf(schema);
  if (only && !Array.isArray(schema.anyOf) && !Array.isArray(schema.oneOf))
    return { ...base, kind: "const", value: only.value };
  if (Array.isArray(schema.enum)) return { ...base, kind: "enum", options: schema.enum };
  const union = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(union)) return buildUnion(schema, union, root, seen);
  const type = schema.type;
  if (Array.isArray(type)) {
    const kinds = new Set(type);
    if (kinds.size === 2 && kinds.has("string") && (kinds.has("number") || kinds.has("integer")))
      return { ...base, kind: "scalar" };
    return { ...base, kind: "unsupported", reason: `type ${JSON.stringify(type)}` };
  }
  switch (type) {
    case "object":
      return buildObject(schema, base, root, seen);
    case "array":
      return buildArray(schema, base, root, seen);
    case "number":
    case "integer":
      return { ...base, kind: "number", integer: type === "integer" };
    case "string":
      return { ...base, kind: "string" };
    case "boolean":
      return { ...base, kind: "boolean" };
    default:
      return {
        ...base,
        kind: "unsupported",
        reason: type === undefined ? "no type" : `type ${String(type)}`,
      };
  }
}

function buildObject(schema: Json, base: Common, root: Json, seen: Set<string>): FieldNode {
  const properties = isJson(schema.properties) ? schema.properties : {};
  const extra = schema.additionalProperties;
  if (isJson(extra) && Object.keys(properties).length === 0) {
    const names = isJson(schema.propertyNames) ? schema.propertyNames : {};
    const keys = Array.isArray(names.enum) ? names.enum : undefined;
    return { ...base, kind: "record", keys, value: build(extra, root, seen) };
  }
  if (isJson(extra)) return { ...base, kind: "unsupported", reason: "properties with additionalProperties" };
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const fields = Object.entries(properties).map(([key, property]) => ({
    key,
    required: required.has(key),
    node: isJson(property)
      ? build(property, root, seen)
      : ({ kind: "unsupported", reason: "boolean schema", hasDefault: false } as FieldNode),
  }));
  return { ...base, kind: "object", fields };
}

function buildArray(schema: Json, base: Common, root: Json, seen: Set<string>): FieldNode {
  if (Array.isArray(schema.prefixItems))
    return {
      ...base,
      kind: "tuple",
      items: schema.prefixItems.map((item) =>
        isJson(item)
          ? build(item, root, seen)
          : ({ kind: "unsupported", reason: "boolean schema", hasDefault: false } as FieldNode),
      ),
    };
  if (!isJson(schema.items)) return { ...base, kind: "unsupported", reason: "array without items" };
  const rows: FieldNode = {
    ...base,
    kind: "array",
    item: build(schema.items, root, seen),
    minItems: typeof schema.minItems === "number" ? schema.minItems : undefined,
    maxItems: typeof schema.maxItems === "number" ? schema.maxItems : undefined,
  };
  return rows.item.kind === "object" ? tableOrCsv(rows) : rows;
}

/**
 * The CLI lets `{ csv: "file.csv" }` stand in for any table (src/cli/tables.ts: a collector profile
 * measured elsewhere), so a list of rows is offered as rows or a CSV file.
 */
function tableOrCsv(rows: FieldNode): FieldNode {
  const csv: FieldNode = {
    kind: "string",
    hasDefault: false,
    description: "CSV file with a header row naming the columns, units as in `x / um`",
  };
  return {
    ...rows,
    kind: "union",
    discriminator: undefined,
    variants: [
      { label: "rows", node: { ...rows, description: undefined, hasDefault: false, default: undefined } },
      {
        label: "CSV file",
        node: { kind: "object", hasDefault: false, fields: [{ key: "csv", required: true, node: csv }] },
      },
    ],
  };
}

/** The field tree of a JSON schema. */
export function buildFieldTree(schema: Json): FieldNode {
  return build(schema, schema, new Set());
}

/** Every node of a tree with its path (array items and record values under "*"). */
export function* walk(node: FieldNode, path: string[] = []): Generator<{ node: FieldNode; path: string[] }> {
  yield { node, path };
  switch (node.kind) {
    case "object":
      for (const f of node.fields) yield* walk(f.node, [...path, f.key]);
      break;
    case "record":
      yield* walk(node.value, [...path, "*"]);
      break;
    case "array":
      yield* walk(node.item, [...path, "*"]);
      break;
    case "tuple":
      for (const [i, item] of node.items.entries()) yield* walk(item, [...path, String(i)]);
      break;
    case "union":
      for (const v of node.variants) yield* walk(v.node, path);
      break;
  }
}

/** The node of a record's value under `key`. */
export function recordValue(node: NodeOf<"record">, key: string): FieldNode {
  return node.valueByKey?.[key] ?? node.value;
}
